// A CSV upload read on a worker thread (csv-worker.ts), for the large files of the staged imports:
// parsing (csv-parse, about 1.4 s per million rows) then runs on the second core while this
// thread writes the rows it already has to the database. Rows, row numbers and errors are the
// same as readCsvRows's on this thread; a test holds the two equal.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type ErrorDetails } from "../shared/errors.ts";
import { defaultMaxLineChars, type RowSource, type SourceRow } from "./csv-source.ts";
import type { CsvWorkerData, CsvWorkerMessage } from "./csv-worker.ts";

const batchRows = 2000;
const window = 4;

// The worker runs TypeScript like this thread does: it registers tsx (its ESM API, as named in
// tsx's package exports) before importing the file.
const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
const tsxExports = JSON.parse(readFileSync(tsxPackage, "utf8")).exports["./esm/api"].import.default as string;
const tsxApi = pathToFileURL(join(dirname(tsxPackage), tsxExports)).href;
const workerFile = new URL("./csv-worker.ts", import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile)}); })`;

function toError(message: Extract<CsvWorkerMessage, { kind: "error" }>): Error {
  return message.code
    ? new AppError(message.code as ErrorCode, message.message, (message.details ?? undefined) as ErrorDetails)
    : new Error(message.message);
}

/**
 * The file's header and rows, read on a worker thread. Read either `rows` or `batches` (the same
 * rows, as the worker sends them); close() stops the worker when they are not read to the end.
 */
export async function readCsvRowsInWorker(options: {
  path: string;
  maxLineChars?: number;
}): Promise<RowSource & { batches: AsyncIterable<SourceRow[]>; close: () => Promise<void> }> {
  const workerData: CsvWorkerData = {
    path: options.path,
    maxLineChars: options.maxLineChars ?? defaultMaxLineChars,
    batchRows,
    window,
  };
  const worker = new Worker(bootstrap, { eval: true, workerData });
  const received: CsvWorkerMessage[] = [];
  let waiting: ((message: CsvWorkerMessage) => void) | null = null;
  const deliver = (message: CsvWorkerMessage) => {
    const wake = waiting;
    waiting = null;
    if (wake) wake(message);
    else received.push(message);
  };
  let closed = false;
  worker.on("message", deliver);
  worker.on("error", (error) =>
    deliver({ kind: "error", code: null, message: error.message, details: null }),
  );
  // a worker that stops without its end (killed, out of memory) must not leave a reader waiting
  worker.on("exit", (code) => {
    if (!closed)
      deliver({
        kind: "error",
        code: null,
        message: `the CSV reader stopped (exit code ${code})`,
        details: null,
      });
  });
  const next = (): Promise<CsvWorkerMessage> => {
    const message = received.shift();
    return message ? Promise.resolve(message) : new Promise((resolve) => (waiting = resolve));
  };
  const close = async () => {
    closed = true;
    await worker.terminate();
  };

  const first = await next();
  if (first.kind !== "header") {
    await close();
    throw first.kind === "error" ? toError(first) : new Error(`csv worker: unexpected ${first.kind}`);
  }
  async function* batches(): AsyncGenerator<SourceRow[]> {
    try {
      for (;;) {
        const message = await next();
        if (message.kind === "end") return;
        if (message.kind === "error") throw toError(message);
        if (message.kind !== "rows") continue;
        worker.postMessage(1);
        const cells = message.cells.split("\0");
        const { counts, firstRow } = message;
        const batch: SourceRow[] = new Array(counts.length);
        let at = 0;
        for (let i = 0; i < counts.length; i++) {
          const n = counts[i] as number;
          batch[i] = { row: firstRow + i, values: cells.slice(at, at + n) };
          at += n;
        }
        yield batch;
      }
    } finally {
      await close();
    }
  }
  const batched = batches();
  async function* rows(): AsyncGenerator<SourceRow> {
    for await (const batch of batched) yield* batch;
  }
  return { header: first.header, rows: rows(), batches: batched, close };
}
