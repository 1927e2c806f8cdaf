// Validates a catalog file against the database without writing, and applies it. Rows are
// matched to variants by SKU: a known SKU updates its variant (and its product's name or key),
// an unknown one is added to the product of its product_key group (the product of the group's
// known SKUs, or the product with that key), or makes a new product.
// Preview and apply share the plan, so apply decides on the database as it is at that moment.
import type { Product, Variant } from "../catalog/catalog-store.ts";
import { findProductsByKeys, getProductsByIds } from "../catalog/get-product.ts";
import type { UpdateVariantBody } from "../catalog/schemas.ts";
import type { VariantChange } from "../catalog/update-variants.ts";
import { findProductIdsBySkus } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { readCatalogFromChannelFile } from "./catalog-channel-source.ts";
import {
  type CatalogGroup,
  type CatalogRead,
  type CatalogRow,
  type Money,
  readCatalogFile,
} from "./catalog-file.ts";
import { collectCatalogErrors, rejectCatalogGroup } from "./catalog-groups.ts";
import type { ImportCounts, ImportKind, RowError } from "./import-store.ts";
import { openRowSource } from "./row-source.ts";

export type CatalogSourceKind = Extract<ImportKind, `catalog${string}`>;

export type ProductChange =
  | { kind: "new"; name: string; productKey: string | null; rows: CatalogRow[] }
  | {
      kind: "existing";
      productId: string;
      update: { name?: string; productKey?: string } | null;
      newRows: CatalogRow[];
      variantUpdates: VariantChange[];
    };

export type CatalogPlan = {
  totalRows: number;
  counts: ImportCounts;
  errors: RowError[];
  changes: ProductChange[];
};

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

async function readSource(options: {
  kind: CatalogSourceKind;
  path: string;
  onRow?: (rowsRead: number) => void;
}): Promise<CatalogRead> {
  const onRow = options.onRow ? { onRow: options.onRow } : {};
  if (options.kind === "catalog") {
    const source = await openRowSource({ path: options.path });
    return readCatalogFile({ source, restore: source.format === "csv", ...onRow });
  }
  return readCatalogFromChannelFile({
    path: options.path,
    source: options.kind === "catalog-woocommerce" ? "woocommerce" : "shopify",
    ...onRow,
  });
}

/**
 * The existing product a group belongs to, "new", or null when the group was rejected: the
 * product of its known SKUs, else the one product its product_key is the key of, else the
 * product of the variant whose SKU the key is (an export writes that for a product without a key).
 */
function productOfGroup(
  read: CatalogRead,
  group: CatalogGroup,
  found: { variants: Map<string, string>; keyed: Map<string, string[]> },
): string | "new" | null {
  let owner: { productId: string; row: CatalogRow } | undefined;
  for (const row of group.rows) {
    const productId = found.variants.get(row.sku);
    if (!productId) continue;
    if (!owner) owner = { productId, row };
    else if (owner.productId !== productId) {
      rejectCatalogGroup(read, group, {
        row: row.row,
        column: "product_key",
        value: row.productKey,
        reason: `groups SKU "${row.sku}" with SKU "${owner.row.sku}" (row ${owner.row.row}), which belongs to another product; variants cannot move between products`,
      });
      return null;
    }
  }
  if (owner) return owner.productId;
  const first = group.rows[0];
  if (!first?.productKey) return "new";
  const keyed = found.keyed.get(first.productKey) ?? [];
  if (keyed.length > 1) {
    rejectCatalogGroup(read, group, {
      row: first.row,
      column: "product_key",
      value: first.productKey,
      reason: `is the key of ${keyed.length} products in this account, so the new SKU has no one product to join; give it the SKU of one of their variants as product_key`,
    });
    return null;
  }
  return keyed[0] ?? found.variants.get(first.productKey) ?? "new";
}

