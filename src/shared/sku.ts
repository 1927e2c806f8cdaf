// SKU rules shared by every area: stored exactly as given after trimming; control characters
// and empty values are rejected (design brief, invariant 5).
import { AppError } from "./errors.ts";

// C0 controls, DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

export const maxSkuLength = 200;

export function normalizeSku(raw: string, field = "sku"): string {
  const sku = raw.trim();
  if (sku.length === 0) throw new AppError("INVALID_SKU", `${field} must not be empty.`, { field });
  if (controlCharacter.test(sku)) {
    throw new AppError("INVALID_SKU", `${field} contains a control character.`, { field, value: raw });
  }
  if (sku.length > maxSkuLength) {
    throw new AppError("INVALID_SKU", `${field} is longer than ${maxSkuLength} characters.`, { field });
  }
  return sku;
}

/** Lower-cased form used only by prefix search indexes, never for matching. */
export function searchKey(value: string): string {
  return value.toLowerCase();
}
