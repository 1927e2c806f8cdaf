// Creating a listing of a channel. A variation names its parent by channel SKU; the parent must
// be a `parent` listing of the same channel and seller. Nothing is written on any error.
import { bumpMappingVersion } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import { normalizeSellerId } from "../channels/seller-id.ts";
import type { Db } from "../db/database.ts";
import { AppError, isUniqueViolation } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { normalizeSku } from "../shared/sku.ts";
import { findListingsBySkus } from "./listing-lookup.ts";
import { barcodeColumns, externalIdColumn, optionalText } from "./listing-values.ts";
import { getListingView, type Listing } from "./listing-view.ts";
import type { CreateListingBody } from "./schemas.ts";

export async function createListing(
  db: Db,
  options: { accountId: string; channelId: string; listing: CreateListingBody },
): Promise<Listing> {
  const { accountId, listing: input } = options;
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, accountId, options.channelId);
    const channelSku = normalizeSku(input.channelSku, "channelSku");
    const sellerId = input.sellerId === undefined ? channel.sellerId : normalizeSellerId(input.sellerId);
    const parentId = await resolveParent(trx, {
      accountId,
      channelId: channel.id,
      sellerId,
      type: input.type,
      parentChannelSku: input.parentChannelSku,
    });
    const existing = await findListingsBySkus(trx, {
      accountId,
      channelId: channel.id,
      sellerId,
      channelSkus: [channelSku],
    });
    if (existing.has(channelSku)) throw listingExists(channelSku, sellerId);

    const now = nowIso();
    const id = newId();
    try {
      await trx
        .insertInto("listings")
        .values({
          account_id: accountId,
          id,
          channel_id: channel.id,
          seller_id: sellerId,
          channel_sku: channelSku,
          type: input.type,
          parent_id: parentId,
          title: optionalText(input.title),
          category: optionalText(input.category),
          ...barcodeColumns(input.barcode),
          external_id: externalIdColumn(input.externalId),
          price_amount: input.price?.amount ?? null,
          price_currency: input.price?.currency ?? null,
          quantity: input.quantity ?? null,
          status: input.status ?? "active",
          missing_on_channel: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    } catch (error) {
      // A concurrent request created the same listing between our check and insert.
      if (isUniqueViolation(error)) throw listingExists(channelSku, sellerId);
      throw error;
    }
    // the mapping index holds parents (never sellable)
    if (input.type === "parent") await bumpMappingVersion(trx, accountId, channel.id, [id]);
    return getListingView(trx, { accountId, channelId: channel.id, listingId: id });
  });
}

function listingExists(channelSku: string, sellerId: string): AppError {
  return new AppError(
    "LISTING_EXISTS",
    `A listing with channel SKU "${channelSku}" already exists for this channel and seller.`,
    { field: "channelSku", value: channelSku, sellerId },
  );
}

/** The parent's id for a variation; null for every other type (which must not name a parent). */
async function resolveParent(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    sellerId: string;
    type: CreateListingBody["type"];
    parentChannelSku: string | undefined;
  },
): Promise<string | null> {
  const { parentChannelSku } = options;
  if (options.type !== "variation") {
    if (parentChannelSku !== undefined) {
      throw new AppError(
        "VALIDATION_FAILED",
        `Only a variation has a parent; this listing is a ${options.type}.`,
        {
          field: "parentChannelSku",
          value: parentChannelSku,
        },
      );
    }
    return null;
  }
  if (parentChannelSku === undefined) {
    throw new AppError("VALIDATION_FAILED", "A variation needs parentChannelSku naming its parent listing.", {
      field: "parentChannelSku",
    });
  }
  const sku = normalizeSku(parentChannelSku, "parentChannelSku");
  const found = await findListingsBySkus(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    sellerId: options.sellerId,
    channelSkus: [sku],
  });
  const parent = found.get(sku);
  if (!parent) {
    throw new AppError(
      "PARENT_NOT_FOUND",
      `No parent listing "${sku}" in this channel for seller "${options.sellerId}".`,
      { field: "parentChannelSku", value: sku },
    );
  }
  if (parent.type !== "parent") {
    throw new AppError("INVALID_PARENT", `Listing "${sku}" is a ${parent.type}, not a parent listing.`, {
      field: "parentChannelSku",
      value: sku,
      type: parent.type,
    });
  }
  return parent.id;
}
