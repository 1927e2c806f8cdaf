// Opens a stored upload as rows, choosing the reader from the file's first bytes (an XLSX file
// is a ZIP archive starting with "PK\x03\x04"; anything else is read as CSV text).
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { type RowSource, readCsvRows, type SourceRow } from "./csv-source.ts";
import { readCsvRowsInWorker } from "./csv-worker-source.ts";
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

/** CSV files from this size on are parsed on a worker thread when the caller allows it. */
export const workerMinBytes = 1024 * 1024;

export type OpenedRowSource = RowSource & {
  format: FileFormat;
  /** the rows in batches, when the reader makes them (a worker thread); else read `rows` */
  batches?: AsyncIterable<SourceRow[]>;
  /** stops the reader when the rows are not read to the end */
  close: () => Promise<void>;
};

export async function openRowSource(options: {
  path: string;
  maxLineChars?: number;
  /** parse a large CSV file on a worker thread (the staged imports: the caller's thread writes meanwhile) */
  worker?: boolean;
}): Promise<OpenedRowSource> {
  const format = await detectFileFormat(options.path);
  const close = async () => {};
  if (format === "xlsx") return { ...(await readXlsxRows({ path: options.path })), format, close };
  if (options.worker && (await stat(options.path)).size >= workerMinBytes) {
    return { ...(await readCsvRowsInWorker(options)), format };
  }
  const source = await readCsvRows({
    input: createReadStream(options.path, { highWaterMark: 1024 * 1024 }),
    ...(options.maxLineChars === undefined ? {} : { maxLineChars: options.maxLineChars }),
  });
  return { ...source, format, close };
}

/** The rows of a source in batches: the reader's own, or its rows gathered here. */
export async function* rowBatches(source: OpenedRowSource, size = 1000): AsyncGenerator<SourceRow[]> {
  if (source.batches) {
    yield* source.batches;
    return;
  }
  let batch: SourceRow[] = [];
  for await (const row of source.rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
