// The stock file: one row per SKU and location with absolute levels. Columns `sku`, `location`
// (default "default"), `on_hand`, `reserved` (when absent or empty, the current reserved is kept).
// Reading checks every row on its own; stock-stage.ts checks the rows of one SKU and location
// against each other.
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

/** A row as read: its levels, or null with its first problem of its own. */
export type StagedStockRow = { row: number; stock: StockRow | null; error: RowError | null };

/**
 * Reads and checks every row on its own, in batches; `restore` undoes CSV formula neutralisation.
 * A file without rows throws INVALID_FILE at their end.
 */
export async function* readStockRows(options: {
  source: RowSource;
  restore: boolean;
  onRow?: ((rowsRead: number) => void) | undefined;
}): AsyncGenerator<StagedStockRow[]> {
  const { index, header } = matchHeader({ header: options.source.header, columns: stockColumns });
  let batch: StagedStockRow[] = [];
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
    let error: RowError | null = null;
    const fail = (column: string, value: string, reason: string) => {
      error ??= { row, column, value, reason };
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
    const stock = error || onHand === undefined ? null : { row, sku, location, onHand, reserved };
    batch.push({ row, stock, error });
    if (batch.length === 500) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  if (totalRows === 0) {
    throw new AppError("INVALID_FILE", "The file has a header but no rows.", {
      row: 2,
      reason: "no data rows",
    });
  }
}
