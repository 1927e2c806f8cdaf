// SQLite fast path of the mapping import, step 1: the file's rows are streamed into a TEMP table
// (temp.import_rows) through one prepared insert, each with its own cell checks already done
// (checkMappingRow, shared with the PostgreSQL path) and its internal SKU resolved to a variant.
// A large CSV file is parsed on a worker thread meanwhile (openRowSource's worker option).
// Nothing is kept per row in JS, so memory stays flat whatever the file's size; the checks
// across rows (staged-validate.ts) and the writes (staged-apply.ts) run as SQL over this table.
// Must run inside a transaction on the connection (the caller's Kysely transaction).
import type SqliteDatabase from "better-sqlite3";
import { AppError } from "../shared/errors.ts";
import { matchHeader } from "./headers.ts";
import { checkMappingRow, mappingColumnIndexes, mappingColumns } from "./mapping-file.ts";
import { type OpenedRowSource, openRowSource, rowBatches } from "./row-source.ts";

export type Sqlite = SqliteDatabase.Database;

/**
 * kind of a rejected row (null: valid): the first reason found, in the order the PostgreSQL
 * path checks them (readMappingFile, then planMappingImport, then collectRowErrors).
 */
export const rowKind = {
  cell: 0,
  seller: 1,
  action: 2,
  duplicate: 3,
  unknownVariant: 4,
  parent: 5,
  notApplied: 6,
} as const;

const stagedTables = ["import_rows", "import_groups", "import_removals"];

export function dropStagedTables(raw: Sqlite): void {
  for (const table of stagedTables) raw.exec(`drop table if exists temp.${table}`);
}

const stagedWidth = 10;
const batchRows = 200;

/**
 * Inserts `rows` staged rows in one statement (a statement per row cost more than the work), and
 * resolves each internal SKU to its variant: only for rows without an error of their own, as a
 * row with one is rejected whatever its variant.
 */
function batchInsert(rows: number): string {
  const tuple = `(${Array(stagedWidth).fill("?").join(", ")})`;
  return `insert into temp.import_rows (row_no, channel_sku, internal_sku, quantity, seller_id, action,
      kind, err_column, err_value, err_reason, variant_id)
    select v.*, case when v.column7 is null and v.column3 <> '' then
      (select id from variants where account_id = @accountId and sku = v.column3) end
    from (values ${Array(rows).fill(tuple).join(", ")}) v`;
}

/** Stages every row of the file; answers the number of rows (the template's example row excluded). */
export async function stageMappingRows(
  raw: Sqlite,
  options: { accountId: string; path: string; onRow?: ((rowsRead: number) => void) | undefined },
): Promise<number> {
  const source = await openRowSource({ path: options.path, worker: true });
  try {
    return await stageRows(raw, source, options);
  } finally {
    await source.close();
  }
}

async function stageRows(
  raw: Sqlite,
  source: OpenedRowSource,
  options: { accountId: string; onRow?: ((rowsRead: number) => void) | undefined },
): Promise<number> {
  const restore = source.format === "csv";
  const { index, header } = matchHeader({ header: source.header, columns: mappingColumns });
  const at = mappingColumnIndexes(index);
  dropStagedTables(raw);
  raw.exec(
    `create temp table import_rows (
      row_no integer primary key, channel_sku text not null, internal_sku text not null,
      quantity integer, seller_id text not null, action text not null, variant_id text,
      kind integer, err_column text, err_value text, err_reason text)`,
  );
  const pending: unknown[] = [];
  const flush = () => {
    const rows = pending.length / stagedWidth;
    if (rows === 0) return;
    const statement = rows === batchRows ? fullBatch : raw.prepare(batchInsert(rows));
    statement.run(pending, { accountId: options.accountId });
    pending.length = 0;
  };
  const fullBatch = raw.prepare(batchInsert(batchRows));
  let totalRows = 0;
  for await (const batch of rowBatches(source)) {
    for (const { row, values } of batch) {
      const checked = checkMappingRow({ row, values, at, headerLength: header.length, restore });
      if (!checked) continue;
      totalRows += 1;
      options.onRow?.(totalRows);
      const { error } = checked;
      pending.push(
        row,
        checked.channelSku,
        checked.internalSku,
        typeof checked.quantity === "number" ? checked.quantity : null,
        checked.sellerId,
        checked.action,
        error ? rowKind.cell : null,
        error?.column ?? null,
        error?.value ?? null,
        error?.reason ?? null,
      );
      if (pending.length === batchRows * stagedWidth) flush();
    }
  }
  flush();
  if (totalRows === 0) {
    throw new AppError("INVALID_FILE", "The file has a header but no rows.", {
      row: 2,
      reason: "no data rows",
    });
  }
  raw.exec("create index temp.import_rows_sku on import_rows (channel_sku, internal_sku)");
  return totalRows;
}
