// Deleting a product and its variants (their stock levels cascade). A product whose variant is a
// component of a mapping stays: deleting it would silently break what channel SKUs translate to.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";

function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503";
}

export async function deleteProduct(
  db: Db,
  options: { accountId: string; productId: string },
): Promise<void> {
  const { accountId, productId } = options;
  const write = async (trx: Db) => {
    const product = await trx
      .selectFrom("products")
      .select("id")
      .where("account_id", "=", accountId)
      .where("id", "=", productId)
      .executeTakeFirst();
    if (!product) throw new AppError("PRODUCT_NOT_FOUND", "Product not found.", { productId });
    // mapping_components belongs to the mappings area; this read-only guard is the one place the
    // catalog looks at it, because the catalog owns the decision whether a product may go.
    const used = await trx
      .selectFrom("mapping_components")
      .innerJoin("variants", (join) =>
        join
          .onRef("variants.account_id", "=", "mapping_components.account_id")
          .onRef("variants.id", "=", "mapping_components.variant_id"),
      )
      .select(["variants.id", "variants.sku"])
      .where("mapping_components.account_id", "=", accountId)
      .where("variants.product_id", "=", productId)
      .limit(1)
      .executeTakeFirst();
    if (used) {
      throw new AppError(
        "VARIANT_IN_USE",
        `Variant ${used.sku} is used by a SKU mapping; remove the mapping before deleting the product.`,
        { variantId: used.id, sku: used.sku },
      );
    }
    await trx
      .deleteFrom("variants")
      .where("account_id", "=", accountId)
      .where("product_id", "=", productId)
      .execute();
    await trx
      .deleteFrom("products")
      .where("account_id", "=", accountId)
      .where("id", "=", productId)
      .execute();
  };
  try {
    await (db.isTransaction ? write(db) : db.transaction().execute(write));
  } catch (error) {
    // a mapping created concurrently: the foreign key decides
    if (isForeignKeyViolation(error)) {
      throw new AppError("VARIANT_IN_USE", "A variant of this product is used by a SKU mapping.", {
        productId,
      });
    }
    throw error;
  }
}
