// Which catalog fields a master listing carries and how they compare: only what the master
// says is taken (a field it leaves empty stays as it is in the catalog), a barcode must be a
// valid GTIN and a price needs its currency.

import type { Product, Variant } from "../catalog/catalog-store.ts";
import { tryGtin14 } from "../catalog/gtin.ts";
import type { UpdateProductBody, UpdateVariantBody, VariantInput } from "../catalog/schemas.ts";
import type { DownloadedListing } from "../channel-files/types.ts";

function optionsOf(listing: DownloadedListing): Record<string, string> | undefined {
  const entries = Object.entries(listing.options ?? {})
    .map(([k, v]) => [k.trim().slice(0, 100), v.trim().slice(0, 500)] as const)
    .filter(([k, v]) => k !== "" && v !== "");
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

export function variantInputOf(options: {
  listing: DownloadedListing;
  sku: string;
  issues: Array<{ row: number; channelSku: string; reason: string }>;
}): VariantInput {
  const { listing, sku } = options;
  const input: VariantInput = { sku };
  const title = listing.title?.trim();
  if (title) input.name = title.slice(0, 500);
  if (listing.barcode?.trim()) {
    if (tryGtin14(listing.barcode)) input.barcode = listing.barcode.trim();
    else {
      options.issues.push({
        row: listing.row,
        channelSku: listing.channelSku,
        reason: `barcode "${listing.barcode}" is not a valid GTIN; the variant's barcode was left as it is`,
      });
    }
  }
  if (listing.price?.currency)
    input.price = { amount: listing.price.amount, currency: listing.price.currency };
  const opts = optionsOf(listing);
  if (opts) input.options = opts;
  return input;
}

function sameOptions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The fields of `input` that differ from the variant; empty when nothing changes. */
export function changedVariantFields(options: {
  current: Variant;
  input: VariantInput;
  /** A single listing whose product has only this variant names the product, not the variant. */
  titleIsProductName: boolean;
}): UpdateVariantBody {
  const { current, input } = options;
  const changes: UpdateVariantBody = {};
  if (!options.titleIsProductName && input.name && input.name !== current.name) changes.name = input.name;
  if (input.barcode && tryGtin14(input.barcode) !== current.gtin) changes.barcode = input.barcode;
  if (
    input.price &&
    (current.price?.amount !== input.price.amount || current.price?.currency !== input.price.currency)
  ) {
    changes.price = input.price;
  }
  if (input.options && !sameOptions(input.options, current.options)) changes.options = input.options;
  return changes;
}

/** The product's pending changes with name and category merged in; undefined when nothing new. */
export function changedProductFields(options: {
  product: Product;
  pending: UpdateProductBody | undefined;
  name: string | undefined;
  category: string | undefined;
}): UpdateProductBody | undefined {
  const merged: UpdateProductBody = { ...options.pending };
  let changed = false;
  const name = options.name?.trim().slice(0, 500);
  if (name && name !== (merged.name ?? options.product.name)) {
    merged.name = name;
    changed = true;
  }
  const category = options.category?.trim().slice(0, 500);
  if (category && category !== (merged.category ?? options.product.category)) {
    merged.category = category;
    changed = true;
  }
  return changed ? merged : undefined;
}
