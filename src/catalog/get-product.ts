// Reading one product (with its variants) or one full variant, always within the account.
import { type Db, readRawSqlite } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { type Product, toProduct, toVariant, type Variant, type VariantFields } from "./catalog-store.ts";

export async function getProduct(
  db: Db,
  options: { accountId: string; productId: string },
): Promise<Product> {
  const row = await db
    .selectFrom("products")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.productId)
    .executeTakeFirst();
  if (!row) throw new AppError("PRODUCT_NOT_FOUND", "Product not found.", { productId: options.productId });
  const variants = await selectVariantsOfProducts(db, options.accountId, [row.id]);
  return toProduct(row, variants);
}

/** Products (with their variants) by id, two queries per 500 ids; ids not in the account are absent. */
export async function getProductsByIds(
  db: Db,
  options: { accountId: string; productIds: string[] },
): Promise<Map<string, Product>> {
  const { accountId } = options;
  const ids = [...new Set(options.productIds)];
  const found = new Map<string, Product>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom("products")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "in", chunk)
      .execute();
    const variantsOf = new Map<string, VariantFields[]>();
    for (const variant of await selectVariantsOfProducts(db, accountId, chunk)) {
      const list = variantsOf.get(variant.product_id);
      if (list) list.push(variant);
      else variantsOf.set(variant.product_id, [variant]);
    }
    for (const row of rows) found.set(row.id, toProduct(row, variantsOf.get(row.id) ?? []));
  }
  return found;
}

/** Variants of the given products, default first, then in creation order. */
export async function selectVariantsOfProducts(
  db: Db,
  accountId: string,
  productIds: string[],
): Promise<VariantFields[]> {
  if (productIds.length === 0) return [];
  const fast = await readRawSqlite(db, (raw) => {
    const rows = raw
      .prepare(
        `select ${variantColumns.join(", ")} from variants where account_id = ?
        and product_id in (${productIds.map(() => "?").join(", ")}) order by product_id, is_default desc, id`,
      )
      .raw()
      .all(accountId, ...productIds) as unknown[][];
    return rows.map(fieldsOf);
  });
  if (fast) return fast;
  return db
    .selectFrom("variants")
    .select(variantColumns)
    .where("account_id", "=", accountId)
    .where("product_id", "in", productIds)
    .orderBy("product_id")
    .orderBy("is_default", "desc")
    .orderBy("id")
    .execute();
}

// On SQLite the variants are read as arrays and made into objects here: better-sqlite3 made each
// row object slowly (1.9 s of the 300k variants a catalog re-import reads, 0.7 s as arrays).
const variantColumns = [
  "id",
  "product_id",
  "sku",
  "barcode",
  "barcode_gtin",
  "name",
  "options",
  "length_mm",
  "width_mm",
  "height_mm",
  "weight_g",
  "cost_amount",
  "cost_currency",
  "price_amount",
  "price_currency",
  "is_default",
  "archived",
  "created_at",
  "updated_at",
] as const;

/** A row of variantColumns' values, in their order. */
function fieldsOf(v: unknown[]): VariantFields {
  return {
    id: v[0],
    product_id: v[1],
    sku: v[2],
    barcode: v[3],
    barcode_gtin: v[4],
    name: v[5],
    options: v[6],
    length_mm: v[7],
    width_mm: v[8],
    height_mm: v[9],
    weight_g: v[10],
    cost_amount: v[11],
    cost_currency: v[12],
    price_amount: v[13],
    price_currency: v[14],
    is_default: v[15],
    archived: v[16],
    created_at: v[17],
    updated_at: v[18],
  } as VariantFields;
}

export async function getFullVariant(
  db: Db,
  options: { accountId: string; variantId: string },
): Promise<Variant> {
  const row = await db
    .selectFrom("variants")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.variantId)
    .executeTakeFirst();
  if (!row) throw new AppError("VARIANT_NOT_FOUND", "Variant not found.", { variantId: options.variantId });
  return toVariant(row);
}

/** The ids of the products each product key names (a key is not unique: several may share it). */
export async function findProductsByKeys(
  db: Db,
  options: { accountId: string; keys: string[] },
): Promise<Map<string, string[]>> {
  const keys = [...new Set(options.keys)];
  const found = new Map<string, string[]>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom("products")
      .select(["id", "product_key"])
      .where("account_id", "=", options.accountId)
      .where("product_key", "in", keys.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const key = row.product_key ?? "";
      found.set(key, [...(found.get(key) ?? []), row.id]);
    }
  }
  return found;
}
