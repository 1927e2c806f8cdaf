// Reading one product (with its variants) or one full variant, always within the account.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { type Product, toProduct, toVariant, type Variant, type VariantRow } from "./catalog-store.ts";

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
    const variantsOf = new Map<string, VariantRow[]>();
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
): Promise<VariantRow[]> {
  if (productIds.length === 0) return [];
  return db
    .selectFrom("variants")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("product_id", "in", productIds)
    .orderBy("product_id")
    .orderBy("is_default", "desc")
    .orderBy("id")
    .execute();
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
