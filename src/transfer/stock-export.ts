// Export of an account's stock levels in the stock file format, page by page through the
// inventory area's listStockLevels, so a large export streams with flat memory.
import type { Db } from "../db/database.ts";
import { listStockLevels } from "../inventory/list-stock.ts";
import type { Cell } from "./table-output.ts";

export async function* generateStockRows(db: Db, options: { accountId: string }): AsyncGenerator<Cell[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listStockLevels(db, { accountId: options.accountId, cursor, limit: 5000 });
    for (const level of page.items) yield [level.sku, level.location, level.onHand, level.reserved];
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
