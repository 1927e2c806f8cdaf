// Create from listing: unmappable listings become internal products and are mapped to them at
// once (origin `download`). A parent and its variations become ONE product whose variants carry
// the variations' SKUs, with option values from the listing's options or, failing those, from
// the part of the variation's title after the parent's title. A product with a SKU that already
// exists is not created at all and every listing of it is reported; everything else is written
// in one transaction with one undoable mapping operation.

import { createProduct } from "../catalog/create-product.ts";
import { tryGtin14 } from "../catalog/gtin.ts";
import type { VariantInput } from "../catalog/schemas.ts";
import { findVariantsByGtins, findVariantsBySkus } from "../catalog/variant-lookup.ts";
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { getListingsByIds, type ListingRef, listChildListings } from "../listings/listing-lookup.ts";
import { loadMappingsByListings } from "../mappings/mapping-store.ts";
import { type MappingChange, writeMappings } from "../mappings/write-mappings.ts";
import { findAutoMatches } from "../matching/auto-match.ts";
import { scanUnmappedListings } from "../matching/unmapped-listings.ts";
import { AppError } from "../shared/errors.ts";
import { loadListingDetails } from "./download-store.ts";

export type CreateFromListingsFailure = { listingId: string; channelSku: string; reason: string };

export type CreateFromListingsResult = {
  operationId: string | null;
  products: number;
  created: number;
  failed: CreateFromListingsFailure[];
};

type Group = { parent: ListingRef | null; members: ListingRef[] };

/** "Hoodie - Blue, L" under parent "Hoodie" gives { Variant: "Blue, L" }. */
export function optionsFromTitle(parentTitle: string | null, title: string | null): Record<string, string> {
  if (!parentTitle || !title?.startsWith(parentTitle)) return {};
  const rest = title
    .slice(parentTitle.length)
    .replace(/^[\s\-–—:|,]+/, "")
    .trim();
  return rest === "" ? {} : { Variant: rest };
}

function optionsOf(
  downloaded: Record<string, string> | undefined,
  parentTitle: string | null,
  title: string | null,
): Record<string, string> {
  return downloaded && Object.keys(downloaded).length > 0 ? downloaded : optionsFromTitle(parentTitle, title);
}

/**
 * The unmapped listings no variant matches; those a variant matches (by SKU or barcode: the
 * variant came after the download) are answered as not created, so none is passed over silently.
 */
