// What a catalog file's row changes on the variant it names, and the product key an export
// writes, so that an export re-imports to no change.
import type { Product, Variant } from "../catalog/catalog-store.ts";
import type { UpdateVariantBody } from "../catalog/schemas.ts";
import type { CatalogRow, Money } from "./catalog-file.ts";

function sameMoney(a: Money | null, b: Money | null): boolean {
  return a === null || b === null ? a === b : a.amount === b.amount && a.currency === b.currency;
}

function sortedJson(value: Record<string, string>): string {
  return JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What the row changes on its variant (empty when nothing). */
export function variantChanges(row: CatalogRow, variant: Variant): UpdateVariantBody {
  const input: UpdateVariantBody = {};
  if (row.variantName !== undefined && row.variantName !== variant.name) input.name = row.variantName;
  if (row.barcode !== undefined && row.barcode !== variant.barcode) input.barcode = row.barcode;
  if (row.cost !== undefined && !sameMoney(row.cost, variant.costPrice)) input.costPrice = row.cost;
  if (row.price !== undefined && !sameMoney(row.price, variant.price)) input.price = row.price;
  if (row.archived !== undefined && row.archived !== variant.archived) input.archived = row.archived;
  const merged: Record<string, string> = { ...variant.options };
  for (const [name, value] of Object.entries(row.options)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  if (sortedJson(merged) !== sortedJson(variant.options)) input.options = merged;
  return input;
}

/** The key an export writes for a product: its own key, or its default variant's SKU. */
export function exportedProductKey(product: Product): string {
  const defaultVariant = product.variants.find((v) => v.isDefault) ?? product.variants[0];
  return product.productKey ?? defaultVariant?.sku ?? "";
}
