// Creating a product with its variants. A product always has at least one variant: a product
// given only a SKU gets a default variant named like the product; otherwise the first variant
// is the default. Everything is written in one transaction or not at all.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import type { Product } from "./catalog-store.ts";
import { getProduct } from "./get-product.ts";
import type { CreateProductBody, VariantInput } from "./schemas.ts";
import { assertSkusFree, buildVariantRow, insertVariantRows, writeCatalog } from "./variant-values.ts";

function variantInputsOf(input: CreateProductBody): Array<{ variant: VariantInput; fieldPrefix: string }> {
  if (input.variants && input.sku !== undefined) {
    throw new AppError(
      "VALIDATION_FAILED",
      "Give either sku (for a single default variant) or variants, not both.",
      { field: "sku" },
    );
  }
  if (input.variants) return input.variants.map((variant, i) => ({ variant, fieldPrefix: `variants.${i}.` }));
  if (input.sku !== undefined) return [{ variant: { sku: input.sku, name: input.name }, fieldPrefix: "" }];
  throw new AppError("VALIDATION_FAILED", "A product needs a sku or at least one variant.", { field: "sku" });
}

export async function createProduct(
  db: Db,
  options: { accountId: string; input: CreateProductBody },
): Promise<Product> {
  const { accountId, input } = options;
  const now = nowIso();
  const productId = newId();
  const inputs = variantInputsOf(input);
  const rows = inputs.map(({ variant, fieldPrefix }, index) =>
    buildVariantRow({
      accountId,
      productId,
      productName: input.name,
      input: variant,
      fieldPrefix,
      isDefault: index === 0,
      now,
    }),
  );
  const entries = rows.map((row, i) => ({ sku: row.sku, field: `${inputs[i]?.fieldPrefix ?? ""}sku` }));
  const first = entries[0] ?? { sku: "", field: "sku" };
  return writeCatalog(db, { field: first.field, value: first.sku }, async (trx) => {
    await assertSkusFree(trx, { accountId, entries });
    await trx
      .insertInto("products")
      .values({
        account_id: accountId,
        id: productId,
        name: input.name,
        product_key: input.productKey ?? null,
        category: input.category ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertVariantRows(trx, rows);
    return getProduct(trx, { accountId, productId });
  });
}
