// The error file of an import: the rejected rows exactly as uploaded (same columns, in file
// order) with an added `error` column, so the user fixes them and uploads just those rows again.
import type { FastifyReply } from "fastify";
import type { Db } from "../db/database.ts";
import { restoreCell } from "./cell-text.ts";
import { readImportErrors } from "./import-errors.ts";
import { keptFileOf } from "./import-files.ts";
import type { ImportRecord, RowError } from "./import-store.ts";
import { type FileFormat, openRowSource } from "./row-source.ts";
import { type Cell, sendTableFile } from "./table-output.ts";

const reasonText = (e: RowError) =>
  e.column ? `${e.column}: ${e.value === "" ? "" : `"${e.value}" `}${e.reason}` : e.reason;

/**
 * The rejected rows with their first reason. The stored errors are in file order, so they are
 * read a page at a time alongside the file: memory stays flat however many rows were rejected.
 */
export async function readErrorFile(
  db: Db,
  options: { accountId: string; importId: string; filePath: string },
): Promise<{ header: string[]; rows: AsyncGenerator<Cell[]> }> {
  const errors = readImportErrors(db, options);
  const source = await openRowSource({ path: options.filePath });
  const width = source.header.length;
  async function* rows(): AsyncGenerator<Cell[]> {
    let next = await errors.next();
    for await (const { row, values } of source.rows) {
      while (!next.done && next.value.row < row) next = await errors.next();
      if (next.done) return;
      if (next.value.row !== row) continue;
      const reason = reasonText(next.value);
      // written again through the CSV writer, which neutralises cells itself
      const cells = values.slice(0, width).map((v) => (source.format === "csv" ? restoreCell(v) : v));
      while (cells.length < width) cells.push("");
      yield [...cells, reason];
    }
  }
  return { header: [...source.header, "error"], rows: rows() };
}

/** Sends an import's error file (CSV or XLSX) as a download named after the import. */
export async function sendErrorFile(
  reply: FastifyReply,
  db: Db,
  options: { accountId: string; record: ImportRecord; format: FileFormat; fileName?: string },
): Promise<FastifyReply> {
  const { record } = options;
  const table = await readErrorFile(db, {
    accountId: options.accountId,
    importId: record.id,
    filePath: keptFileOf(record),
  });
  return sendTableFile(reply, {
    fileName: options.fileName ?? `import-${record.id}-errors`,
    format: options.format,
    ...table,
    sheetName: "errors",
  });
}
