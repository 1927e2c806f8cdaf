// The apply of a catalog or stock import (staged, written a page at a time; catalog-apply.ts,
// stock-import.ts): of a stored preview in ONE transaction, or recorded, validated and applied in
// one pass. Each kind's `write` validates the file against the database as it is now and writes
// it, answering the rejected rows' number; finishApply then stores its counts and marks it applied
// unless the import is to be refused.
import { rm } from "node:fs/promises";
import type { Db } from "../db/database.ts";
import { createImport, type ImportValidation, type ValidateImport } from "./create-import.ts";
import { refuseInvalidRows } from "./import-errors.ts";
import { keptFileOf } from "./import-files.ts";
import type { ApplyProgress } from "./import-progress.ts";
import {
  claimImport,
  findImportByKey,
  getImport,
  type IdempotencyKey,
  type ImportCounts,
  type ImportKind,
  type ImportRecord,
  insertImport,
  markImportApplied,
  saveImportPreview,
} from "./import-store.ts";

/** What a kind's validate-and-write takes (catalog-apply.ts, stock-import.ts). */
export type StagedWriteOptions = {
  accountId: string;
  importId: string;
  path: string;
  validRowsOnly: boolean;
  /** another apply of the account's files of this kind holds the lock: this one waits (PostgreSQL) */
  onWait?: (() => void) | undefined;
  onRow?: ((rowsRead: number) => void) | undefined;
  /** called once the file is read and checked, as the writes begin */
  onWriting?: (() => void) | undefined;
};

/**
 * Ends a validation that wrote: when rows are rejected and not validRowsOnly it answers their
 * number and leaves the import as it is (the caller refuses, rolling back what was written),
 * else it stores the counts and marks the import applied with `summary`.
 */
export async function finishApply(
  trx: Db,
  options: {
    accountId: string;
    importId: string;
    validRowsOnly: boolean;
    validation: ImportValidation;
    summary: (counts: ImportCounts) => Record<string, unknown>;
  },
): Promise<number> {
  const { accountId, importId } = options;
  const { totalRows, counts } = options.validation;
  if (counts.rejectedRows > 0 && !options.validRowsOnly) return counts.rejectedRows;
  await saveImportPreview(trx, { accountId, importId, rowsTotal: totalRows, counts });
  await markImportApplied(trx, { accountId, importId, summary: options.summary(counts), operationId: null });
  return counts.rejectedRows;
}

/**
 * Applies a previewed import in ONE transaction: claimed first (a second apply finds it applied),
 * written by `write` (from the stored file), and refused with IMPORT_HAS_ERRORS (nothing written) when rows are rejected
 * and not validRowsOnly. A dry run, or an import applied already, answers the import as it is.
 */
export async function applyStoredImport(
  db: Db,
  options: {
    accountId: string;
    record: ImportRecord;
    validRowsOnly: boolean;
    dryRun: boolean;
    /** the writes begin: as many changes as the preview counted */
    onWrite?: ((changes: number) => void) | undefined;
    write: (trx: Db, path: string, onWriting: () => void) => Promise<number>;
  },
): Promise<ImportRecord> {
  const { record, validRowsOnly } = options;
  const onWriting = () => options.onWrite?.(record.counts.create + record.counts.update);
  const ids = { accountId: options.accountId, importId: record.id };
  if (record.status === "applied" || options.dryRun) return record;
  const path = keptFileOf(record);
  await db.transaction().execute(async (trx) => {
    if (!(await claimImport(trx, ids))) return;
    const rejectedRows = await options.write(trx, path, onWriting);
    await refuseInvalidRows(trx, { ...ids, rejectedRows, validRowsOnly });
  });
  return getImport(db, ids);
}

class RowsRejected extends Error {}

/** Who and what a one-pass import records: the import's own fields. */
export type OnePassImport = {
  accountId: string;
  path: string;
  fileName: string;
  validRowsOnly: boolean;
  idempotencyKey: IdempotencyKey | null;
  actorUserId: string | null;
  /** the CLI's own file: kept whatever happens (an upload is removed when nothing is recorded) */
  keepFile?: boolean;
} & Omit<ApplyProgress, "onWrite"> & {
    /** called as the writes begin (the number of changes is not known before: null) */
    onWrite?: ((changes: number | null) => void) | undefined;
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
