// An import's rejected rows, stored in import_errors in file order: written a batch at a time as
// a validation finds them, read back a page at a time (the preview's first rows, the error file),
// and the IMPORT_HAS_ERRORS refusal that names the first of them.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import type { RowError } from "./import-store.ts";
import { stagedInserter } from "./row-stage.ts";

/**
 * Receives an import's rejected rows, in file order, a batch at a time as the validation finds
 * them, so that no validation holds every rejected row of a large file in memory.
 */
export type RowErrorSink = (errors: RowError[]) => Promise<void>;

/**
 * A sink writing into the import's stored errors, which it first clears (an apply validates the
 * file again and replaces what the preview found). Must be used in the caller's transaction.
 */
export async function importErrorSink(
  db: Db,
  options: { accountId: string; importId: string },
): Promise<RowErrorSink> {
  const { accountId, importId } = options;
  await db
    .deleteFrom("import_errors")
    .where("account_id", "=", accountId)
    .where("import_id", "=", importId)
    .execute();
  let seq = 0;
  // a statement of 500 rows at a time, its text built once (Kysely building one per batch was
  // most of the time a file of 1M rejected rows took to store them)
  const inserter = stagedInserter(db, {
    table: "import_errors",
    columns: ["account_id", "import_id", "seq", '"row"', '"column"', "value", "reason"],
  });
  return async (errors) => {
    for (const e of errors) {
      await inserter.add([accountId, importId, seq++, e.row, e.column, e.value.slice(0, 1000), e.reason]);
    }
    await inserter.flush();
  };
}

/** Replaces the import's stored errors with these (a validation that holds them all: catalog, stock). */
export async function saveImportErrors(
  db: Db,
  options: { accountId: string; importId: string; errors: RowError[] },
): Promise<void> {
  await (await importErrorSink(db, options))(options.errors);
}

/**
 * IMPORT_HAS_ERRORS (nothing written) when rows are invalid and the caller did not ask for the
 * valid ones only; the first of them, as just stored, go with it.
 */
export async function refuseInvalidRows(
  db: Db,
  options: { accountId: string; importId: string; rejectedRows: number; validRowsOnly: boolean },
): Promise<void> {
  const { rejectedRows } = options;
  if (rejectedRows > 0 && !options.validRowsOnly) {
    const errors = await listImportErrors(db, { ...options, limit: 20 });
    throw new AppError(
      "IMPORT_HAS_ERRORS",
      `${rejectedRows} row(s) are invalid; nothing was written. Fix them or apply with validRowsOnly=true.`,
      { rejectedRows, errors },
    );
  }
}

export async function listImportErrors(
  db: Db,
  options: { accountId: string; importId: string; limit: number },
): Promise<RowError[]> {
  const rows = await errorPage(db, { ...options, afterSeq: -1 });
  return rows.map(({ seq: _, ...error }) => error);
}

/** Every stored error of an import in file order, read a page at a time. */
export async function* readImportErrors(
  db: Db,
  options: { accountId: string; importId: string },
): AsyncGenerator<RowError> {
  let afterSeq = -1;
  for (;;) {
    const page = await errorPage(db, { ...options, afterSeq, limit: 5000 });
    for (const { seq, ...error } of page) {
      afterSeq = seq;
      yield error;
    }
    if (page.length < 5000) return;
  }
}

async function errorPage(
  db: Db,
  options: { accountId: string; importId: string; afterSeq: number; limit: number },
): Promise<Array<RowError & { seq: number }>> {
  const rows = await db
    .selectFrom("import_errors")
    .select(["seq", "row", "column", "value", "reason"])
    .where("account_id", "=", options.accountId)
    .where("import_id", "=", options.importId)
    .where("seq", ">", options.afterSeq)
    .orderBy("seq")
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    row: Number(r.row),
    column: r.column,
    value: r.value,
    reason: r.reason,
  }));
}
