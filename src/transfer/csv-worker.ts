// Runs in a worker thread (csv-worker-source.ts starts it): reads a CSV upload with readCsvRows
// and posts its rows in batches, the cells of a batch joined by NUL (a character the reader
// refuses in a file, so it cannot occur in a cell) and each row's cell count beside them. At most
// `window` batches are unanswered at a time, so a slow consumer holds the reader back instead of
// letting batches pile up in memory.
import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../shared/errors.ts";
import { readCsvRows } from "./csv-source.ts";

export type CsvWorkerData = { path: string; maxLineChars: number; batchRows: number; window: number };
export type CsvWorkerMessage =
  | { kind: "header"; header: string[] }
  | { kind: "rows"; firstRow: number; cells: string; counts: Int32Array }
  | { kind: "end" }
  | { kind: "error"; code: string | null; message: string; details: Record<string, unknown> | null };

const port = parentPort;
if (!port) throw new Error("csv-worker.ts runs in a worker thread");
const options = workerData as CsvWorkerData;
let credits = options.window;
let wake: (() => void) | null = null;
port.on("message", () => {
  credits += 1;
  wake?.();
  wake = null;
});

async function send(message: CsvWorkerMessage): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits -= 1;
  port?.postMessage(message);
}

try {
  const source = await readCsvRows({
    input: createReadStream(options.path, { highWaterMark: 1024 * 1024 }),
    maxLineChars: options.maxLineChars,
  });
  port.postMessage({ kind: "header", header: source.header } satisfies CsvWorkerMessage);
  let cells: string[] = [];
  let counts: number[] = [];
  let firstRow = 0;
  for await (const { row, values } of source.rows) {
    if (counts.length === 0) firstRow = row;
    counts.push(values.length);
    for (const value of values) cells.push(value);
    if (counts.length === options.batchRows) {
      await send({ kind: "rows", firstRow, cells: cells.join("\0"), counts: Int32Array.from(counts) });
      cells = [];
      counts = [];
    }
  }
  if (counts.length > 0) {
    await send({ kind: "rows", firstRow, cells: cells.join("\0"), counts: Int32Array.from(counts) });
  }
  port.postMessage({ kind: "end" } satisfies CsvWorkerMessage);
} catch (error) {
  const app = error instanceof AppError ? error : null;
  port.postMessage({
    kind: "error",
    code: app?.code ?? null,
    message: error instanceof Error ? error.message : String(error),
    details: (app?.details as Record<string, unknown> | undefined) ?? null,
  } satisfies CsvWorkerMessage);
}
