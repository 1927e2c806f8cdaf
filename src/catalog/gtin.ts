// GTIN barcodes (GTIN-8, UPC-A/GTIN-12, EAN-13, GTIN-14). Stored as the 14-digit zero-padded
// form so UPC-A and its EAN-13 with a leading 0 are the same key; shown as the user entered it.
import { AppError } from "../shared/errors.ts";

export type Gtin = { gtin14: string; display: string };

const validLengths = new Set([8, 12, 13, 14]);
// Spreadsheets turn long numbers into "3.65275E+11": the trailing digits are gone for good.
const scientificNotation = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

type Checked = { ok: true; gtin: Gtin } | { ok: false; display: string; reason: string };

function checkDigitOf(body: string): number {
  // Weights alternate 3,1,3,... from the rightmost digit of the body (GS1 general specification).
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i -= 1, weight = 4 - weight) {
    sum += Number(body[i]) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

function checkGtin(raw: string): Checked {
  // Shopify exports prefix barcodes with an apostrophe so spreadsheets keep leading zeros.
  const display = raw.trim().replace(/^'/, "").trim();
  const digits = display.replace(/ /g, "");
  if (scientificNotation.test(digits)) {
    return {
      ok: false,
      display,
      reason: "it is in scientific notation (a spreadsheet turned it into a number and lost digits)",
    };
  }
  if (!/^\d+$/.test(digits)) return { ok: false, display, reason: "it must contain digits only" };
  if (!validLengths.has(digits.length)) {
    return { ok: false, display, reason: `it has ${digits.length} digits; a GTIN has 8, 12, 13 or 14` };
  }
  const expected = checkDigitOf(digits.slice(0, -1));
  if (Number(digits.slice(-1)) !== expected) {
    return { ok: false, display, reason: `the check digit should be ${expected}` };
  }
  return { ok: true, gtin: { gtin14: digits.padStart(14, "0"), display } };
}

/** Validates a barcode and returns its GTIN-14 form; throws INVALID_BARCODE naming field and value. */
export function parseGtin(raw: string, field = "barcode"): Gtin {
  const checked = checkGtin(raw);
  if (checked.ok) return checked.gtin;
  throw new AppError(
    "INVALID_BARCODE",
    `${field} "${checked.display}" is not a valid GTIN: ${checked.reason}.`,
    {
      field,
      value: raw,
      reason: checked.reason,
    },
  );
}

/** The GTIN-14 form of a barcode, or null when it is not a valid GTIN. Never throws. */
export function tryGtin14(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const checked = checkGtin(raw);
  return checked.ok ? checked.gtin.gtin14 : null;
}
