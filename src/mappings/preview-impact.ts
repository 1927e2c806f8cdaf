// Impact preview (`?preview=true`): which listings' channel quantities a mapping change would
// change and how, computed from the stored stock with the proposed components, nothing written.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { computeListingQuantities } from "../inventory/availability.ts";
import { findListingsBySkus, getListingsByIds, type ListingRef } from "../listings/listing-lookup.ts";
import { AppError } from "../shared/errors.ts";
import { normalizeSku } from "../shared/sku.ts";
import { checkListingAccepts } from "./create-mapping.ts";
import type { Component } from "./mapping-state.ts";
import { listMappedListingIds, loadMappingsByListings } from "./mapping-store.ts";
import { computeWarnings, type MappingWarning } from "./mapping-warnings.ts";
import { getMappingRecord } from "./present-mappings.ts";
import { type ComponentInput, type ResolvedComponent, resolveComponents } from "./resolve-components.ts";

export type ImpactChange = {
  listingId: string;
  channelSku: string;
  quantityBefore: number | null;
  quantityAfter: number | null;
};
export type ImpactPreview = { preview: true; changes: ImpactChange[]; warnings?: MappingWarning[] };

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
    const existing = (await loadMappingsByListings(db, options.accountId, [listing.id])).get(listing.id);
    if (existing) {
      throw new AppError("MAPPING_EXISTS", `Listing ${channelSku} is already mapped; remap it instead.`, {
        field: "channelSku",
        value: channelSku,
        mappingId: existing.id,
      });
    }
  }
  const id = listing?.id ?? newListingId;
  const preview = await previewChanges(db, {
    accountId: options.accountId,
    channelId: channel.id,
    override: new Map([[id, components.map((c) => ({ variantId: c.variantId, quantity: c.quantity }))]]),
    skus: new Map([[id, channelSku]]),
  });
  const proposed = listing ?? {
    id,
    channelId: channel.id,
    sellerId: options.sellerId ?? channel.sellerId,
    channelSku,
    type: components.length > 1 ? ("bundle" as const) : ("single" as const),
  };
  return { ...preview, warnings: await warningsOf(db, options.accountId, proposed, components) };
}

/**
 * What the proposed mapping would be warned of once saved (the same warnings the mapping list
 * shows), so a user sees "the channel may oversell it" before saving, not after.
 */
async function warningsOf(
  db: Db,
  accountId: string,
  listing: Pick<ListingRef, "id" | "channelId" | "sellerId" | "channelSku" | "type">,
  components: ResolvedComponent[],
): Promise<MappingWarning[]> {
  const proposed = {
    id: "proposed",
    channelId: listing.channelId,
    listingId: listing.id,
    origin: "manual",
    components: components.map((c) => ({ variantId: c.variantId, quantity: c.quantity })),
    createdAt: "",
    createdBy: null,
    updatedAt: "",
    updatedBy: null,
  };
  const listingRef = {
    parentId: null,
    title: null,
    category: null,
    barcode: null,
    barcodeGtin: null,
    externalId: null,
    status: "active",
    missingOnChannel: false,
    ...listing,
  };
  const warnings = await computeWarnings(db, {
    accountId,
    channelId: listing.channelId,
    mappings: [proposed],
    listings: new Map([[listing.id, listingRef]]),
    variants: new Map(components.map((c) => [c.variantId, c.variant])),
  });
  return warnings.get("proposed") ?? [];
}

export async function previewRemap(
  db: Db,
  options: { accountId: string; channelId: string; mappingId: string; components: ComponentInput[] },
): Promise<ImpactPreview> {
  const record = await getMappingRecord(db, options);
  const listing = (await getListingsByIds(db, options.accountId, [record.listingId])).get(record.listingId);
  const components = await resolveComponents(db, options);
  if (listing) checkListingAccepts(listing, components);
  const preview = await previewChanges(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    override: new Map([
      [record.listingId, components.map((c) => ({ variantId: c.variantId, quantity: c.quantity }))],
    ]),
    skus: new Map([[record.listingId, listing?.channelSku ?? ""]]),
  });
  return listing
    ? { ...preview, warnings: await warningsOf(db, options.accountId, listing, components) }
    : preview;
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
