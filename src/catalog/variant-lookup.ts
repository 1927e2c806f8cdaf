// Variant look-ups other areas call (mappings, imports, orders, matching): by SKU, id, GTIN.
// Every query filters by account and is chunked so large batches stay within parameter limits.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { type Money, parseOptions, toMoney } from "./catalog-store.ts";

export type VariantRef = {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
  gtin: string | null;
  name: string | null;
  options: Record<string, string>;
  archived: boolean;
  isDefault: boolean;
};

const chunkSize = 500;

const refColumns = [
  "id",
  "product_id",
  "sku",
  "barcode",
  "barcode_gtin",
  "name",
  "options",
  "archived",
  "is_default",
] as const;

type RefRow = {
  id: string;
  product_id: string;
  sku: string;
  barcode: string | null;
  barcode_gtin: string | null;
  name: string | null;
  options: string;
  archived: number;
  is_default: number;
};

function toRef(row: RefRow): VariantRef {
  return {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    barcode: row.barcode,
    gtin: row.barcode_gtin,
    name: row.name,
    options: parseOptions(row.options),
    archived: Number(row.archived) === 1,
    isDefault: Number(row.is_default) === 1,
  };
}

function chunksOf<T>(values: T[]): T[][] {
  const unique = [...new Set(values)];
  const chunks: T[][] = [];
  for (let i = 0; i < unique.length; i += chunkSize) chunks.push(unique.slice(i, i + chunkSize));
  return chunks;
}

async function selectRefsWhereIn(
  db: Db,
  accountId: string,
  column: "sku" | "id" | "barcode_gtin",
  values: string[],
): Promise<RefRow[]> {
  const rows: RefRow[] = [];
  for (const chunk of chunksOf(values)) {
    const found = await db
      .selectFrom("variants")
      .select(refColumns)
      .where("account_id", "=", accountId)
      .where(column, "in", chunk)
      .execute();
    rows.push(...found);
  }
  return rows;
}

/** Exact SKU match (no case folding): SKU -> variant, for the SKUs that exist. */
export async function findVariantsBySkus(
  db: Db,
  accountId: string,
  skus: string[],
): Promise<Map<string, VariantRef>> {
  const rows = await selectRefsWhereIn(db, accountId, "sku", skus);
  return new Map(rows.map((row) => [row.sku, toRef(row)]));
}

/** The product of each SKU that exists (exact match): SKU -> product id, without the rest of the variant. */
export async function findProductIdsBySkus(
  db: Db,
  accountId: string,
  skus: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunksOf(skus)) {
    const rows = await db
      .selectFrom("variants")
      .select(["sku", "product_id"])
      .where("account_id", "=", accountId)
      .where("sku", "in", chunk)
      .execute();
    for (const row of rows) found.set(row.sku, row.product_id);
  }
  return found;
}

export async function getVariantsByIds(
  db: Db,
  accountId: string,
  ids: string[],
): Promise<Map<string, VariantRef>> {
  const rows = await selectRefsWhereIn(db, accountId, "id", ids);
  return new Map(rows.map((row) => [row.id, toRef(row)]));
}

/** What a listing of a variant shows of it: its own data and its product's name and category. */
export type ListedVariant = {
  id: string;
  name: string | null;
  barcode: string | null;
  options: Record<string, string>;
  price: Money | null;
  productName: string;
  category: string | null;
};

/** Variants with their products' name and category, a query per 500 ids (not one per product). */
export async function getListedVariants(
  db: Db,
  accountId: string,
  ids: string[],
): Promise<Map<string, ListedVariant>> {
  const found = new Map<string, ListedVariant>();
  for (const chunk of chunksOf(ids)) {
    const rows = await db
      .selectFrom("variants as v")
      .innerJoin("products as p", (join) =>
        join.onRef("p.account_id", "=", "v.account_id").onRef("p.id", "=", "v.product_id"),
      )
      .select([
        "v.id",
        "v.name",
        "v.barcode",
        "v.options",
        "v.price_amount",
        "v.price_currency",
        "p.name as product_name",
        "p.category",
      ])
      .where("v.account_id", "=", accountId)
      .where("v.id", "in", chunk)
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        id: row.id,
        name: row.name,
        barcode: row.barcode,
        options: parseOptions(row.options),
        price: toMoney(row.price_amount, row.price_currency),
        productName: row.product_name,
        category: row.category,
      });
    }
  }
  return found;
}

/** GTIN-14 -> variants carrying it (a barcode is not unique: several variants may share one). */
export async function findVariantsByGtins(
  db: Db,
  accountId: string,
  gtin14s: string[],
): Promise<Map<string, VariantRef[]>> {
  const rows = await selectRefsWhereIn(db, accountId, "barcode_gtin", gtin14s);
  const byGtin = new Map<string, VariantRef[]>();
  for (const row of rows) {
    if (row.barcode_gtin === null) continue;
    const list = byGtin.get(row.barcode_gtin) ?? [];
    list.push(toRef(row));
    byGtin.set(row.barcode_gtin, list);
  }
  for (const list of byGtin.values()) list.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return byGtin;
}

export async function getDefaultVariant(db: Db, accountId: string, productId: string): Promise<VariantRef> {
  const rows = await db
    .selectFrom("variants")
    .select(refColumns)
    .where("account_id", "=", accountId)
    .where("product_id", "=", productId)
    .orderBy("is_default", "desc")
    .orderBy("id")
    .limit(1)
    .execute();
  const row = rows[0];
  if (!row) throw new AppError("PRODUCT_NOT_FOUND", "Product not found.", { productId });
  return toRef(row);
}
