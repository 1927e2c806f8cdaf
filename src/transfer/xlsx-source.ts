// Streaming XLSX reading and writing with exceljs: the first worksheet (and its continuation
// sheets) is read row by row (cells as text), and tables are written through the streaming
// workbook writer so memory stays flat. A sheet holds at most 1,048,576 rows: a longer table
// goes on in sheets "name (2)", ... each with the header again, and the reader reads on through
// every following sheet with the same header, so an export of any size re-imports whole (rows
// numbered as if the sheets were one).
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "../shared/errors.ts";
import type { RowSource, SourceRow } from "./csv-source.ts";

/**
 * A number cell as text. A whole number past 2^53 lost its last digits in the file (a 20-digit
 * barcode typed into a General cell): it reads in Excel's scientific notation, which the SKU checks
 * refuse, instead of as digits that look whole but are not the ones typed.
 */
function numberText(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return value.toExponential().toUpperCase();
  return String(value);
}

/** A date cell (Excel turns "1-2" into a date) reads as the date it shows, e.g. 2024-01-02. */
function dateText(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return dateText(value);
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
    // with the styles, a date cell reads as a date, not as Excel's day number (45293)
    styles: "cache",
    entries: "emit",
  });
  async function* all(): AsyncGenerator<SourceRow> {
    try {
      let header: string | undefined;
      // the last row number of the sheets read so far, the continued numbering starts after it
      let before = 0;
      for await (const worksheet of reader) {
        let last = before;
        let first = true;
        for await (const row of worksheet) {
          const values = rowValues((row as { values: unknown }).values);
          if (values.every((v) => v.trim() === "")) continue;
          const number = (row as { number: number }).number;
          if (header === undefined) header = JSON.stringify(values);
          else if (first) {
            // a following sheet continues the table only under the same header, which is skipped
            if (JSON.stringify(values) !== header) return;
            first = false;
            before -= number;
            continue;
          }
          first = false;
          last = before + number;
          yield { row: last, values };
        }
        before = last;
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

/** Excel's rows per sheet, the header row included. */
export const xlsxSheetRows = 1_048_576;

/** Writes a table row by row, in as many sheets as it needs; an optional note marks an example row. */
export async function writeXlsxTable(options: {
  output: Writable;
  sheetName: string;
  header: string[];
  rows: AsyncIterable<Array<string | number>> | Iterable<Array<string | number>>;
  exampleNote?: string;
  /** rows per sheet, the header included (tests make it small) */
  sheetRows?: number;
}): Promise<void> {
  const sheetRows = options.sheetRows ?? xlsxSheetRows;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: options.output,
    useSharedStrings: false,
  });
  let sheets = 0;
  const addSheet = () => {
    sheets += 1;
    const added = workbook.addWorksheet(
      sheets === 1 ? options.sheetName : `${options.sheetName} (${sheets})`,
    );
    const headerRow = added.addRow(options.header);
    headerRow.font = { bold: true };
    headerRow.commit();
    return added;
  };
  let sheet = addSheet();
  let rowsInSheet = 1;
  for await (const values of options.rows) {
    if (rowsInSheet === sheetRows) {
      sheet.commit();
      sheet = addSheet();
      rowsInSheet = 1;
    }
    rowsInSheet += 1;
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
