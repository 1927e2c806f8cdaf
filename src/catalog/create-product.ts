// Creating a product with its variants. A product always has at least one variant: a product
// given only a SKU gets a default variant named like the product; otherwise the first variant
// is the default. Everything is written in one transaction or not at all.
import type { Insertable } from "kysely";
import type { Db } from "../db/database.ts";
import type { ProductTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import type { Product } from "./catalog-store.ts";
import { getProduct } from "./get-product.ts";
import type { CreateProductBody, VariantInput } from "./schemas.ts";
import {
  assertSkusFree,
  buildVariantRow,
  insertVariantRows,
  type NewVariantRow,
  writeCatalog,
} from "./variant-values.ts";

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

type ProductRows = {
  product: Insertable<ProductTable>;
  variants: NewVariantRow[];
  /** each variant's SKU and the field it came from, for conflict errors */
  entries: Array<{ sku: string; field: string }>;
};

function productRows(
  accountId: string,
  input: CreateProductBody,
  now: string,
  fieldPrefix = "",
): ProductRows {
  const productId = newId();
  const inputs = variantInputsOf(input);
  const variants = inputs.map(({ variant, fieldPrefix: prefix }, index) =>
    buildVariantRow({
      accountId,
      productId,
      productName: input.name,
      input: variant,
      fieldPrefix: `${fieldPrefix}${prefix}`,
      isDefault: index === 0,
      now,
    }),
  );
  return {
    product: {
      account_id: accountId,
      id: productId,
      name: input.name,
      product_key: input.productKey ?? null,
      category: input.category ?? null,
      created_at: now,
      updated_at: now,
    },
    variants,
    entries: variants.map((row, i) => ({
      sku: row.sku,
      field: `${fieldPrefix}${inputs[i]?.fieldPrefix ?? ""}sku`,
    })),
  };
}

export async function createProduct(
  db: Db,
  options: { accountId: string; input: CreateProductBody },
): Promise<Product> {
  const { accountId } = options;
  const rows = productRows(accountId, options.input, nowIso());
  const first = rows.entries[0] ?? { sku: "", field: "sku" };
  return writeCatalog(db, { field: first.field, value: first.sku }, async (trx) => {
    await assertSkusFree(trx, { accountId, entries: rows.entries });
    await trx.insertInto("products").values(rows.product).execute();
    await insertVariantRows(trx, rows.variants);
    return getProduct(trx, { accountId, productId: rows.product.id });
  });
}

/**
 * Many products at once (a catalog import's new products), each as createProduct makes it, with
 * one SKU check and batched inserts instead of a round of statements per product. Answers the
 * new variants' ids by SKU.
 */
export async function createProducts(
  db: Db,
  options: { accountId: string; inputs: CreateProductBody[] },
): Promise<Map<string, string>> {
  const { accountId } = options;
  if (options.inputs.length === 0) return new Map();
  const now = nowIso();
  const all = options.inputs.map((input, i) => productRows(accountId, input, now, `products.${i}.`));
  const entries = all.flatMap((rows) => rows.entries);
  const variants = all.flatMap((rows) => rows.variants);
  const first = entries[0] ?? { sku: "", field: "sku" };
  return writeCatalog(db, { field: first.field, value: first.sku }, async (trx) => {
    await assertSkusFree(trx, { accountId, entries });
    for (let i = 0; i < all.length; i += 200) {
      await trx
        .insertInto("products")
        .values(all.slice(i, i + 200).map((rows) => rows.product))
        .execute();
    }
    await insertVariantRows(trx, variants);
    return new Map(variants.map((row) => [row.sku, row.id]));
  });
}
