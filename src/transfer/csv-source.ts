// Streaming CSV reading with csv-parse: UTF-8 with or without BOM (anything else is refused
// with a reason), comma / semicolon / tab delimiter detected from the header line, CRLF or LF,
// quoted fields with newlines. Binary data and over-long lines are refused before parsing them.
import { pipeline, Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";
import { AppError } from "../shared/errors.ts";

export type SourceRow = { row: number; values: string[] };
export type RowSource = { header: string[]; rows: AsyncIterable<SourceRow> };

export const defaultMaxLineChars = 1024 * 1024;

const delimiters = [",", ";", "\t"] as const;

/** The delimiter used most often outside quotes in the header line (comma when none). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function fileError(row: number, reason: string): AppError {
  return new AppError("INVALID_FILE", `The file cannot be read: ${reason} (near row ${row}).`, {
    row,
    column: "",
    value: "",
    reason,
  });
}

/** Bytes -> checked text: valid UTF-8, no NUL bytes, no line longer than the limit. */
async function* decodeText(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxLineChars: number,
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lines = 1;
  let lineLength = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes.includes(0))
      throw fileError(lines, "it contains binary data (NUL bytes); upload a CSV or XLSX file");
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw fileError(
        lines,
        "it is not UTF-8 text (perhaps Latin-1 or Windows-1252); save it as 'CSV UTF-8'",
      );
    }
    const damaged = text.indexOf("\uFFFD");
    if (damaged !== -1) {
      throw fileError(
        lines + countNewlines(text.slice(0, damaged)),
        "it contains U+FFFD replacement characters: the text was damaged by a wrong encoding conversion",
      );
    }
    let from = 0;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", from)) {
      if (lineLength + at - from > maxLineChars) break;
      lines += 1;
      lineLength = 0;
      from = at + 1;
    }
    lineLength += text.length - from;
    if (lineLength > maxLineChars || text.indexOf("\n", from) !== -1) {
      throw fileError(lines, `a line is longer than ${maxLineChars} characters`);
    }
    if (text.length > 0) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest.length > 0) yield rest;
  } catch {
    throw fileError(lines, "it ends in the middle of a UTF-8 character; save it as 'CSV UTF-8'");
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) n += 1;
  return n;
}

/** Text with the header line first, so the delimiter can be chosen before csv-parse starts. */
async function peekHeaderLine(
  text: AsyncGenerator<string>,
): Promise<{ headerLine: string; chunks: AsyncGenerator<string> }> {
  const buffered: string[] = [];
  let joined = "";
  for (;;) {
    const next = await text.next();
    if (next.done) break;
    buffered.push(next.value);
    joined += next.value;
    if (joined.includes("\n")) break;
  }
  const headerLine = joined.split("\n")[0]?.replace(/^\uFEFF/, "") ?? "";
  async function* replay(): AsyncGenerator<string> {
    yield* buffered;
    yield* text;
  }
  return { headerLine, chunks: replay() };
}

export async function readCsvRows(options: {
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  maxLineChars?: number;
}): Promise<RowSource> {
  const maxLineChars = options.maxLineChars ?? defaultMaxLineChars;
  const { headerLine, chunks } = await peekHeaderLine(decodeText(options.input, maxLineChars));
  const parser = parse({
    delimiter: detectDelimiter(headerLine),
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: maxLineChars,
  });
  pipeline(Readable.from(chunks, { objectMode: false }), parser, () => {});
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await nextRecord(records, 1);
  if (first.done)
    throw new AppError("INVALID_FILE", "The file is empty: it has no header row.", {
      row: 1,
      reason: "empty file",
    });
  const header = first.value;
  async function* rows(): AsyncGenerator<SourceRow> {
    let row = 1;
    for (;;) {
      const next = await nextRecord(records, row + 1);
      if (next.done) return;
      row += 1;
      yield { row, values: next.value };
    }
  }
  return { header, rows: rows() };
}

async function nextRecord(records: AsyncIterator<string[]>, row: number): Promise<IteratorResult<string[]>> {
  try {
    return await records.next();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const csv = error as CsvError & { lines?: number };
    throw fileError(typeof csv.lines === "number" ? csv.lines : row, csv.message ?? String(error));
  }
}
