// The catalog file: one row per variant. `product_key` groups variants into one product (default:
// the row's own SKU); option columns are `option:<name>`. Reading checks every row on its own;
// catalog-stage.ts then checks the rows of one SKU and of one product_key against each other. A
// product_key group is applied whole or not at all, so one bad row rejects its product's other rows.
import { parseGtin } from "../catalog/gtin.ts";
import { AppError } from "../shared/errors.ts";
import { checkSkuCell, hasControlCharacter, restoreCell } from "./cell-text.ts";
import type { RowSource } from "./csv-source.ts";
import { type ColumnSpec, matchHeader } from "./headers.ts";
import type { RowError } from "./import-store.ts";

export const catalogColumns: ColumnSpec[] = [
  { name: "sku", required: true },
  { name: "product_key", required: false },
  { name: "product_name", required: false },
  { name: "variant_name", required: false },
  { name: "barcode", required: false },
  { name: "cost_amount", required: false },
  { name: "cost_currency", required: false },
  { name: "price_amount", required: false },
  { name: "price_currency", required: false },
  { name: "archived", required: false },
];
const baseHeader = catalogColumns.map((c) => c.name);

export function catalogHeader(optionNames: string[]): string[] {
  return [...baseHeader, ...optionNames.map((name) => `option:${name}`)];
}

/** The template's example row (XLSX only); an upload that still contains it skips it. */
export const catalogExampleRow = [
  "EXAMPLE-SKU-RED-M",
  "EXAMPLE-TSHIRT",
  "Example T-shirt",
  "Red / M",
  "4006381333931",
  "850",
  "EUR",
  "1999",
  "EUR",
  "false",
  "Red",
  "M",
];
export const catalogTemplateOptions = ["color", "size"];

export type Money = { amount: number; currency: string };

/** One variant as the file says it. `undefined`: the column is absent (the value is kept). */
export type CatalogRow = {
  row: number;
  sku: string;
  /** as written; "" when the row gives none (the row's SKU groups it alone) */
  productKey: string;
  productName: string | undefined;
  variantName: string | null | undefined;
  barcode: string | null | undefined;
  cost: Money | null | undefined;
  price: Money | null | undefined;
  archived: boolean | undefined;
  /** option name -> value; null removes the option */
  options: Record<string, string | null>;
};

/** The group a row belongs to: its product_key, or its own SKU when it gives none. */
export function groupKeyOf(row: { sku: string; productKey: string }): string {
  return row.productKey === "" ? `s${row.sku}` : `k${row.productKey}`;
}

type Fail = (column: string, value: string, reason: string) => void;

function readAmount(raw: string, column: string, fail: Fail): number | null {
  if (raw === "") return null;
  if (/^-\d+$/.test(raw)) {
    fail(column, raw, "must not be negative");
    return null;
  }
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    fail(column, raw, "is not a whole number of minor units (write 1999 for 19.99)");
    return null;
  }
  return Number(raw);
}

function readMoney(amountText: string, currencyText: string, prefix: string, fail: Fail): Money | null {
  const amount = readAmount(amountText, `${prefix}_amount`, fail);
  const currency = currencyText.toUpperCase();
  if (currency !== "" && !/^[A-Z]{3}$/.test(currency)) {
    fail(`${prefix}_currency`, currencyText, "must be an ISO 4217 code such as EUR");
    return null;
  }
  if (amountText !== "" && currency === "") {
    fail(`${prefix}_currency`, "", `is required when ${prefix}_amount is given`);
    return null;
  }
  if (amountText === "" && currency !== "") {
    fail(`${prefix}_amount`, "", `is required when ${prefix}_currency is given`);
    return null;
  }
  return amount === null ? null : { amount, currency };
}

function readArchived(raw: string, fail: Fail): boolean {
  const value = raw.toLowerCase();
  if (value === "" || value === "false" || value === "0" || value === "no") return false;
  if (value === "true" || value === "1" || value === "yes") return true;
  fail("archived", raw, "must be true or false");
  return false;
}

