// The stock import's rows staged in SQL (row-stage.ts), so that a stock file of any size is
// checked without holding it: each row, checked on its own (stock-file.ts), goes into a TEMP
// table; the same SKU and location twice is checked as SQL (a repeat with the same levels is
// dropped, with other levels both rows are rejected); stock-import.ts then plans and writes a page
// of valid rows at a time. The levels are bigint, so a number too large for the stock table
// reaches the plan, which rejects it with its row.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { prepareBulkTransaction } from "../db/dialect.ts";
import { analyzeStaged, dropTempTables, stagedInserter, stagedKeyType } from "./row-stage.ts";
import type { StagedStockRow, StockRow } from "./stock-file.ts";

export const stockRowsTable = "import_stock_rows";
const firstsTable = "import_stock_firsts";

export async function dropStockStage(db: Db): Promise<void> {
  await dropTempTables(db, [stockRowsTable, firstsTable]);
}

/** Creates the staged rows table, fills it from `batches` and checks the rows against each other. */
export async function stageStockRows(db: Db, batches: AsyncIterable<StagedStockRow[]>): Promise<void> {
  await dropStockStage(db);
  await prepareBulkTransaction(db);
  const key = stagedKeyType(db);
  const rows = sql.table(stockRowsTable);
  await sql`create temp table ${rows} (seq integer primary key, row_no integer not null,
    sku ${key} not null, location ${key} not null, on_hand bigint, reserved bigint,
    dropped integer not null default 0, err_column text, err_value text, err_reason text)`.execute(db);
  const inserter = stagedInserter(db, {
    table: stockRowsTable,
    columns: [
      "seq",
      "row_no",
      "sku",
      "location",
      "on_hand",
      "reserved",
      "err_column",
      "err_value",
      "err_reason",
    ],
  });
  let seq = 0;
  for await (const batch of batches) {
    for (const { row, stock, error } of batch) {
      await inserter.add([
        seq++,
        row,
        stock?.sku ?? "",
        stock?.location ?? "",
        stock?.onHand ?? null,
        stock?.reserved ?? null,
        error?.column ?? null,
        error?.value ?? null,
        error?.reason ?? null,
      ]);
    }
  }
  await inserter.flush();
  await sql`create index import_stock_rows_key on ${rows} (sku, location)`.execute(db);
  await analyzeStaged(db, stockRowsTable);

  // the same SKU and location twice, among the rows without a problem of their own
  const firsts = sql.table(firstsTable);
  await sql`create temp table ${firsts} as select sku, location, min(seq) as first_seq from ${rows}
    where err_reason is null group by sku, location having count(*) > 1`.execute(db);
  await sql`create unique index import_stock_firsts_key on ${firsts} (sku, location)`.execute(db);
  // reserved is never negative: -1 stands for "absent" (keep the current reserved)
  const sameLevels = sql`r.on_hand = fr.on_hand and coalesce(r.reserved, -1) = coalesce(fr.reserved, -1)`;
  const repeats = sql`from ${rows} r join ${firsts} f on f.sku = r.sku and f.location = r.location
    join ${rows} fr on fr.seq = f.first_seq where r.seq > f.first_seq and r.err_reason is null`;
  await sql`update ${rows} set dropped = 1 where seq in (select r.seq ${repeats} and ${sameLevels})`.execute(
    db,
  );
  await sql`update ${rows} set err_column = 'sku', err_value = sku,
      err_reason = 'sets the same sku and location as row ' || cast((select fr.row_no from ${firsts} f
        join ${rows} fr on fr.seq = f.first_seq where f.sku = ${rows}.sku and f.location = ${rows}.location) as text)
        || ' differently; keep one of the two rows'
    where seq in (select r.seq ${repeats} and not (${sameLevels}))`.execute(db);
  const later = sql`from ${rows} r where r.sku = ${rows}.sku and r.location = ${rows}.location
    and r.seq > ${rows}.seq and r.dropped = 0`;
  await sql`update ${rows} set err_column = 'sku', err_value = sku,
      err_reason = 'is set differently by row ' || cast((select min(r.row_no) ${later}) as text)
    where err_reason is null and seq in (select first_seq from ${firsts}) and exists (select 1 ${later})`.execute(
    db,
  );
}

/** Up to `limit` valid rows after `afterSeq`, in file order, with their seq. */
export async function readStagedStock(
  db: Db,
  options: { afterSeq: number; limit: number },
): Promise<Array<StockRow & { seq: number }>> {
  const { rows } = await sql<{
    seq: number;
    row_no: number;
    sku: string;
    location: string;
    on_hand: number;
    reserved: number | null;
  }>`select seq, row_no, sku, location, on_hand, reserved from ${sql.table(stockRowsTable)}
    where seq > ${options.afterSeq} and err_reason is null and dropped = 0
    order by seq limit ${options.limit}`.execute(db);
  return rows.map((r) => ({
    seq: Number(r.seq),
    row: Number(r.row_no),
    sku: r.sku,
    location: r.location,
    onHand: Number(r.on_hand),
    reserved: r.reserved === null ? undefined : Number(r.reserved),
  }));
}
