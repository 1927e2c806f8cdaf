// A file's rows staged in a TEMP table of the caller's transaction (the catalog and stock imports;
// the mapping import has its own, faster path): every staged table has `seq` (its order of
// reading), `row_no` (the file's row) and `err_column`, `err_value`, `err_reason` (the row's first
// problem). Rows go in a batch per statement, and the rejected rows come back out in file order.
import { CompiledQuery, sql } from "kysely";
import type { Db } from "../db/database.ts";
import { isPostgres } from "../db/dialect.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { RowError } from "./import-store.ts";

/** Drops the tables; in a PostgreSQL transaction already failed it leaves them to its rollback. */
export async function dropTempTables(db: Db, tables: string[]): Promise<void> {
  try {
    for (const table of tables) await sql`drop table if exists ${sql.table(table)}`.execute(db);
  } catch (error) {
    // 25P02: the transaction is aborted (a failed statement); its rollback drops them
    if ((error as { code?: string }).code !== "25P02") throw error;
  }
}

/** The column type of SKU-like keys: compared byte by byte, as the catalog's own columns are. */
export function stagedKeyType(db: Db) {
  return isPostgres(db) ? sql.raw(`text collate "C"`) : sql.raw("text");
}

/**
 * Gives PostgreSQL statistics of a staged table (temporary tables are never analyzed by
 * autovacuum; without them the checks over a large file may be planned as for an empty table).
 */
export async function analyzeStaged(db: Db, table: string): Promise<void> {
  if (isPostgres(db)) await sql`analyze ${sql.table(table)}`.execute(db);
}

const batchRows = 500;

/**
 * Inserts rows of `columns` values into `table`, `batchRows` per statement: one statement text
 * per batch size with the values as parameters (a query built per batch cost more than the rows).
 */
export function stagedInserter(db: Db, options: { table: string; columns: string[] }) {
  const postgres = isPostgres(db);
  const width = options.columns.length;
  const insertText = (rows: number) => {
    let n = 0;
    const tuple = () => `(${Array.from({ length: width }, () => (postgres ? `$${++n}` : "?")).join(", ")})`;
    return `insert into ${options.table} (${options.columns.join(", ")}) values ${Array.from(
      { length: rows },
      tuple,
    ).join(", ")}`;
  };
  const fullBatch = insertText(batchRows);
  const params: unknown[] = [];
  const flush = async () => {
    const rows = params.length / width;
    if (rows === 0) return;
    const text = rows === batchRows ? fullBatch : insertText(rows);
    await db.executeQuery(CompiledQuery.raw(text, params.splice(0)));
  };
  return {
    /** adds one row's values, in the order of `columns` */
    add: async (values: unknown[]) => {
      params.push(...values);
      if (params.length >= batchRows * width) await flush();
    },
    flush,
  };
}

/** Whether a staged row is rejected so far. */
export async function hasStagedErrors(db: Db, table: string): Promise<boolean> {
  const { rows } =
    await sql`select 1 as found from ${sql.table(table)} where err_reason is not null limit 1`.execute(db);
  return rows.length > 0;
}

/** Records a row's problem by its `seq`, unless it has one already. */
export async function rejectStagedRow(db: Db, table: string, seq: number, error: RowError): Promise<void> {
  await sql`update ${sql.table(table)} set err_column = ${error.column}, err_value = ${error.value},
    err_reason = ${error.reason} where seq = ${seq} and err_reason is null`.execute(db);
}

const errorPage = 5000;

/** Hands the rejected rows to `onErrors` in file order, a page at a time; answers how many there are. */
export async function sendStagedErrors(db: Db, table: string, onErrors: RowErrorSink): Promise<number> {
  let after = { row: -1, seq: -1 };
  let total = 0;
  for (;;) {
    const { rows: page } = await sql<{
      seq: number;
      row_no: number;
      err_column: string;
      err_value: string;
      err_reason: string;
    }>`select seq, row_no, err_column, err_value, err_reason from ${sql.table(table)}
      where err_reason is not null and (row_no > ${after.row} or (row_no = ${after.row} and seq > ${after.seq}))
      order by row_no, seq limit ${errorPage}`.execute(db);
    if (page.length > 0) {
      await onErrors(
        page.map((r) => ({
          row: Number(r.row_no),
          column: r.err_column,
          value: r.err_value,
          reason: r.err_reason,
        })),
      );
      const last = page.at(-1);
      if (last) after = { row: Number(last.row_no), seq: Number(last.seq) };
      total += page.length;
    }
    if (page.length < errorPage) return total;
  }
}
