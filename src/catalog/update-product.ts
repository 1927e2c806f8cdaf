// Renaming a product or changing its key and category.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import type { Product } from "./catalog-store.ts";
import { getProduct } from "./get-product.ts";
import type { UpdateProductBody } from "./schemas.ts";
import { nameSearchOf } from "./variant-values.ts";

export async function updateProduct(
  db: Db,
  options: { accountId: string; productId: string; input: UpdateProductBody },
): Promise<Product> {
  const { accountId, productId, input } = options;
  const write = async (trx: Db) => {
    const now = nowIso();
    const result = await trx
      .updateTable("products")
      .set({
        updated_at: now,
        ...(input.name !== undefined && { name: input.name }),
        ...(input.productKey !== undefined && { product_key: input.productKey }),
        ...(input.category !== undefined && { category: input.category }),
      })
      .where("account_id", "=", accountId)
      .where("id", "=", productId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError("PRODUCT_NOT_FOUND", "Product not found.", { productId });
    }
    if (input.name !== undefined) {
      // variants without a name of their own are searched by the product's name
      await trx
        .updateTable("variants")
        .set({ name_search: nameSearchOf(null, input.name) })
        .where("account_id", "=", accountId)
        .where("product_id", "=", productId)
        .where("name", "is", null)
        .execute();
    }
    return getProduct(trx, { accountId, productId });
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}
