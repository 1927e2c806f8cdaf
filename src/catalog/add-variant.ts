// Adding a variant to an existing product.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import type { Variant } from "./catalog-store.ts";
import { getFullVariant } from "./get-product.ts";
import type { VariantInput } from "./schemas.ts";
import { assertSkusFree, buildVariantRow, insertVariantRows, writeCatalog } from "./variant-values.ts";

export async function addVariant(
  db: Db,
  options: { accountId: string; productId: string; input: VariantInput },
): Promise<Variant> {
  const { accountId, productId, input } = options;
  return writeCatalog(db, { field: "sku", value: input.sku.trim() }, async (trx) => {
    const product = await trx
      .selectFrom("products")
      .select(["id", "name"])
      .where("account_id", "=", accountId)
      .where("id", "=", productId)
      .executeTakeFirst();
    if (!product) throw new AppError("PRODUCT_NOT_FOUND", "Product not found.", { productId });
    const row = buildVariantRow({
      accountId,
      productId,
      productName: product.name,
      input,
      fieldPrefix: "",
      isDefault: false,
      now: nowIso(),
    });
    await assertSkusFree(trx, { accountId, entries: [{ sku: row.sku, field: "sku" }] });
    await insertVariantRows(trx, [row]);
    await trx
      .updateTable("products")
      .set({ updated_at: row.created_at })
      .where("account_id", "=", accountId)
      .where("id", "=", productId)
      .execute();
    return getFullVariant(trx, { accountId, variantId: row.id });
  });
}

/**
 * Many variants added to existing products at once (a catalog import's new SKUs in known
 * products), each as addVariant makes it, with one SKU check and batched writes instead of a
 * round of statements per variant. Answers the new variants' ids by SKU.
 */
export async function addVariants(
  db: Db,
  options: { accountId: string; additions: Array<{ productId: string; input: VariantInput }> },
): Promise<Map<string, string>> {
  const { accountId, additions } = options;
  if (additions.length === 0) return new Map();
  const first = additions[0]?.input.sku.trim() ?? "";
  return writeCatalog(db, { field: "sku", value: first }, async (trx) => {
    const productIds = [...new Set(additions.map((addition) => addition.productId))];
    const names = new Map<string, string>();
    for (let i = 0; i < productIds.length; i += 500) {
      const products = await trx
        .selectFrom("products")
        .select(["id", "name"])
        .where("account_id", "=", accountId)
        .where("id", "in", productIds.slice(i, i + 500))
        .execute();
      for (const product of products) names.set(product.id, product.name);
    }
    const now = nowIso();
    const rows = additions.map(({ productId, input }, i) => {
      const productName = names.get(productId);
      if (productName === undefined)
        throw new AppError("PRODUCT_NOT_FOUND", "Product not found.", { productId });
      return buildVariantRow({
        accountId,
        productId,
        productName,
        input,
        fieldPrefix: `variants.${i}.`,
        isDefault: false,
        now,
      });
    });
    await assertSkusFree(trx, {
      accountId,
      entries: rows.map((row, i) => ({ sku: row.sku, field: `variants.${i}.sku` })),
    });
    await insertVariantRows(trx, rows);
    for (let i = 0; i < productIds.length; i += 500) {
      await trx
        .updateTable("products")
        .set({ updated_at: now })
        .where("account_id", "=", accountId)
        .where("id", "in", productIds.slice(i, i + 500))
        .execute();
    }
    return new Map(rows.map((row) => [row.sku, row.id]));
  });
}
