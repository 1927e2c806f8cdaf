// Applies a mapping import in ONE transaction: a previewed upload (applyMappingImport) or an
// upload read once (importAndApplyMappings). The file is validated again against the database as
// it is now, listings are made for unknown channel SKUs, and every change is written as one
// undoable operation with origin "import", by set-based SQL over the staged file (staged-apply.ts
// on SQLite, pg-staged-apply.ts on PostgreSQL). A crash before commit leaves the channel exactly
// as it was (import-kill.test.ts).
import { rm } from "node:fs/promises";
import { lockMappingWrites } from "../channels/channel-version.ts";
import { type Db, rawSqlite } from "../db/database.ts";
import type { ImportValidation } from "./create-import.ts";
import { importErrorSink, refuseInvalidRows } from "./import-errors.ts";
import { keptFileOf } from "./import-files.ts";
import type { ApplyProgress } from "./import-progress.ts";
import {
  claimImport,
  findImportByKey,
  getImport,
  type IdempotencyKey,
  type ImportMode,
  type ImportRecord,
  insertImport,
  markImportApplied,
  saveImportPreview,
} from "./import-store.ts";
import { dropPgStagedTables, stagePgMappingImport, writePgStagedMappings } from "./pg-staged-import.ts";
import { writeStagedMappings } from "./staged-apply.ts";
import { stageMappingImport } from "./staged-import-sqlite.ts";
import { dropStagedTables } from "./staged-stage.ts";

type ApplyOptions = {
  accountId: string;
  channelId: string;
  importId: string;
  actorUserId: string | null;
  validRowsOnly: boolean;
  dryRun: boolean;
} & ApplyProgress;

type Applied = {
  created: number;
  updated: number;
  deleted: number;
  listingsCreated: number;
  operationId: string | null;
};

/** Whether the valid rows are written: all are valid, or the caller asked for the valid ones only. */
async function acceptsRows(
  trx: Db,
  plan: ImportValidation,
  options: { accountId: string; importId: string; validRowsOnly: boolean; refuse: "throw" | "record" },
): Promise<boolean> {
  const { rejectedRows } = plan.counts;
  if (options.refuse === "throw") await refuseInvalidRows(trx, { ...options, rejectedRows });
  return rejectedRows === 0 || options.validRowsOnly;
}

export async function applyMappingImport(db: Db, options: ApplyOptions): Promise<ImportRecord> {
  const { accountId, importId } = options;
  const record = await getImport(db, { accountId, importId, kind: "mappings", channelId: options.channelId });
  if (record.status === "applied" || options.dryRun) return record;
  keptFileOf(record); // an expired file is refused before the import is claimed
  await db.transaction().execute(async (trx) => {
    if (await claimImport(trx, { accountId, importId })) {
      await validateAndWrite(trx, record, { ...options, refuse: "throw" });
    }
  });
  return getImport(db, { accountId, importId });
}

/**
 * Upload and apply in one pass (the CLI's import, the API's `?apply=true`): the stored file is
 * read, validated and written once, in one transaction with the import's own record. A file with
 * invalid rows (unless validRowsOnly) writes nothing but the import and its preview, as an upload
 * does; a file that cannot be read at all records nothing.
 */
export async function importAndApplyMappings(
  db: Db,
  options: Omit<ApplyOptions, "importId" | "dryRun"> & {
    mode: ImportMode;
    fileName: string;
    idempotencyKey: IdempotencyKey | null;
    path: string;
    /** the CLI's own file: kept whatever happens (an upload is removed when nothing is recorded) */
    keepFile?: boolean;
  },
): Promise<ImportRecord> {
  const { accountId, idempotencyKey } = options;
  const discard = () => (options.keepFile ? Promise.resolve() : rm(options.path, { force: true }));
  const first = idempotencyKey
    ? await findImportByKey(db, { accountId, kind: "mappings", idempotencyKey })
    : undefined;
  if (first) {
    await discard();
    return first;
  }
  let record: ImportRecord;
  try {
    record = await db.transaction().execute(async (trx) => {
      const inserted = await insertImport(trx, { ...options, kind: "mappings", filePath: options.path });
      if (!inserted.created) return inserted.record;
      await validateAndWrite(trx, inserted.record, {
        ...options,
        importId: inserted.record.id,
        refuse: "record",
      });
      return inserted.record;
    });
  } catch (error) {
    await discard();
    throw error;
  }
  if (record.filePath !== options.path) await discard();
  return getImport(db, { accountId, importId: record.id });
}

function changeCount(plan: ImportValidation): number {
  return plan.counts.create + plan.counts.update + plan.counts.delete;
}

/**
 * Validates the stored file against the database as it is now and, unless rows are invalid
 * (refuse "throw": IMPORT_HAS_ERRORS, "record": only the preview is saved), writes it.
 */
async function validateAndWrite(
  trx: Db,
  record: ImportRecord,
  options: Omit<ApplyOptions, "dryRun"> & { refuse: "throw" | "record" },
): Promise<void> {
  const { accountId, importId } = options;
  const raw = rawSqlite(trx);
  const onErrors = await importErrorSink(trx, { accountId, importId });
  const staged = { ...options, path: record.filePath, mode: record.mode, onErrors };
  const summaryText = `Imported ${record.fileName} (${record.mode})`;
  let plan: ImportValidation;
  let applied: Applied | null = null;
  if (raw) {
    try {
      plan = await stageMappingImport(trx, raw, staged);
      if (await acceptsRows(trx, plan, options)) {
        options.onWrite?.(changeCount(plan));
        applied = await writeStagedMappings(trx, raw, { ...options, summary: summaryText });
      }
    } finally {
      dropStagedTables(raw);
    }
  } else {
    try {
      await lockMappingWrites(trx, accountId, options.channelId, options.onWait);
      plan = await stagePgMappingImport(trx, staged);
      if (await acceptsRows(trx, plan, options)) {
        options.onWrite?.(changeCount(plan));
        applied = await writePgStagedMappings(trx, { ...options, summary: summaryText });
      }
    } finally {
      await dropPgStagedTables(trx);
    }
  }
  await saveImportPreview(trx, {
    accountId,
    importId,
    rowsTotal: plan.totalRows,
    counts: plan.counts,
  });
  if (!applied) return;
  const summary = {
    created: applied.created,
    updated: applied.updated,
    deleted: applied.deleted,
    unchanged: plan.counts.unchanged,
    rejectedRows: plan.counts.rejectedRows,
    listingsCreated: applied.listingsCreated,
    operationId: applied.operationId,
  };
  await markImportApplied(trx, { accountId, importId, summary, operationId: summary.operationId });
}
