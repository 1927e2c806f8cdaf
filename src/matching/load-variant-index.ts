// Builds the in-memory variant index of one account from a keyset-paged scan (ids ascending,
// a few thousand rows per query), so memory grows with the catalog only by the index itself and
// no page holds a long-running cursor. This reads the catalog's tables directly because the
// catalog area exports no whole-catalog scan with product names; it only reads.
import type { Db } from "../db/database.ts";
import { addToVariantIndex, createVariantIndex, type VariantIndex } from "./variant-index.ts";

const pageSize = 5000;

export async function loadVariantIndex(db: Db, options: { accountId: string }): Promise<VariantIndex> {
  const index = createVariantIndex();
  let afterId: string | undefined;
  for (;;) {
    let query = db
      .selectFrom("variants as v")
      .innerJoin("products as p", (join) =>
        join.onRef("p.account_id", "=", "v.account_id").onRef("p.id", "=", "v.product_id"),
      )
      .select(["v.id", "v.sku", "v.name", "v.barcode", "v.barcode_gtin", "p.name as product_name"])
      .where("v.account_id", "=", options.accountId)
      .where("v.archived", "=", 0);
    if (afterId !== undefined) query = query.where("v.id", ">", afterId);
    const rows = await query.orderBy("v.id").limit(pageSize).execute();
    for (const row of rows) {
      addToVariantIndex(index, {
        id: row.id,
        sku: row.sku,
        name: row.name ?? row.product_name,
        barcode: row.barcode,
        gtin: row.barcode_gtin,
      });
    }
    if (rows.length < pageSize) return index;
    afterId = rows[rows.length - 1]?.id;
  }
}
