// Data access for imports (their rejected rows: import-errors.ts). An import's whole state (file,
// mode, status, counts, errors, summary) is in the database, so any server process can answer
// about it.
import type { Selectable } from "kysely";
import type { Db } from "../db/database.ts";
import type { ImportTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";

export type ImportKind =
  | "mappings"
  | "catalog"
  | "catalog-woocommerce"
  | "catalog-shopify"
  | "stock"
  | "custom-sheet";
export type ImportMode = "merge" | "replace";
export type ImportStatus = "previewed" | "applied";

export type RowError = { row: number; column: string; value: string; reason: string };
export type ImportCounts = {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
  rejectedRows: number;
};

export type ImportRecord = {
  id: string;
  kind: ImportKind;
  channelId: string | null;
  mode: ImportMode;
  status: ImportStatus;
  fileName: string;
  filePath: string;
  rowsTotal: number;
  rowsDone: number;
  rejectedRows: number;
  counts: ImportCounts;
  summary: Record<string, unknown> | null;
  operationId: string | null;
  createdAt: string;
  updatedAt: string;
};

function toRecord(row: Selectable<ImportTable>): ImportRecord {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    channelId: row.channel_id,
    mode: row.mode as ImportMode,
    status: row.status as ImportStatus,
    fileName: row.file_name,
    filePath: row.file_path,
    rowsTotal: Number(row.rows_total),
    rowsDone: Number(row.rows_done),
    rejectedRows: Number(row.rejected_rows),
    counts: JSON.parse(row.counts) as ImportCounts,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
    operationId: row.operation_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * An upload's Idempotency-Key and what identifies its request (see upload-request.ts): the key
 * answers the first import again only for the same request.
 */
export type IdempotencyKey = { key: string; fingerprint: string };

/** The import first made with this key; a key first sent with another request is refused. */
export async function findImportByKey(
  db: Db,
  options: { accountId: string; kind: ImportKind; idempotencyKey: IdempotencyKey },
): Promise<ImportRecord | undefined> {
  const { key, fingerprint } = options.idempotencyKey;
  const row = await db
    .selectFrom("imports")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .where("kind", "=", options.kind)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (row?.idempotency_fingerprint && row.idempotency_fingerprint !== fingerprint) {
    throw new AppError(
      "IDEMPOTENCY_KEY_REUSED",
      `Idempotency-Key "${key}" was first sent with another request (another channel, file or options); send this one with a new key.`,
      { field: "Idempotency-Key", importId: row.id },
    );
  }
  return row ? toRecord(row) : undefined;
}

/** Inserts the import; with an idempotency key already used, answers the first import instead. */
export async function insertImport(
  db: Db,
  options: {
    accountId: string;
    id?: string;
    kind: ImportKind;
    channelId: string | null;
    mode: ImportMode;
    filePath: string;
    fileName: string;
    idempotencyKey: IdempotencyKey | null;
    actorUserId: string | null;
  },
): Promise<{ record: ImportRecord; created: boolean }> {
  const now = nowIso();
  const id = options.id ?? newId();
  // ON CONFLICT DO NOTHING rather than catching the unique violation: on PostgreSQL a violation
  // aborts the caller's transaction (the one-pass import inserts its record inside its apply), and
  // a second writer of the same key waits for the first to commit, then finds its import.
  const inserted = await db
    .insertInto("imports")
    .values({
      account_id: options.accountId,
      id,
      kind: options.kind,
      channel_id: options.channelId,
      mode: options.mode,
      status: "previewed",
      file_path: options.filePath,
      file_name: options.fileName,
      idempotency_key: options.idempotencyKey?.key ?? null,
      idempotency_fingerprint: options.idempotencyKey?.fingerprint ?? null,
      rows_total: 0,
      rows_done: 0,
      rejected_rows: 0,
      counts: JSON.stringify({ create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 }),
      summary: null,
      operation_id: null,
      created_by: options.actorUserId,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const first = options.idempotencyKey
      ? await findImportByKey(db, { ...options, idempotencyKey: options.idempotencyKey })
      : undefined;
    if (!first) throw new Error("insertImport: the import was not inserted and no import has its key");
    return { record: first, created: false };
  }
  return { record: await getImport(db, { accountId: options.accountId, importId: id }), created: true };
}

export async function getImport(
  db: Db,
  options: { accountId: string; importId: string; kind?: ImportKind; channelId?: string | null },
): Promise<ImportRecord> {
  let query = db
    .selectFrom("imports")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.importId);
  if (options.kind) query = query.where("kind", "=", options.kind);
  if (options.channelId) query = query.where("channel_id", "=", options.channelId);
  const row = await query.executeTakeFirst();
  if (!row)
    throw new AppError("IMPORT_NOT_FOUND", "Import not found.", {
      field: "importId",
      value: options.importId,
    });
  return toRecord(row);
}

/** Stores the validation's counts (its rejected rows went to importErrorSink). */
export async function saveImportPreview(
  db: Db,
  options: { accountId: string; importId: string; rowsTotal: number; counts: ImportCounts },
): Promise<void> {
  await db
    .updateTable("imports")
    .set({
      rows_total: options.rowsTotal,
      rows_done: options.rowsTotal,
      rejected_rows: options.counts.rejectedRows,
      counts: JSON.stringify(options.counts),
      updated_at: nowIso(),
    })
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.importId)
    .execute();
}

/**
 * Claims a previewed import for its apply, first thing in the apply's transaction: answers false
 * when it is applied already. The update locks the row on PostgreSQL, so of two concurrent applies
 * the second waits for the first to commit and then finds it applied (SQLite runs one writer).
 */
export async function claimImport(
  db: Db,
  options: { accountId: string; importId: string },
): Promise<boolean> {
  const result = await db
    .updateTable("imports")
    .set({ updated_at: nowIso() })
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.importId)
    .where("status", "<>", "applied")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markImportApplied(
  db: Db,
  options: {
    accountId: string;
    importId: string;
    summary: Record<string, unknown>;
    operationId: string | null;
  },
): Promise<void> {
  await db
    .updateTable("imports")
    .set({
      status: "applied",
      summary: JSON.stringify(options.summary),
      operation_id: options.operationId,
      updated_at: nowIso(),
    })
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.importId)
    .execute();
}