/** What a group changes in its existing product (null: nothing), counting its rows. */
function planExistingProduct(
  group: CatalogGroup,
  product: Product,
  name: string | undefined,
  counts: ImportCounts,
): ProductChange | null {
  const first = group.rows[0];
  const update: { name?: string; productKey?: string } = {};
  if (name !== undefined && name !== product.name) update.name = name;
  if (first?.productKey && first.productKey !== exportedProductKey(product))
    update.productKey = first.productKey;
  const bySku = new Map(product.variants.map((v) => [v.sku, v]));
  const newRows: CatalogRow[] = [];
  const variantUpdates: VariantChange[] = [];
  const productChanged = Object.keys(update).length > 0;
  for (const row of group.rows) {
    const variant = bySku.get(row.sku);
    if (!variant) {
      newRows.push(row);
      counts.create += 1;
      continue;
    }
    const input = variantChanges(row, variant);
    if (Object.keys(input).length > 0) variantUpdates.push({ variantId: variant.id, input });
    if (Object.keys(input).length > 0 || productChanged) counts.update += 1;
    else counts.unchanged += 1;
  }
  if (!productChanged && newRows.length === 0 && variantUpdates.length === 0) return null;
  return {
    kind: "existing",
    productId: product.id,
    update: productChanged ? update : null,
    newRows,
    variantUpdates,
  };
}

export async function planCatalogImport(
  db: Db,
  options: {
    accountId: string;
    path: string;
    kind: CatalogSourceKind;
    onRow?: (rowsRead: number) => void;
  },
): Promise<CatalogPlan> {
  const { accountId } = options;
  const read = await readSource(options);
  const skus = new Set<string>();
  for (const group of read.groups.values()) {
    for (const row of group.rows) {
      skus.add(row.sku);
      if (row.productKey) skus.add(row.productKey);
    }
  }
  const variants = await findProductIdsBySkus(db, accountId, [...skus]);
  // a product key is looked up only for groups of new SKUs alone (a known SKU names its product)
  const keys = new Set<string>();
  for (const group of read.groups.values()) {
    const key = group.rows[0]?.productKey;
    if (key && !group.rows.some((row) => variants.has(row.sku))) keys.add(key);
  }
  const found = { variants, keyed: await findProductsByKeys(db, { accountId, keys: [...keys] }) };
  const owners = new Map<CatalogGroup, string>();
  for (const group of read.groups.values()) {
    if (group.rejected) continue;
    const owner = productOfGroup(read, group, found);
    if (owner) owners.set(group, owner);
  }
  const counts: ImportCounts = { create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 };
  const changes: ProductChange[] = [];
  const renamedBy = new Map<string, CatalogRow>();
  // the existing products are read 500 groups at a time, and only a chunk's are held
  const entries = [...owners];
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    const products = await getProductsByIds(db, {
      accountId,
      productIds: chunk.flatMap(([, owner]) => (owner === "new" ? [] : [owner])),
    });
    for (const [group, owner] of chunk) {
      const first = group.rows[0];
      if (group.rejected || !first) continue;
      const name = group.rows.find((r) => r.productName !== undefined)?.productName;
      if (owner === "new") {
        if (name === undefined) {
          rejectCatalogGroup(read, group, {
            row: first.row,
            column: "product_name",
            value: "",
            reason: "is empty: a new product needs a name",
          });
          continue;
        }
        changes.push({ kind: "new", name, productKey: first.productKey || null, rows: group.rows });
        counts.create += group.rows.length;
        continue;
      }
      const product = products.get(owner);
      if (!product) continue;
      const earlier = renamedBy.get(product.id);
      if (name !== undefined && name !== product.name && earlier && earlier.productName !== name) {
        rejectCatalogGroup(read, group, {
          row: first.row,
          column: "product_name",
          value: name,
          reason: `names the product of row ${earlier.row} differently ("${earlier.productName}")`,
        });
        continue;
      }
      if (name !== undefined && name !== product.name) renamedBy.set(product.id, first);
      const change = planExistingProduct(group, product, name, counts);
      if (change) changes.push(change);
    }
  }
  const errors = collectCatalogErrors(read);
  counts.rejectedRows = errors.length;
  return { totalRows: read.totalRows, counts, errors, changes };
}
