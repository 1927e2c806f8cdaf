// Listing products with their variants, newest last (ids are UUIDv7, so id order is creation
// order), cursor-paginated. `q` keeps products having a variant whose SKU or name starts with q.
import type { Db } from "../db/database.ts";
import { prefixUpperBound } from "../db/dialect.ts";
import { AppError } from "../shared/errors.ts";
import { decodeCursor, type Page, toPage } from "../shared/pagination.ts";
import { searchKey } from "../shared/sku.ts";
import { type Product, toProduct, type VariantFields } from "./catalog-store.ts";
import { selectVariantsOfProducts } from "./get-product.ts";

export async function listProducts(
  db: Db,
  options: { accountId: string; q?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<Product>> {
  const { accountId, limit } = options;
  const cursor = decodeCursor(options.cursor);
  if (cursor && typeof cursor.id !== "string") {
    throw new AppError("INVALID_CURSOR", "The cursor is not one this API returned.", { field: "cursor" });
  }
  let query = db.selectFrom("products").selectAll().where("account_id", "=", accountId);
  if (cursor) query = query.where("id", ">", String(cursor.id));
  const q = options.q?.trim();
  if (q) {
    const lower = searchKey(q);
    const upper = prefixUpperBound(lower);
    query = query.where("id", "in", (eb) =>
      eb
        .selectFrom("variants")
        .select("product_id")
        .where("account_id", "=", accountId)
        .where((w) =>
          w.or([
            w.and([w("sku_search", ">=", lower), w("sku_search", "<", upper)]),
            w.and([w("name_search", ">=", lower), w("name_search", "<", upper)]),
          ]),
        ),
    );
  }
  const rows = await query
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  const pageIds = rows.slice(0, limit).map((r) => r.id);
  const variantsByProduct = new Map<string, VariantFields[]>();
  for (const variant of await selectVariantsOfProducts(db, accountId, pageIds)) {
    const list = variantsByProduct.get(variant.product_id) ?? [];
    list.push(variant);
    variantsByProduct.set(variant.product_id, list);
  }
  return toPage(
    rows,
    limit,
    (row) => toProduct(row, variantsByProduct.get(row.id) ?? []),
    (row) => ({ id: row.id }),
  );
}
