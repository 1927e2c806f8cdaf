// The error file of a custom-mapping sheet upload, through the bulk-file machinery: an upload with
// failed rows is kept as an import of kind "custom-sheet" (the file in the uploads directory, each
// failed row in import_errors), and its error file is the failed rows exactly as uploaded, same
// columns, plus an `error` column. The user fixes internal_sku there and uploads just that file.
import { rm } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Db } from "../db/database.ts";
import { newId } from "../shared/ids.ts";
import { saveImportErrors } from "../transfer/import-errors.ts";
import {
  getImport,
  type ImportKind,
  type ImportRecord,
  insertImport,
  markImportApplied,
  saveImportPreview,
} from "../transfer/import-store.ts";
import { saveUpload } from "../transfer/uploads.ts";

export const customSheetImportKind: ImportKind = "custom-sheet";

export type CustomSheetUpload = { fileName: string; bytes: Buffer };

export function customSheetErrorFileUrl(accountId: string, channelId: string, importId: string): string {
  return `/api/v1/accounts/${accountId}/channels/${channelId}/custom-sheet/errors/${importId}`;
}

/**
 * Stores the upload and its failed rows (in the caller's transaction). Answers the import id and
 * a `discard` that removes the stored file again, for when that transaction does not commit.
 */
export async function recordCustomSheetErrors(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    actorUserId: string | null;
    upload: CustomSheetUpload;
    rowsTotal: number;
    created: number;
    ignored: number;
    failed: Array<{ row: number; reason: string }>;
    dryRun: boolean;
    operationId: string | null;
  },
): Promise<{ importId: string; discard: () => Promise<void> }> {
  const { accountId } = options;
  const importId = newId();
  const filePath = await saveUpload({
    accountId,
    uploadId: importId,
    fileName: options.upload.fileName,
    content: Readable.from([options.upload.bytes]),
  });
  const discard = () => rm(filePath, { force: true });
  try {
    await insertImport(db, {
      accountId,
      id: importId,
      kind: customSheetImportKind,
      channelId: options.channelId,
      mode: "merge",
      filePath,
      fileName: options.upload.fileName,
      idempotencyKey: null,
      actorUserId: options.actorUserId,
    });
    // the reasons already name the value at fault, so no column prefix
    await saveImportErrors(db, {
      accountId,
      importId,
      errors: options.failed.map((f) => ({ row: f.row, column: "", value: "", reason: f.reason })),
    });
    await saveImportPreview(db, {
      accountId,
      importId,
      rowsTotal: options.rowsTotal,
      counts: {
        create: options.created,
        update: 0,
        delete: 0,
        unchanged: options.ignored,
        rejectedRows: options.failed.length,
      },
    });
    if (!options.dryRun) {
      await markImportApplied(db, {
        accountId,
        importId,
        operationId: options.operationId,
        summary: { created: options.created, ignored: options.ignored, failed: options.failed.length },
      });
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return { importId, discard };
}

/** A custom-sheet upload of this channel (its error file: sendErrorFile). */
export async function getCustomSheetImport(
  db: Db,
  options: { accountId: string; channelId: string; importId: string },
): Promise<ImportRecord> {
  return getImport(db, { ...options, kind: customSheetImportKind });
}
