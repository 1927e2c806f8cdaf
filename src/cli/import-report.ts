// What `crosswalk import` prints on stdout: the import's summary and, when rows were rejected,
// the first of them (row, column, value, reason, as the API's preview has them); with
// --error-file the whole error file (the rejected rows with an error column) is written out too.
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Db } from "../db/database.ts";
import { previewErrorLimit } from "../transfer/create-import.ts";
import { readErrorFile } from "../transfer/error-file.ts";
import { listImportErrors } from "../transfer/import-errors.ts";
import { keptFileOf } from "../transfer/import-files.ts";
import type { ImportRecord } from "../transfer/import-store.ts";
import { createTableStream } from "../transfer/table-output.ts";

export async function importReport(
  db: Db,
  record: ImportRecord,
  options: { accountId: string; errorFile?: string | undefined },
): Promise<Record<string, unknown>> {
  const report: Record<string, unknown> = {
    id: record.id,
    status: record.status,
    mode: record.mode,
    totalRows: record.rowsTotal,
    counts: record.counts,
    summary: record.summary,
  };
  if (record.counts.rejectedRows === 0) return report;
  const { accountId } = options;
  report.errors = await listImportErrors(db, { accountId, importId: record.id, limit: previewErrorLimit });
  if (options.errorFile) {
    const table = await readErrorFile(db, { accountId, importId: record.id, filePath: keptFileOf(record) });
    const format = options.errorFile.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv";
    await pipeline(
      createTableStream({ format, ...table, sheetName: "errors" }),
      createWriteStream(options.errorFile),
    );
    report.errorFile = options.errorFile;
  }
  return report;
}
