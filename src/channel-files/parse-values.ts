// Cell values every reader needs: prices in integer minor units whatever the decimal convention
// ("12.99", "12,99", "1.234,56", "1,234.56"), integer quantities ("5.0000" from Magento is 5),
// barcodes as text. A bad value becomes an issue naming row, column and value; the listing keeps
// its other fields.
import type { DownloadedListing, ReadIssue } from "./types.ts";

type Parsed = { ok: true; negative: boolean; whole: string; fraction: string } | { ok: false };

function groupedOk(whole: string, separator: string | undefined): boolean {
  if (separator === undefined) return /^\d+$/.test(whole);
  const escaped = separator === "." ? "\\." : separator;
  return new RegExp(`^\\d{1,3}(?:${escaped}\\d{3})*$`).test(whole);
}

/**
 * A decimal number in either convention. When both "." and "," occur, the last one is the
 * decimal separator; when one of them occurs once, it is the decimal separator ("1.234" is
 * 1.234, so a price of "1,234" meaning 1234 is reported rather than read as 1234 cents);
 * when one occurs several times, it groups thousands.
 */
function parseDecimal(raw: string): Parsed {
  let text = raw.replace(/[\s\u00a0\u202f']/g, "");
  const negative = text.startsWith("-");
  if (negative || text.startsWith("+")) text = text.slice(1);
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return { ok: false };
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  let decimal: string | undefined;
  let thousands: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? "." : ",";
    thousands = decimal === "." ? "," : ".";
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? "." : ",";
    if (text.split(separator).length === 2) decimal = separator;
    else thousands = separator;
  }
  const cut = decimal === undefined ? -1 : text.lastIndexOf(decimal);
  const whole = cut === -1 ? text : text.slice(0, cut) || "0";
  const fraction = cut === -1 ? "" : text.slice(cut + 1);
  if (!groupedOk(whole, thousands) || !/^\d*$/.test(fraction)) return { ok: false };
  return { ok: true, negative, whole: whole.replace(/[.,]/g, ""), fraction };
}

/** Digits after the decimal point for a currency (JPY 0, EUR 2, KWD 3); 2 when unknown. */
export function minorDigitsOf(currency: string | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return 2;
  }
}

export type ValueResult = { ok: true; value: number } | { ok: false; reason: string };

export function parseMinorUnits(raw: string, currency?: string): ValueResult {
  const parsed = parseDecimal(raw);
  if (!parsed.ok) return { ok: false, reason: "not a number" };
  const digits = minorDigitsOf(currency);
  const extra = parsed.fraction.slice(digits);
  if (/[1-9]/.test(extra)) {
    return { ok: false, reason: `more than ${digits} decimals for ${currency ?? "the currency"}` };
  }
  const value = Number(parsed.whole + parsed.fraction.slice(0, digits).padEnd(digits, "0"));
  if (!Number.isSafeInteger(value)) return { ok: false, reason: "too large" };
  return { ok: true, value: parsed.negative ? -value : value };
}

export function parseInteger(raw: string): ValueResult {
  const parsed = parseDecimal(raw);
  if (!parsed.ok) return { ok: false, reason: "not a number" };
  if (/[1-9]/.test(parsed.fraction)) return { ok: false, reason: "not a whole number" };
  const value = Number(parsed.whole);
  if (!Number.isSafeInteger(value)) return { ok: false, reason: "too large" };
  return { ok: true, value: parsed.negative && value !== 0 ? -value : value };
}

type Cell = { row: number; column: string; raw: string };

/** The price of a cell, or undefined (with an issue when the cell is not empty but unreadable). */
export function readPrice(
  cell: Cell,
  currency: string | undefined,
  issues: ReadIssue[],
): DownloadedListing["price"] {
  if (cell.raw === "") return undefined;
  const result = parseMinorUnits(cell.raw, currency);
  if (!result.ok) {
    issues.push(invalidValue(cell, `price ${result.reason}; the price was left out`));
    return undefined;
  }
  return currency ? { amount: result.value, currency } : { amount: result.value };
}

export function readQuantity(cell: Cell, issues: ReadIssue[]): number | undefined {
  if (cell.raw === "") return undefined;
  const result = parseInteger(cell.raw);
  if (!result.ok) {
    issues.push(invalidValue(cell, `quantity ${result.reason}; the quantity was left out`));
    return undefined;
  }
  // a listing's quantity is a 32-bit integer column on PostgreSQL
  if (Math.abs(result.value) > maxListingQuantity) {
    issues.push(
      invalidValue(
        cell,
        `quantity is out of range (at most ${maxListingQuantity}); the quantity was left out`,
      ),
    );
    return undefined;
  }
  return result.value;
}

export const maxListingQuantity = 1_000_000_000;

// Spreadsheets turn long numbers into "3.65275E+11": the trailing digits are gone for good.
const scientificNotation = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

/** A barcode as text: Shopify's leading apostrophe removed, spreadsheet-mangled values dropped. */
export function readBarcode(cell: Cell, issues: ReadIssue[]): string | undefined {
  const barcode = cell.raw.replace(/^'/, "").trim();
  if (barcode === "") return undefined;
  if (scientificNotation.test(barcode)) {
    issues.push(
      invalidValue(
        cell,
        "barcode is in scientific notation (a spreadsheet turned it into a number and lost digits); the barcode was left out",
      ),
    );
    return undefined;
  }
  return barcode;
}

export function invalidValue(cell: Cell, reason: string): ReadIssue {
  return { row: cell.row, column: cell.column, value: cell.raw, reason, severity: "error" };
}

/** Drops undefined fields so listings compare and print cleanly. */
export function compactListing(listing: DownloadedListing): DownloadedListing {
  const entries = Object.entries(listing).filter(([, value]) => value !== undefined && value !== "");
  return Object.fromEntries(entries) as DownloadedListing;
}