async function unmappableListingIds(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<{ ids: string[]; matched: CreateFromListingsFailure[] }> {
  const ids: string[] = [];
  const matched: CreateFromListingsFailure[] = [];
  for await (const page of scanUnmappedListings(db, options)) {
    const matches = await findAutoMatches(db, { accountId: options.accountId, listings: page });
    for (const listing of page) {
      const outcome = matches.outcomes.get(listing.id);
      if (outcome?.kind === "unmappable") ids.push(listing.id);
      else if (outcome?.kind === "sku" || outcome?.kind === "barcode") {
        matched.push({
          listingId: listing.id,
          channelSku: listing.channelSku,
          reason: `a variant matches it by ${outcome.kind === "sku" ? "SKU" : "barcode"}; map it to that variant instead of creating a product`,
        });
      }
    }
  }
  return { ids, matched };
}

async function collectGroups(
  db: Db,
  options: { accountId: string; channelId: string; listingIds: string[] },
): Promise<{ groups: Group[]; failed: CreateFromListingsFailure[] }> {
  const found = await getListingsByIds(db, options.accountId, options.listingIds);
  const selected: ListingRef[] = [];
  options.listingIds.forEach((id, index) => {
    const listing = found.get(id);
    if (!listing || listing.channelId !== options.channelId) {
      throw new AppError("LISTING_NOT_FOUND", "Listing not found in this channel.", {
        field: `listingIds.${index}`,
        value: id,
      });
    }
    selected.push(listing);
  });
  const members = new Map<string, ListingRef>();
  for (const listing of selected) {
    if (listing.type !== "parent") members.set(listing.id, listing);
    else
      for (const child of await listChildListings(db, options.accountId, listing.id))
        members.set(child.id, child);
  }
  const mapped = await loadMappingsByListings(db, options.accountId, [...members.keys()]);
  const details = await loadListingDetails(db, options.accountId, [...members.keys()]);
  const failed: CreateFromListingsFailure[] = [];
  const parentIds = [...members.values()].map((l) => l.parentId).filter((id): id is string => id !== null);
  const parents = await getListingsByIds(db, options.accountId, parentIds);
  const byGroup = new Map<string, Group>();
  for (const listing of members.values()) {
    if (mapped.has(listing.id)) {
      failed.push({
        listingId: listing.id,
        channelSku: listing.channelSku,
        reason: "the listing is mapped already",
      });
      continue;
    }
    if (listing.type === "bundle") {
      // a kit sells as its components: a product of its own would not follow their stock
      failed.push({
        listingId: listing.id,
        channelSku: listing.channelSku,
        reason: "the listing is a bundle: map it to its components (a kit) instead of creating a product",
      });
      continue;
    }
    if (details.get(listing.id)?.sellable === false) {
      failed.push({
        listingId: listing.id,
        channelSku: listing.channelSku,
        reason: "the listing is not sellable",
      });
      continue;
    }
    const parent = listing.parentId ? (parents.get(listing.parentId) ?? null) : null;
    const key = parent?.id ?? listing.id;
    const group = byGroup.get(key) ?? { parent, members: [] };
    group.members.push(listing);
    byGroup.set(key, group);
  }
  return { groups: [...byGroup.values()], failed };
}

export async function createProductsFromListings(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    actorUserId: string | null;
    listingIds?: string[] | undefined;
    allUnmappable?: boolean | undefined;
  },
): Promise<CreateFromListingsResult> {
  const { accountId } = options;
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, accountId, options.channelId);
    await lockMappingWrites(trx, accountId, channel.id);
    const unmappable = options.allUnmappable
      ? await unmappableListingIds(trx, { accountId, channelId: channel.id })
      : { ids: options.listingIds ?? [], matched: [] };
    const { groups, failed } = await collectGroups(trx, {
      accountId,
      channelId: channel.id,
      listingIds: unmappable.ids,
    });
    failed.push(...unmappable.matched);
    const allSkus = groups.flatMap((g) => g.members.map((m) => m.channelSku));
    const taken = await findVariantsBySkus(trx, accountId, allSkus);
    // a barcode already a variant's GTIN: a new variant would share it, the listing is that variant
    const gtins = await findVariantsByGtins(
      trx,
      accountId,
      groups.flatMap((g) => g.members.flatMap((m) => m.barcodeGtin ?? [])),
    );
    const seen = new Set<string>();
    const changes: MappingChange[] = [];
    let products = 0;
    const details = await loadListingDetails(
      trx,
      accountId,
      groups.flatMap((g) => g.members.map((m) => m.id)),
    );
    for (const group of groups) {
      const gtinClash = group.members.find((m) => m.barcodeGtin !== null && gtins.has(m.barcodeGtin));
      if (gtinClash) {
        const holder = gtins.get(gtinClash.barcodeGtin ?? "")?.[0];
        for (const m of group.members) {
          failed.push({
            listingId: m.id,
            channelSku: m.channelSku,
            reason: `barcode ${gtinClash.barcode} is already the GTIN of variant ${holder?.sku}; map the listing to it instead of creating a product`,
          });
        }
        continue;
      }
      const clash = group.members.find((m) => taken.has(m.channelSku) || seen.has(m.channelSku));
      if (clash) {
        for (const m of group.members) {
          failed.push({
            listingId: m.id,
            channelSku: m.channelSku,
            reason: `internal SKU "${clash.channelSku}" already exists in this account; the product was not created`,
          });
        }
        continue;
      }
      for (const m of group.members) seen.add(m.channelSku);
      const variants: VariantInput[] = group.members.map((m) => ({
        sku: m.channelSku,
        name: m.title,
        barcode: tryGtin14(m.barcode) ? m.barcode : null,
        options: optionsOf(details.get(m.id)?.options, group.parent?.title ?? null, m.title),
      }));
      const first = group.members[0];
      const name = group.parent?.title ?? group.parent?.channelSku ?? first?.title ?? first?.channelSku ?? "";
      const product = await createProduct(trx, {
        accountId,
        input: { name, category: group.parent?.category ?? first?.category ?? null, variants },
      });
      products += 1;
      const variantBySku = new Map(product.variants.map((v) => [v.sku, v.id]));
      for (const m of group.members) {
        const variantId = variantBySku.get(m.channelSku);
        if (variantId) changes.push({ listingId: m.id, components: [{ variantId, quantity: 1 }] });
      }
    }
    if (changes.length === 0) return { operationId: null, products, created: 0, failed };
    const result = await writeMappings(trx, {
      accountId,
      channelId: channel.id,
      actorUserId: options.actorUserId,
      origin: "download",
      kind: "create_from_listings",
      summary: `Created ${products} products from ${changes.length} listings and mapped them`,
      changes,
    });
    return { operationId: result.operationId, products, created: result.created, failed };
  });
}
