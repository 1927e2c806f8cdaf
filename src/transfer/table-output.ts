// Writes a table (header + rows from an async source) as a CSV or XLSX byte stream. CSV goes
// through csv-stringify with every text cell neutralised (see cell-text.ts); rows are pulled
// from the source only as fast as the consumer reads, so a large export holds memory flat.
import { PassThrough, pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { FastifyReply } from "fastify";
import { neutraliseCell } from "./cell-text.ts";
import type { FileFormat } from "./row-source.ts";
import { writeXlsxTable } from "./xlsx-source.ts";

export type Cell = string | number;
export type TableRows = AsyncIterable<Cell[]> | Iterable<Cell[]>;

async function* neutralised(header: string[], rows: TableRows): AsyncGenerator<string[]> {
  yield header;
  for await (const row of rows)
    yield row.map((cell) => (typeof cell === "number" ? String(cell) : neutraliseCell(cell)));
}

export function createCsvStream(options: { header: string[]; rows: TableRows }): Readable {
  const output = stringify({ record_delimiter: "\n" });
  pipeline(Readable.from(neutralised(options.header, options.rows)), output, () => {});
  return output;
}

export function createXlsxStream(options: {
  header: string[];
  rows: TableRows;
  sheetName: string;
  exampleNote?: string;
}): Readable {
  const output = new PassThrough();
  writeXlsxTable({ output, ...options }).catch((error: unknown) => output.destroy(error as Error));
  return output;
}

export function createTableStream(options: {
  format: FileFormat;
  header: string[];
  rows: TableRows;
  sheetName: string;
  exampleNote?: string;
}): Readable {
  return options.format === "xlsx" ? createXlsxStream(options) : createCsvStream(options);
}

export function contentTypeOf(format: FileFormat): string {
  return format === "xlsx"
    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    : "text/csv; charset=utf-8";
}

/** Answers a table as a download: content type, attachment file name, streamed body. */
export function sendTableFile(
  reply: FastifyReply,
  options: Parameters<typeof createTableStream>[0] & { fileName: string },
): FastifyReply {
  const { fileName, ...table } = options;
  return reply
    .type(contentTypeOf(table.format))
    .header("content-disposition", `attachment; filename="${fileName}.${table.format}"`)
    .send(createTableStream(table));
}
