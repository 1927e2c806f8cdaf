// The first step of every import: store the file, validate it in full without writing, and keep
// the preview (counts and rejected rows) in the database. The import is recorded and validated in
// one transaction, its rejected rows written as they are found. A repeated Idempotency-Key answers
// the first import of that key; a file that cannot be read at all is removed and nothing is recorded.
import { rm } from "node:fs/promises";
import type { Db } from "../db/database.ts";
import { importErrorSink, listImportErrors, type RowErrorSink } from "./import-errors.ts";
import { type RunningImport, runningImport } from "./import-progress.ts";
import {
  findImportByKey,
  getImport,
  type ImportCounts,
  type ImportKind,
  type ImportMode,
  type ImportRecord,
  insertImport,
  type RowError,
  saveImportPreview,
} from "./import-store.ts";

/** What a validation answers; its rejected rows went to the sink it was given. */
export type ImportValidation = { totalRows: number; counts: ImportCounts };

/** A validation of the stored file against the database, in the caller's transaction, writing nothing. */
export type ValidateImport = (db: Db, path: string, onErrors: RowErrorSink) => Promise<ImportValidation>;

export type ImportPreview = {
  id: string;
  kind: ImportKind;
  status: string;
  mode: ImportMode;
  fileName: string;
  totalRows: number;
  counts: ImportCounts;
  errors: RowError[];
  errorFileUrl: string | null;
  /** writingChanges: how many changes a running apply is writing, once the file is read (else null) */
  progress: { rowsDone: number; rowsTotal: number; writingChanges: number | null };
  summary: Record<string, unknown> | null;
  /** why an apply started with async=true failed (status "failed") */
  error: { code: string; message: string } | null;
  createdAt: string;
};

export const previewErrorLimit = 20;

export async function createImport(
  db: Db,
  options: {
    accountId: string;
    kind: ImportKind;
    channelId: string | null;
    mode: ImportMode;
    fileName: string;
    idempotencyKey: string | null;
    actorUserId: string | null;
    /** the stored upload; removed again when the import is not kept (unless keepFile: the CLI's own file) */
    path: string;
    keepFile?: boolean;
    validate: ValidateImport;
  },
): Promise<ImportRecord> {
  const { accountId, kind } = options;
  const { path } = options;
  const discard = () => (options.keepFile ? Promise.resolve() : rm(path, { force: true }));
  if (options.idempotencyKey) {
    const first = await findImportByKey(db, { accountId, kind, idempotencyKey: options.idempotencyKey });
    if (first) {
      await discard();
      return first;
    }
  }
  let inserted: Awaited<ReturnType<typeof insertImport>>;
  try {
    inserted = await db.transaction().execute(async (trx) => {
      const result = await insertImport(trx, { ...options, filePath: path });
      if (!result.created) return result;
      const importId = result.record.id;
      const validation = await options.validate(
        trx,
        path,
        await importErrorSink(trx, { accountId, importId }),
      );
      await saveImportPreview(trx, { accountId, importId, ...validation, rowsTotal: validation.totalRows });
      return {
        ...result,
        record: {
          ...result.record,
          rowsTotal: validation.totalRows,
          rowsDone: validation.totalRows,
          counts: validation.counts,
          rejectedRows: validation.counts.rejectedRows,
        },
      };
    });
  } catch (error) {
    await discard();
    throw error;
  }
  if (!inserted.created) await discard();
  return inserted.record;
}

class RowsRejected extends Error {}

/** Who and what a one-pass import records: the import's own fields. */
export type OnePassImport = {
  accountId: string;
  path: string;
  fileName: string;
  validRowsOnly: boolean;
  idempotencyKey: string | null;
  actorUserId: string | null;
  /** the CLI's own file: kept whatever happens (an upload is removed when nothing is recorded) */
  keepFile?: boolean;
};

/**
 * A catalog or stock import recorded, validated and applied in one pass (the CLI, and an upload
 * with apply=true): `write` answers the rejected rows' number and marks the import applied when
 * it writes. When rows are rejected and not validRowsOnly, nothing is written and the import is
 * recorded as a preview with its rejected rows (`validate`), as an upload without apply is. A
 * repeated Idempotency-Key answers the first import of that key.
 */
export async function importInOnePass(
  db: Db,
  options: OnePassImport & {
    kind: ImportKind;
    write: (trx: Db, importId: string) => Promise<number>;
    validate: ValidateImport;
  },
): Promise<ImportRecord> {
  const { accountId, kind, idempotencyKey, path } = options;
  const discard = () => (options.keepFile ? Promise.resolve() : rm(path, { force: true }));
  if (idempotencyKey) {
    const first = await findImportByKey(db, { accountId, kind, idempotencyKey });
    if (first) {
      await discard();
      return first;
    }
  }
  const recordOf = { ...options, channelId: null, mode: "merge" as const };
  let record: ImportRecord;
  try {
    record = await db.transaction().execute(async (trx) => {
      const inserted = await insertImport(trx, { ...recordOf, filePath: path });
      if (!inserted.created) return inserted.record;
      const rejected = await options.write(trx, inserted.record.id);
      if (rejected > 0 && !options.validRowsOnly) throw new RowsRejected();
      return inserted.record;
    });
  } catch (error) {
    if (!(error instanceof RowsRejected)) {
      await discard();
      throw error;
    }
    // the writes went with the transaction; record the preview alone
    return createImport(db, recordOf);
  }
  if (record.filePath !== path) await discard();
  return getImport(db, { accountId, importId: record.id });
}

/** The JSON answer for an import: its state plus its first rejected rows. */
export async function presentImport(
  db: Db,
  options: {
    accountId: string;
    record: ImportRecord;
    errorFileUrl: string;
    /**
     * The apply running in this process as it was before `record` was read (a status poll): an
     * apply that ends between the read and this answer would otherwise leave the stale stored
     * status ("previewed") with no running apply to show.
     */
    runningBefore?: RunningImport | undefined;
  },
): Promise<ImportPreview> {
  const { record } = options;
  const before = "runningBefore" in options ? options.runningBefore : runningImport(record.id);
  const errors = await listImportErrors(db, {
    accountId: options.accountId,
    importId: record.id,
    limit: previewErrorLimit,
  });
  const running = record.status === "applied" ? undefined : before;
  return {
    id: record.id,
    kind: record.kind,
    status: running?.status ?? record.status,
    mode: record.mode,
    fileName: record.fileName,
    totalRows: record.rowsTotal,
    counts: record.counts,
    errors,
    errorFileUrl: record.rejectedRows > 0 ? options.errorFileUrl : null,
    progress: running
      ? { rowsDone: running.rowsDone, rowsTotal: running.rowsTotal, writingChanges: running.writingChanges }
      : { rowsDone: record.rowsDone, rowsTotal: record.rowsTotal, writingChanges: null },
    summary: record.summary,
    error: running?.error ?? null,
    createdAt: record.createdAt,
  };
}
