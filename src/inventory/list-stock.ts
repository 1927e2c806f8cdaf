// Listing stock levels of an account, filtered by SKU and location, keyset-paginated.
import { findVariantsBySkus, getVariantsByIds } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { decodeCursor, type Page, toPage } from "../shared/pagination.ts";
import type { StockLevelResult } from "./set-stock.ts";

export async function listStockLevels(
  db: Db,
  options: {
    accountId: string;
    sku?: string | undefined;
    location?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<StockLevelResult>> {
  const { accountId, limit } = options;
  const after = decodeCursor(options.cursor);
  let query = db
    .selectFrom("stock_levels")
    .select(["variant_id", "location", "on_hand", "reserved"])
    .where("account_id", "=", accountId);
  if (options.sku !== undefined) {
    const variant = (await findVariantsBySkus(db, accountId, [options.sku.trim()])).get(options.sku.trim());
    if (!variant) return { items: [], nextCursor: null };
    query = query.where("variant_id", "=", variant.id);
  }
  if (options.location !== undefined) query = query.where("location", "=", options.location.trim());
  if (after) {
    const variantId = String(after.v ?? "");
    const location = String(after.l ?? "");
    query = query.where((eb) =>
      eb.or([
        eb("variant_id", ">", variantId),
        eb.and([eb("variant_id", "=", variantId), eb("location", ">", location)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("variant_id")
    .orderBy("location")
    .limit(limit + 1)
    .execute();
  const variants = await getVariantsByIds(
    db,
    accountId,
    rows.map((row) => row.variant_id),
  );
  return toPage(
    rows,
    limit,
    (row) => ({
      sku: variants.get(row.variant_id)?.sku ?? "",
      variantId: row.variant_id,
      location: row.location,
      onHand: Number(row.on_hand),
      reserved: Number(row.reserved),
    }),
    (row) => ({ v: row.variant_id, l: row.location }),
  );
}