/** The barcode as stored (the GTIN as written, apostrophe prefix removed), or the reason it is invalid. */
export function checkBarcode(raw: string): { barcode: string } | { reason: string } {
  try {
    return { barcode: parseGtin(raw).display };
  } catch (error) {
    if (error instanceof AppError) {
      const reason = (error.details as { reason?: string } | undefined)?.reason;
      return { reason: `is not a valid GTIN: ${reason ?? error.message}` };
    }
    throw error;
  }
}

/** A row's data without its number: two rows of one SKU with the same text are one row repeated. */
export function rowDataText(row: CatalogRow): string {
  return JSON.stringify({ ...row, row: 0 });
}

/** A row as read, with its first problem of its own; `catalogRow` null: an error-only row. */
export type StagedCatalogRow = { row: number; catalogRow: CatalogRow | null; error: RowError | null };

/**
 * Reads and checks every row on its own, in batches; `restore` undoes CSV formula neutralisation
 * (see cell-text.ts). A file without rows throws INVALID_FILE at their end.
 */
export async function* readCatalogRows(options: {
  source: RowSource;
  restore: boolean;
  onRow?: ((rowsRead: number) => void) | undefined;
}): AsyncGenerator<StagedCatalogRow[]> {
  const {
    index,
    options: optionIndex,
    header,
  } = matchHeader({
    header: options.source.header,
    columns: catalogColumns,
    allowOptions: true,
  });
  let batch: StagedCatalogRow[] = [];
  let totalRows = 0;
  for await (const { row, values } of options.source.rows) {
    // the row's first problem names the column; the others are added to its reason, so one
    // correction fixes the row
    let error: RowError | null = null;
    const fail: Fail = (column, value, reason) => {
      if (error === null) error = { row, column, value, reason };
      else error.reason += `; also ${column} "${value}" ${reason}`;
    };
    const cellAt = (i: number | undefined) => {
      if (i === undefined) return undefined;
      const raw = values[i] ?? "";
      return (options.restore ? restoreCell(raw) : raw).trim();
    };
    const cell = (name: string) => cellAt(index.get(name));
    const sku = cell("sku") ?? "";
    if (sku === catalogExampleRow[0] && cell("product_key") === catalogExampleRow[1]) continue;
    if (values.every((v) => v.trim() === "")) continue;
    totalRows += 1;
    options.onRow?.(totalRows);
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
    const productKey = cell("product_key") ?? "";
    const keyProblem = productKey === "" ? null : checkSkuCell(productKey);
    if (keyProblem) fail("product_key", productKey, keyProblem);
    for (const name of ["product_name", "variant_name", "cost_currency", "price_currency"]) {
      const value = cell(name);
      if (value !== undefined && hasControlCharacter(value))
        fail(name, value, "contains a control character");
      if (value !== undefined && value.length > 500) fail(name, value, "is longer than 500 characters");
    }
    const barcodeText = cell("barcode");
    let barcode: string | null | undefined = barcodeText === undefined ? undefined : null;
    if (barcodeText) {
      const problem = checkSkuCell(barcodeText);
      const checked = problem ? { reason: problem } : checkBarcode(barcodeText);
      if ("reason" in checked) fail("barcode", barcodeText, checked.reason);
      else barcode = checked.barcode;
    }
    const money = (prefix: string) => {
      const amount = cell(`${prefix}_amount`);
      const currency = cell(`${prefix}_currency`);
      if (amount === undefined && currency === undefined) return undefined;
      return readMoney(amount ?? "", currency ?? "", prefix, fail);
    };
    const rowOptions: Record<string, string | null> = {};
    for (const [name, i] of optionIndex) {
      const value = cellAt(i) ?? "";
      if (hasControlCharacter(value)) fail(`option:${name}`, value, "contains a control character");
      if (value.length > 500) fail(`option:${name}`, value, "is longer than 500 characters");
      rowOptions[name] = value === "" ? null : value;
    }
    const productName = cell("product_name");
    const variantName = cell("variant_name");
    const archivedText = cell("archived");
    const catalogRow: CatalogRow = {
      row,
      sku,
      productKey,
      productName: productName === "" ? undefined : productName,
      variantName: variantName === undefined ? undefined : variantName === "" ? null : variantName,
      barcode,
      cost: money("cost"),
      price: money("price"),
      archived: archivedText === undefined ? undefined : readArchived(archivedText, fail),
      options: rowOptions,
    };
    batch.push({ row, catalogRow, error });
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
