// The stock file: one row per SKU and location with absolute levels. Columns `sku`, `location`
// (default "default"), `on_hand`, `reserved` (when absent or empty, the current reserved is kept).
// Reading checks every row on its own and the rows of one SKU and location against each other.
import { AppError } from "../shared/errors.ts";
import { checkSkuCell, restoreCell } from "./cell-text.ts";
import type { RowSource } from "./csv-source.ts";
import { type ColumnSpec, matchHeader } from "./headers.ts";
import type { RowError } from "./import-store.ts";

export const stockColumns: ColumnSpec[] = [
  { name: "sku", required: true },
  { name: "location", required: false },
  { name: "on_hand", required: true },
  { name: "reserved", required: false },
];
export const stockHeader = stockColumns.map((c) => c.name);
export const stockExampleRow = ["EXAMPLE-SKU", "default", 10, 0];

export type StockRow = {
  row: number;
  sku: string;
  location: string;
  onHand: number;
  reserved: number | undefined;
};
export type StockRead = { rows: StockRow[]; rowErrors: Map<number, RowError>; totalRows: number };

function readCount(
  raw: string,
  column: string,
  fail: (c: string, v: string, r: string) => void,
): number | undefined {
  if (raw === "") return undefined;
  if (/^-\d+$/.test(raw)) {
    fail(column, raw, "must not be negative");
    return undefined;
  }
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    fail(column, raw, "is not a whole number");
    return undefined;
  }
  return Number(raw);
}

export async function readStockFile(options: {
  source: RowSource;
  restore: boolean;
  onRow?: (rowsRead: number) => void;
}): Promise<StockRead> {
  const { index, header } = matchHeader({ header: options.source.header, columns: stockColumns });
  const rowErrors = new Map<number, RowError>();
  const rows: StockRow[] = [];
  const seen = new Map<string, StockRow>();
  let totalRows = 0;
  for await (const { row, values } of options.source.rows) {
    const cell = (name: string) => {
      const i = index.get(name);
      if (i === undefined) return "";
      const raw = values[i] ?? "";
      return (options.restore ? restoreCell(raw) : raw).trim();
    };
    const sku = cell("sku");
    if (sku === stockExampleRow[0] && cell("location") === stockExampleRow[1]) continue;
    if (values.every((v) => v.trim() === "")) continue;
    totalRows += 1;
    options.onRow?.(totalRows);
    const fail = (column: string, value: string, reason: string) => {
      if (!rowErrors.has(row)) rowErrors.set(row, { row, column, value, reason });
    };
    if (values.length > header.length) {
      fail(
        "",
        values.slice(header.length).join(","),
        `has ${values.length} cells but the header has ${header.length}`,
      );
    }
    if (sku === "") fail("sku", "", "is empty");
    else {
      const problem = checkSkuCell(sku);
      if (problem) fail("sku", sku, problem);
    }
    const location = cell("location") || "default";
    const locationProblem = checkSkuCell(location);
    if (locationProblem) fail("location", location, locationProblem);
    const onHand = readCount(cell("on_hand"), "on_hand", fail);
    if (cell("on_hand") === "") fail("on_hand", "", "is empty");
    const reserved = readCount(cell("reserved"), "reserved", fail);
    if (rowErrors.has(row) || onHand === undefined) continue;
    const parsed = { row, sku, location, onHand, reserved };
    const key = `${sku}\u0000${location}`;
    const first = seen.get(key);
    if (first) {
      if (first.onHand === onHand && first.reserved === reserved) continue;
      const reason = `sets the same sku and location as row ${first.row} differently; keep one of the two rows`;
      fail("sku", sku, reason);
      if (!rowErrors.has(first.row))
        rowErrors.set(first.row, {
          row: first.row,
          column: "sku",
          value: sku,
          reason: `is set differently by row ${row}`,
        });
      continue;
    }
    seen.set(key, parsed);
    rows.push(parsed);
  }
  if (totalRows === 0) {
    throw new AppError("INVALID_FILE", "The file has a header but no rows.", {
      row: 2,
      reason: "no data rows",
    });
  }
  return { rows: rows.filter((r) => !rowErrors.has(r.row)), rowErrors, totalRows };
}
