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
