// SQLite fast path of the mapping import, step 1: the file's rows are streamed into a TEMP table
// (temp.import_rows) through one prepared insert, each with its own cell checks already done
// (checkMappingRow, shared with the PostgreSQL path) and its internal SKU resolved to a variant.
// Nothing is kept per row in JS, so memory stays flat whatever the file's size; the checks
// across rows (staged-validate.ts) and the writes (staged-apply.ts) run as SQL over this table.
// Must run inside a transaction on the connection (the caller's Kysely transaction).
import type SqliteDatabase from "better-sqlite3";
import { AppError } from "../shared/errors.ts";
import { matchHeader } from "./headers.ts";
import { checkMappingRow, mappingColumnIndexes, mappingColumns } from "./mapping-file.ts";
import { openRowSource } from "./row-source.ts";

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

/** Stages every row of the file; answers the number of rows (the template's example row excluded). */
export async function stageMappingRows(
  raw: Sqlite,
  options: { accountId: string; path: string; onRow?: ((rowsRead: number) => void) | undefined },
): Promise<number> {
  const source = await openRowSource({ path: options.path });
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
  const insert = raw.prepare("insert into temp.import_rows values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const variant = raw.prepare("select id from variants where account_id = ? and sku = ?").pluck();
  let totalRows = 0;
  for await (const { row, values } of source.rows) {
    const checked = checkMappingRow({ row, values, at, headerLength: header.length, restore });
    if (!checked) continue;
    totalRows += 1;
    options.onRow?.(totalRows);
    const { error } = checked;
    const quantity = typeof checked.quantity === "number" ? checked.quantity : null;
    // a row with an error of its own is rejected whatever its variant; look up only the others
    const variantId =
      error === null && checked.internalSku !== ""
        ? ((variant.get(options.accountId, checked.internalSku) as string | undefined) ?? null)
        : null;
    insert.run(
      row,
      checked.channelSku,
      checked.internalSku,
      quantity,
      checked.sellerId,
      checked.action,
      variantId,
      error ? rowKind.cell : null,
      error?.column ?? null,
      error?.value ?? null,
      error?.reason ?? null,
    );
  }
  if (totalRows === 0) {
    throw new AppError("INVALID_FILE", "The file has a header but no rows.", {
      row: 2,
      reason: "no data rows",
    });
  }
  raw.exec("create index temp.import_rows_sku on import_rows (channel_sku, internal_sku)");
  return totalRows;
}
