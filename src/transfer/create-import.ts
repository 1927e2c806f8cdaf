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
  type IdempotencyKey,
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
  progress: { rowsDone: number; rowsTotal: number; writingChanges: number | null; waiting: boolean };
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
    idempotencyKey: IdempotencyKey | null;
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
    errorFileUrl: record.rejectedRows > 0 && record.filePath !== "" ? options.errorFileUrl : null,
    progress: running
      ? {
          rowsDone: running.rowsDone,
          rowsTotal: running.rowsTotal,
          writingChanges: running.writingChanges,
          waiting: running.waiting,
        }
      : { rowsDone: record.rowsDone, rowsTotal: record.rowsTotal, writingChanges: null, waiting: false },
    summary: record.summary,
    error: running?.error ?? null,
    createdAt: record.createdAt,
  };
}
