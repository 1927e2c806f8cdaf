// Turning request fields into listing column values: SKU-like keys follow the SKU rules, the
// barcode is kept as entered with its GTIN-14 form beside it (null when it is not a valid GTIN,
// so an invalid barcode is shown but never used for matching).
import { tryGtin14 } from "../catalog/gtin.ts";
import { normalizeSku } from "../shared/sku.ts";

export function barcodeColumns(raw: string | null | undefined): {
  barcode: string | null;
  barcode_gtin: string | null;
} {
  const barcode = raw?.trim() ?? "";
  if (barcode === "") return { barcode: null, barcode_gtin: null };
  return { barcode, barcode_gtin: tryGtin14(barcode) };
}

export function externalIdColumn(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.trim() === "") return null;
  return normalizeSku(raw, "externalId");
}

export function optionalText(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const value = raw.trim();
  return value === "" ? null : value;
}
