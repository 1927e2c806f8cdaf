// Listing lookups other areas build on (mappings, imports, order translation): by id, by
// (channel, seller id, channel SKU), children of a parent, and ensureListing, which makes a
// `single` listing for an unknown channel SKU without ever creating a duplicate.
import type { Selectable } from "kysely";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import type { ListingTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { normalizeSku } from "../shared/sku.ts";

export const listingTypes = ["single", "parent", "variation", "bundle"] as const;
export type ListingType = (typeof listingTypes)[number];

export type ListingRef = {
  id: string;
  channelId: string;
  sellerId: string;
  channelSku: string;
  type: ListingType;
  parentId: string | null;
  title: string | null;
  category: string | null;
  barcode: string | null;
  barcodeGtin: string | null;
  externalId: string | null;
  status: string;
  missingOnChannel: boolean;
};

export type ListingRow = Selectable<ListingTable>;

// Well below SQLite's and PostgreSQL's bound-parameter limits.
const chunkSize = 500;

export function toListingRef(row: ListingRow): ListingRef {
  return {
    id: row.id,
    channelId: row.channel_id,
    sellerId: row.seller_id,
    channelSku: row.channel_sku,
    type: row.type as ListingType,
    parentId: row.parent_id,
    title: row.title,
    category: row.category,
    barcode: row.barcode,
    barcodeGtin: row.barcode_gtin,
    externalId: row.external_id,
    status: row.status,
    missingOnChannel: Number(row.missing_on_channel) === 1,
  };
}

function chunksOf<T>(values: T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += chunkSize) chunks.push(values.slice(i, i + chunkSize));
  return chunks;
}

/** The listing of this channel, or LISTING_NOT_FOUND (404). */
export async function getListing(
  db: Db,
  accountId: string,
  channelId: string,
  listingId: string,
): Promise<ListingRef> {
  const row = await db
    .selectFrom("listings")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", listingId)
    .where("channel_id", "=", channelId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError("LISTING_NOT_FOUND", "Listing not found in this channel.", {
      field: "listingId",
      value: listingId,
    });
  }
  return toListingRef(row);
}

/** Listings by id within the account (any channel); unknown ids are absent from the map. */
export async function getListingsByIds(
  db: Db,
  accountId: string,
  ids: string[],
): Promise<Map<string, ListingRef>> {
  const found = new Map<string, ListingRef>();
  for (const chunk of chunksOf([...new Set(ids)])) {
    const rows = await db
      .selectFrom("listings")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) found.set(row.id, toListingRef(row));
  }
  return found;
}

/** Listings of one channel and seller keyed by their exact channel SKU; unknown SKUs are absent. */
export async function findListingsBySkus(
  db: Db,
  options: { accountId: string; channelId: string; sellerId: string; channelSkus: string[] },
): Promise<Map<string, ListingRef>> {
  const found = new Map<string, ListingRef>();
  for (const chunk of chunksOf([...new Set(options.channelSkus)])) {
    const rows = await db
      .selectFrom("listings")
      .selectAll()
      .where("account_id", "=", options.accountId)
      .where("channel_id", "=", options.channelId)
      .where("seller_id", "=", options.sellerId)
      .where("channel_sku", "in", chunk)
      .execute();
    for (const row of rows) found.set(row.channel_sku, toListingRef(row));
  }
  return found;
}

/**
 * The listing for (channel, seller id, channel SKU), created as `type` (default `single`) when
 * unknown. Concurrent callers race on the unique key: the database keeps one row, and every
 * caller reads that row back; `created` is true only for the caller whose insert won.
 */
export async function ensureListing(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    sellerId?: string;
    channelSku: string;
    type?: ListingType;
  },
): Promise<{ listing: ListingRef; created: boolean }> {
  const channel = await getChannel(db, options.accountId, options.channelId);
  const sellerId = options.sellerId ?? channel.sellerId;
  const channelSku = normalizeSku(options.channelSku, "channelSku");
  const now = nowIso();
  const id = newId();
  await db
    .insertInto("listings")
    .values({
      account_id: options.accountId,
      id,
      channel_id: channel.id,
      seller_id: sellerId,
      channel_sku: channelSku,
      type: options.type ?? "single",
      status: "active",
      missing_on_channel: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(["account_id", "channel_id", "seller_id", "channel_sku"]).doNothing())
    .execute();
  const row = await db
    .selectFrom("listings")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", channel.id)
    .where("seller_id", "=", sellerId)
    .where("channel_sku", "=", channelSku)
    .executeTakeFirstOrThrow();
  return { listing: toListingRef(row), created: row.id === id };
}

/** Variations of a parent listing, in the order they were made. */
export async function listChildListings(db: Db, accountId: string, parentId: string): Promise<ListingRef[]> {
  const rows = await db
    .selectFrom("listings")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("parent_id", "=", parentId)
    .orderBy("id")
    .execute();
  return rows.map(toListingRef);
}
