// Impact preview (`?preview=true`): which listings' channel quantities a mapping change would
// change and how, computed from the stored stock with the proposed components, nothing written.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { computeListingQuantities } from "../inventory/availability.ts";
import { findListingsBySkus, getListingsByIds } from "../listings/listing-lookup.ts";
import { AppError } from "../shared/errors.ts";
import { normalizeSku } from "../shared/sku.ts";
import { checkListingAccepts } from "./create-mapping.ts";
import type { Component } from "./mapping-state.ts";
import { listMappedListingIds, loadMappingsByListings } from "./mapping-store.ts";
import { getMappingRecord } from "./present-mappings.ts";
import { type ComponentInput, resolveComponents } from "./resolve-components.ts";

export type ImpactChange = {
  listingId: string;
  channelSku: string;
  quantityBefore: number | null;
  quantityAfter: number | null;
};
export type ImpactPreview = { preview: true; changes: ImpactChange[] };

const newListingId = "new";

async function previewChanges(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    override: Map<string, Component[] | null>;
    skus: Map<string, string>;
  },
): Promise<ImpactPreview> {
  const { accountId, channelId, override } = options;
  const ids = [...override.keys()];
  const stored = ids.filter((id) => id !== newListingId);
  const mapped = await loadMappingsByListings(db, accountId, stored);
  const before = await computeListingQuantities(db, { accountId, channelId, listingIds: stored });
  const after = await computeListingQuantities(db, { accountId, channelId, listingIds: [], override });
  const changes: ImpactChange[] = [];
  for (const id of ids) {
    const quantityBefore = mapped.has(id) ? (before.get(id) ?? 0) : null;
    const quantityAfter = override.get(id) ? (after.get(id) ?? 0) : null;
    if (quantityBefore === quantityAfter) continue;
    changes.push({ listingId: id, channelSku: options.skus.get(id) ?? "", quantityBefore, quantityAfter });
  }
  return { preview: true, changes };
}

export async function previewCreate(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    channelSku: string;
    sellerId?: string | undefined;
    components: ComponentInput[];
  },
): Promise<ImpactPreview> {
  const channel = await getChannel(db, options.accountId, options.channelId);
  const channelSku = normalizeSku(options.channelSku, "channelSku");
  const components = await resolveComponents(db, options);
  const listing = (
    await findListingsBySkus(db, {
      accountId: options.accountId,
      channelId: channel.id,
      sellerId: options.sellerId ?? channel.sellerId,
      channelSkus: [channelSku],
    })
  ).get(channelSku);
  if (listing) {
    checkListingAccepts(listing, components);
    if ((await loadMappingsByListings(db, options.accountId, [listing.id])).has(listing.id)) {
      throw new AppError("MAPPING_EXISTS", `Listing ${channelSku} is already mapped; remap it instead.`, {
        field: "channelSku",
        value: channelSku,
      });
    }
  }
  const id = listing?.id ?? newListingId;
  return previewChanges(db, {
    accountId: options.accountId,
    channelId: channel.id,
    override: new Map([[id, components.map((c) => ({ variantId: c.variantId, quantity: c.quantity }))]]),
    skus: new Map([[id, channelSku]]),
  });
}

export async function previewRemap(
  db: Db,
  options: { accountId: string; channelId: string; mappingId: string; components: ComponentInput[] },
): Promise<ImpactPreview> {
  const record = await getMappingRecord(db, options);
  const listing = (await getListingsByIds(db, options.accountId, [record.listingId])).get(record.listingId);
  const components = await resolveComponents(db, options);
  if (listing) checkListingAccepts(listing, components);
  return previewChanges(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    override: new Map([
      [record.listingId, components.map((c) => ({ variantId: c.variantId, quantity: c.quantity }))],
    ]),
    skus: new Map([[record.listingId, listing?.channelSku ?? ""]]),
  });
}

/** Deleting one mapping (`mappingId`) or, without it, every mapping of the channel. */
export async function previewDelete(
  db: Db,
  options: { accountId: string; channelId: string; mappingId?: string | undefined },
): Promise<ImpactPreview> {
  const listingIds = options.mappingId
    ? [(await getMappingRecord(db, { ...options, mappingId: options.mappingId })).listingId]
    : await listMappedListingIds(
        db,
        options.accountId,
        (await getChannel(db, options.accountId, options.channelId)).id,
      );
  const listings = await getListingsByIds(db, options.accountId, listingIds);
  return previewChanges(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    override: new Map(listingIds.map((id) => [id, null])),
    skus: new Map([...listings.values()].map((l) => [l.id, l.channelSku])),
  });
}
