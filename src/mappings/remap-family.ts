// Remap a family as a whole (Cin7's way out of a partly mapped family): every mapping of the
// parent's variations and every mapping on this channel that uses a variant of the product is
// replaced by the given pairs, in one transaction recorded as one operation.

import { findVariantsBySkus, getVariantsByIds } from "../catalog/variant-lookup.ts";
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { findListingsBySkus, listChildListings } from "../listings/listing-lookup.ts";
import { AppError } from "../shared/errors.ts";
import { findListingsUsingVariants, listMappedVariantIds } from "./mapping-store.ts";
import { type MappingChange, type WriteMappingsResult, writeMappings } from "./write-mappings.ts";

export type RemapFamilyOptions = {
  accountId: string;
  channelId: string;
  actorUserId: string | null;
  parentChannelSku: string;
  sellerId?: string | undefined;
  productId: string;
  pairs: Array<{ channelSku: string; sku: string }>;
};

export async function remapFamily(db: Db, options: RemapFamilyOptions): Promise<WriteMappingsResult> {
  const { accountId } = options;
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, accountId, options.channelId);
    await lockMappingWrites(trx, accountId, channel.id);
    const sellerId = options.sellerId ?? channel.sellerId;
    const parentSku = options.parentChannelSku.trim();
    const parent = (
      await findListingsBySkus(trx, { accountId, channelId: channel.id, sellerId, channelSkus: [parentSku] })
    ).get(parentSku);
    if (parent?.type !== "parent") {
      throw new AppError("LISTING_NOT_FOUND", `No parent listing ${parentSku} in this channel.`, {
        field: "parentChannelSku",
        value: parentSku,
      });
    }
    const children = new Map(
      (await listChildListings(trx, accountId, parent.id)).map((c) => [c.channelSku, c]),
    );
    const variants = await findVariantsBySkus(
      trx,
      accountId,
      options.pairs.map((p) => p.sku.trim()),
    );
    const changes = new Map<string, MappingChange>();
    for (const child of children.values()) changes.set(child.id, { listingId: child.id, components: null });
    const mappedFamily = [
      ...(
        await getVariantsByIds(trx, accountId, await listMappedVariantIds(trx, accountId, channel.id))
      ).values(),
    ]
      .filter((v) => v.productId === options.productId)
      .map((v) => v.id);
    const users = await findListingsUsingVariants(trx, {
      accountId,
      channelId: channel.id,
      variantIds: mappedFamily,
    });
    for (const listingId of new Set([...users.values()].flat()))
      changes.set(listingId, { listingId, components: null });
    const seen = new Set<string>();
    options.pairs.forEach((pair, index) => {
      const child = children.get(pair.channelSku.trim());
      if (!child) {
        throw new AppError(
          "LISTING_NOT_FOUND",
          `pairs.${index}: ${pair.channelSku} is not a variation of ${parentSku}.`,
          {
            field: `pairs.${index}.channelSku`,
            value: pair.channelSku,
          },
        );
      }
      const variant = variants.get(pair.sku.trim());
      if (!variant || variant.productId !== options.productId) {
        throw new AppError(
          "VARIANT_NOT_FOUND",
          `pairs.${index}: ${pair.sku} is not a variant of the product.`,
          {
            field: `pairs.${index}.sku`,
            value: pair.sku,
          },
        );
      }
      if (seen.has(child.id)) {
        throw new AppError("VALIDATION_FAILED", `pairs.${index}: ${pair.channelSku} is given twice.`, {
          field: `pairs.${index}.channelSku`,
          value: pair.channelSku,
        });
      }
      seen.add(child.id);
      changes.set(child.id, { listingId: child.id, components: [{ variantId: variant.id, quantity: 1 }] });
    });
    return writeMappings(trx, {
      accountId,
      channelId: channel.id,
      actorUserId: options.actorUserId,
      origin: "manual",
      kind: "remap-family",
      summary: `Remapped family ${parentSku} to ${options.pairs.length} variant(s)`,
      changes: [...changes.values()],
    });
  });
}
