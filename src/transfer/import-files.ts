// How long an import's uploaded file is kept. The file is what a preview is applied from and what
// the error file is cut from; a 1M-row upload is some 37 MB, so the files are not kept forever:
// after CROSSWALK_IMPORT_RETENTION_DAYS (default 30; 0 keeps them) a sweep in every server and
// worker process removes them. The import itself (status, counts, summary, first errors) stays;
// applying it or asking for its error file then answers 410 IMPORT_FILE_EXPIRED.
import { rm } from "node:fs/promises";
import { sep } from "node:path";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import type { ImportRecord } from "./import-store.ts";
import { uploadsDirectory } from "./uploads.ts";

const defaultRetentionDays = 30;
const sweepEveryMs = 60 * 60 * 1000;
const sweepBatch = 500;

export function importRetentionDays(): number {
  const configured = Number(process.env.CROSSWALK_IMPORT_RETENTION_DAYS);
  return Number.isFinite(configured) && configured >= 0 ? configured : defaultRetentionDays;
}

/** The import's file, or IMPORT_FILE_EXPIRED when the sweep has removed it. */
export function keptFileOf(record: ImportRecord): string {
  if (record.filePath !== "") return record.filePath;
  throw new AppError(
    "IMPORT_FILE_EXPIRED",
    `The file of this import was removed ${importRetentionDays()} days after it was uploaded; upload it again.`,
    { importId: record.id, fileName: record.fileName },
  );
}

/**
 * Forgets the files of imports created more than `days` days before `now`, removing those kept in
 * the uploads directory (a CLI import names the user's own file: that one is only forgotten).
 * Answers how many imports it forgot the file of.
 */
export async function removeExpiredImportFiles(
  db: Db,
  options: { now: Date; days: number },
): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.days * 86_400_000).toISOString();
  const uploads = `${uploadsDirectory()}${sep}`;
  let removed = 0;
  for (;;) {
    const expired = await db
      .selectFrom("imports")
      .select(["account_id", "id", "file_path"])
      .where("created_at", "<", cutoff)
      .where("file_path", "<>", "")
      .limit(sweepBatch)
      .execute();
    for (const row of expired) {
      if (row.file_path.startsWith(uploads)) await rm(row.file_path, { force: true });
      await db
        .updateTable("imports")
        .set({ file_path: "" })
        .where("account_id", "=", row.account_id)
        .where("id", "=", row.id)
        .execute();
    }
    removed += expired.length;
    if (expired.length < sweepBatch) return removed;
  }
}

/** Sweeps now and every hour until stopped (nothing when the retention is 0: files are kept). */
export function startImportFileSweeper(
  db: Db,
  onError: (error: unknown) => void,
): { stop: () => Promise<void> } {
  const days = importRetentionDays();
  if (days === 0) return { stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = removeExpiredImportFiles(db, { now: new Date(), days }).catch(onError);
  };
  sweep();
  const timer = setInterval(sweep, sweepEveryMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
