// Opens a stored upload as rows, choosing the reader from the file's first bytes (an XLSX file
// is a ZIP archive starting with "PK\x03\x04"; anything else is read as CSV text).
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { type RowSource, readCsvRows } from "./csv-source.ts";
import { readXlsxRows } from "./xlsx-source.ts";

export type FileFormat = "csv" | "xlsx";

export async function detectFileFormat(path: string): Promise<FileFormat> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.toString("latin1") === "PK\x03\x04" ? "xlsx" : "csv";
  } finally {
    await handle.close();
  }
}

export async function openRowSource(options: {
  path: string;
  maxLineChars?: number;
}): Promise<RowSource & { format: FileFormat }> {
  const format = await detectFileFormat(options.path);
  if (format === "xlsx") return { ...(await readXlsxRows({ path: options.path })), format };
  const source = await readCsvRows({
    input: createReadStream(options.path, { highWaterMark: 1024 * 1024 }),
    ...(options.maxLineChars === undefined ? {} : { maxLineChars: options.maxLineChars }),
  });
  return { ...source, format };
}
