// What a sync from the master channel would do, computed without writing: which listings become
// new products and variants, which update an existing variant (matched by SKU, or by a barcode
// only one variant carries, never duplicated), and which are already up to date. The dry run of a
// master switch shows this plan; the sync applies it.

import { getProductsByIds } from "../catalog/get-product.ts";
import { tryGtin14 } from "../catalog/gtin.ts";
import type { UpdateProductBody, UpdateVariantBody, VariantInput } from "../catalog/schemas.ts";
import { findVariantsByGtins, findVariantsBySkus, type VariantRef } from "../catalog/variant-lookup.ts";
import type { DownloadedListing } from "../channel-files/types.ts";
import type { Db } from "../db/database.ts";
import { isAppError } from "../shared/errors.ts";
import { normalizeSku } from "../shared/sku.ts";
import { changedProductFields, changedVariantFields, variantInputOf } from "./sync-fields.ts";

export type SyncIssue = { row: number; channelSku: string; reason: string };
export type SyncMatch = { channelSku: string; row: number; matchedBy: "sku" | "barcode"; variantSku: string };
export type PlannedProduct = { name: string; category: string | null; variants: VariantInput[] };
export type PlannedAddition = { productId: string; variant: VariantInput };
export type PlannedUpdate = {
  channelSku: string;
  row: number;
  variantId: string;
  productId: string;
  changes: UpdateVariantBody;
};

export type MasterSyncPlan = {
  newProducts: PlannedProduct[];
  additions: PlannedAddition[];
  variantUpdates: PlannedUpdate[];
  productUpdates: Map<string, UpdateProductBody>;
  /** Listings that would be duplicates if created naively: they match an existing variant. */
  matches: SyncMatch[];
  unchanged: number;
  issues: SyncIssue[];
};

type Candidate = { listing: DownloadedListing; sku: string; parent: DownloadedListing | undefined };

function candidatesOf(listings: DownloadedListing[], issues: SyncIssue[]): Candidate[] {
  const parents = new Map(listings.filter((l) => l.type === "parent").map((l) => [l.channelSku.trim(), l]));
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const listing of listings) {
    // Parents, grouped and external listings are not sold here; bundles are kits of variants.
    if (!listing.sellable || (listing.type !== "single" && listing.type !== "variation")) continue;
    let sku: string;
    try {
      sku = normalizeSku(listing.channelSku, "channelSku");
    } catch (error) {
      if (!isAppError(error)) throw error;
      issues.push({ row: listing.row, channelSku: listing.channelSku, reason: error.message });
      continue;
    }
    if (seen.has(sku)) continue; // a repeat with the same data (conflicts are refused earlier)
    seen.add(sku);
    const parent = listing.parentChannelSku ? parents.get(listing.parentChannelSku.trim()) : undefined;
    candidates.push({ listing, sku, parent });
  }
  return candidates;
}

/** Variants matched by SKU first, then by a GTIN that exactly one unclaimed variant carries. */
async function matchVariants(
  db: Db,
  accountId: string,
  candidates: Candidate[],
): Promise<Map<string, { variant: VariantRef; matchedBy: "sku" | "barcode" }>> {
  const bySku = await findVariantsBySkus(
    db,
    accountId,
    candidates.map((c) => c.sku),
  );
  const matched = new Map<string, { variant: VariantRef; matchedBy: "sku" | "barcode" }>();
  const claimed = new Set<string>();
  for (const c of candidates) {
    const variant = bySku.get(c.sku);
    if (variant) {
      matched.set(c.sku, { variant, matchedBy: "sku" });
      claimed.add(variant.id);
    }
  }
  const byGtinWanted = candidates.filter((c) => !matched.has(c.sku) && tryGtin14(c.listing.barcode));
  const gtins = await findVariantsByGtins(
    db,
    accountId,
    byGtinWanted.map((c) => tryGtin14(c.listing.barcode) ?? ""),
  );
  const fileSkus = new Set(candidates.map((c) => c.sku));
  for (const c of byGtinWanted) {
    const found = gtins.get(tryGtin14(c.listing.barcode) ?? "") ?? [];
    const only = found.length === 1 ? found[0] : undefined;
    if (!only || claimed.has(only.id) || fileSkus.has(only.sku)) continue;
    matched.set(c.sku, { variant: only, matchedBy: "barcode" });
    claimed.add(only.id);
  }
  return matched;
}

export async function planMasterSync(
  db: Db,
  options: { accountId: string; listings: DownloadedListing[] },
): Promise<MasterSyncPlan> {
  const { accountId } = options;
  const issues: SyncIssue[] = [];
  const candidates = candidatesOf(options.listings, issues);
  const matched = await matchVariants(db, accountId, candidates);
  const products = await getProductsByIds(db, {
    accountId,
    productIds: [...matched.values()].map(({ variant }) => variant.productId),
  });

  const plan: MasterSyncPlan = {
    newProducts: [],
    additions: [],
    variantUpdates: [],
    productUpdates: new Map(),
    matches: [],
    unchanged: 0,
    issues,
  };
  // Product of each parent SKU: an existing one when any of its variations matched.
  const productOfParent = new Map<string, string>();
  for (const c of candidates) {
    const m = matched.get(c.sku);
    if (m && c.parent) productOfParent.set(c.parent.channelSku.trim(), m.variant.productId);
  }
  const newByParent = new Map<string, PlannedProduct>();

  for (const c of candidates) {
    const m = matched.get(c.sku);
    const input = variantInputOf({ listing: c.listing, sku: c.sku, issues });
    if (!m) {
      const parentSku = c.parent?.channelSku.trim();
      const existingProduct = parentSku ? productOfParent.get(parentSku) : undefined;
      if (existingProduct) {
        plan.additions.push({ productId: existingProduct, variant: input });
      } else if (parentSku && c.parent) {
        const planned = newByParent.get(parentSku) ?? {
          name: (c.parent.title ?? parentSku).slice(0, 500),
          category: c.parent.category ?? c.listing.category ?? null,
          variants: [],
        };
        planned.variants.push(input);
        newByParent.set(parentSku, planned);
      } else {
        const { name: _name, ...variant } = input;
        plan.newProducts.push({
          name: (c.listing.title ?? c.sku).slice(0, 500),
          category: c.listing.category ?? null,
          variants: [variant],
        });
      }
      continue;
    }
    plan.matches.push({
      channelSku: c.listing.channelSku,
      row: c.listing.row,
      matchedBy: m.matchedBy,
      variantSku: m.variant.sku,
    });
    const product = products.get(m.variant.productId);
    const current = product?.variants.find((v) => v.id === m.variant.id);
    if (!product || !current) continue;
    const soleVariant = product.variants.length === 1 && c.listing.type === "single";
    const changes = changedVariantFields({ current, input, titleIsProductName: soleVariant });
    const productChanges = changedProductFields({
      product,
      pending: plan.productUpdates.get(product.id),
      name: soleVariant ? c.listing.title : c.parent?.title,
      category: c.parent?.category ?? c.listing.category,
    });
    if (productChanges) plan.productUpdates.set(product.id, productChanges);
    if (Object.keys(changes).length > 0 || productChanges) {
      plan.variantUpdates.push({
        channelSku: c.listing.channelSku,
        row: c.listing.row,
        variantId: current.id,
        productId: product.id,
        changes,
      });
    } else {
      plan.unchanged += 1;
    }
  }
  plan.newProducts.push(...newByParent.values());
  return plan;
}
