// SQLite fast path of the mapping import, step 1: the file's rows are streamed into a TEMP table
// (temp.import_rows) through one prepared insert, each with its own cell checks already done
// (withStagedRows, shared with the PostgreSQL path) and its internal SKU resolved to a variant.
// Nothing is kept per row in JS, so memory stays flat whatever the file's size; the checks
// across rows (staged-validate.ts) and the writes (staged-apply.ts) run as SQL over this table.
// Must run inside a transaction on the connection (the caller's Kysely transaction).
import type SqliteDatabase from "better-sqlite3";
import { withStagedRows } from "./staged-rows.ts";

export type Sqlite = SqliteDatabase.Database;

/**
 * kind of a rejected row (null: valid): the first reason found, in the order the PostgreSQL
 * path checks them (readMappingFile, then planMappingImport, then collectRowErrors).
 */
export const rowKind = {
  cell: 0,
  action: 2,
  duplicate: 3,
  unknownVariant: 4,
  parent: 5,
  notApplied: 6,
  unknownSeller: 7,
} as const;

const stagedTables = ["import_rows", "import_groups", "import_removals"];

export function dropStagedTables(raw: Sqlite): void {
  for (const table of stagedTables) raw.exec(`drop table if exists temp.${table}`);
}

/**
 * The listing a row belongs to, as one column rows group, join and compare on: the channel SKU
 * for the channel's own seller (empty seller_id or the channel's: most rows, so the key costs
 * nothing more), else the seller id, a unit separator and the channel SKU (a SKU holds no control
 * character, so the two kinds of key never meet).
 */
export function groupKeyOf(sellerId: string, channelSku: string): string {
  return `case when ${sellerId} = '' or ${sellerId} = @channelSellerId then ${channelSku}
    else ${sellerId} || char(31) || ${channelSku} end`;
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
      kind, err_column, err_value, err_reason, variant_id, gkey)
    select v.*, case when v.column7 is null and v.column3 <> '' then
      (select id from variants where account_id = @accountId and sku = v.column3) end,
      ${groupKeyOf("v.column5", "v.column2")}
    from (values ${Array(rows).fill(tuple).join(", ")}) v`;
}

/** Stages every row of the file; answers the number of rows (the template's example row excluded). */
export async function stageMappingRows(
  raw: Sqlite,
  options: {
    accountId: string;
    channelSellerId: string;
    path: string;
    onRow?: ((rowsRead: number) => void) | undefined;
  },
): Promise<number> {
  return withStagedRows(options, async (batches) => {
    dropStagedTables(raw);
    raw.exec(
      `create temp table import_rows (
        row_no integer primary key, channel_sku text not null, internal_sku text not null,
        quantity integer, seller_id text not null, action text not null, variant_id text,
        kind integer, err_column text, err_value text, err_reason text, gkey text not null)`,
    );
    const pending: unknown[] = [];
    const fullBatch = raw.prepare(batchInsert(batchRows));
    const flush = () => {
      const rows = pending.length / stagedWidth;
      if (rows === 0) return;
      const statement = rows === batchRows ? fullBatch : raw.prepare(batchInsert(rows));
      statement.run(pending, { accountId: options.accountId, channelSellerId: options.channelSellerId });
      pending.length = 0;
    };
    let totalRows = 0;
    for await (const batch of batches) {
      totalRows += batch.length;
      for (const checked of batch) {
        const { error } = checked;
        pending.push(
          checked.row,
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
    raw.exec("create index temp.import_rows_sku on import_rows (gkey, internal_sku)");
    return totalRows;
  });
}
