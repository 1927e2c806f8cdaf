// Streaming XLSX reading and writing with exceljs: the first worksheet is read row by row
// (cells as text), and tables are written through the streaming workbook writer so memory stays flat.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "../shared/errors.ts";
import type { RowSource, SourceRow } from "./csv-source.ts";

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const v = value as {
      richText?: Array<{ text: string }>;
      result?: unknown;
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (typeof v.text === "string") return v.text;
    if (typeof v.error === "string") return v.error;
  }
  return String(value);
}

function rowValues(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
  return out;
}

export async function readXlsxRows(options: { path: string }): Promise<RowSource> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(options.path, {
    sharedStrings: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "emit",
  });
  async function* all(): AsyncGenerator<SourceRow> {
    try {
      for await (const worksheet of reader) {
        for await (const row of worksheet) {
          const values = rowValues((row as { values: unknown }).values);
          if (values.every((v) => v.trim() === "")) continue;
          yield { row: (row as { number: number }).number, values };
        }
        return; // the first worksheet only
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("INVALID_FILE", `The XLSX file cannot be read: ${(error as Error).message}.`, {
        row: 0,
        reason: "damaged XLSX file",
      });
    }
  }
  const rows = all();
  const first = await rows.next();
  if (first.done)
    throw new AppError("INVALID_FILE", "The file is empty: it has no header row.", {
      row: 1,
      reason: "empty file",
    });
  return { header: first.value.values, rows };
}

/** Writes a sheet row by row; an optional note marks an example row. */
export async function writeXlsxTable(options: {
  output: Writable;
  sheetName: string;
  header: string[];
  rows: AsyncIterable<Array<string | number>> | Iterable<Array<string | number>>;
  exampleNote?: string;
}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: options.output,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(options.sheetName);
  const headerRow = sheet.addRow(options.header);
  headerRow.font = { bold: true };
  headerRow.commit();
  for await (const values of options.rows) {
    const row = sheet.addRow(values);
    if (options.exampleNote) {
      const cell = row.getCell(1);
      cell.note = options.exampleNote;
      row.font = { italic: true, color: { argb: "FF808080" } };
    }
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}
