// Turns variant input into a row, enforcing the catalog's rules (SKU trimmed and free of control
// characters, barcode a valid GTIN) and keeping SKUs unique per account with errors that name the field.
import type { Insertable } from "kysely";
import type { Db } from "../db/database.ts";
import type { VariantTable } from "../db/schema.ts";
import { AppError, isUniqueViolation } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { normalizeSku, searchKey } from "../shared/sku.ts";
import { parseGtin } from "./gtin.ts";
import type { VariantInput } from "./schemas.ts";
import { findVariantsBySkus } from "./variant-lookup.ts";

export type NewVariantRow = Insertable<VariantTable>;

/** Variants without a name of their own are found by their product's name. */
export function nameSearchOf(variantName: string | null | undefined, productName: string): string {
  return searchKey(variantName ?? productName);
}

export function buildVariantRow(options: {
  accountId: string;
  productId: string;
  productName: string;
  input: VariantInput;
  /** Prefix of the fields named in errors, e.g. "variants.1." or "". */
  fieldPrefix: string;
  isDefault: boolean;
  now: string;
}): NewVariantRow {
  const { input, fieldPrefix } = options;
  const sku = normalizeSku(input.sku, `${fieldPrefix}sku`);
  const barcode = readBarcode(input.barcode, `${fieldPrefix}barcode`);
  return {
    account_id: options.accountId,
    id: newId(),
    product_id: options.productId,
    sku,
    sku_search: searchKey(sku),
    barcode: barcode.barcode,
    barcode_gtin: barcode.gtin,
    name: input.name ?? null,
    name_search: nameSearchOf(input.name, options.productName),
    options: JSON.stringify(input.options ?? {}),
    length_mm: input.lengthMm ?? null,
    width_mm: input.widthMm ?? null,
    height_mm: input.heightMm ?? null,
    weight_g: input.weightG ?? null,
    cost_amount: input.costPrice?.amount ?? null,
    cost_currency: input.costPrice?.currency ?? null,
    price_amount: input.price?.amount ?? null,
    price_currency: input.price?.currency ?? null,
    is_default: options.isDefault ? 1 : 0,
    archived: 0,
    created_at: options.now,
    updated_at: options.now,
  };
}

/** Inserts in chunks so a product with many variants stays under the drivers' parameter limits. */
export async function insertVariantRows(db: Db, rows: NewVariantRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("variants")
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export function readBarcode(
  raw: string | null | undefined,
  field: string,
): { barcode: string | null; gtin: string | null } {
  if (raw === null || raw === undefined || raw.trim() === "") return { barcode: null, gtin: null };
  const gtin = parseGtin(raw, field);
  return { barcode: gtin.display, gtin: gtin.gtin14 };
}

/** The message names the SKU as a person knows it; the field (variants.1.sku) is in the details. */
function conflict(field: string, value: string, why: string): AppError {
  return new AppError("SKU_CONFLICT", `SKU "${value}" ${why}.`, { field, value });
}

/** Rejects SKUs repeated among `entries` or already used in the account (by another variant). */
export async function assertSkusFree(
  db: Db,
  options: { accountId: string; entries: Array<{ sku: string; field: string }>; exceptVariantId?: string },
): Promise<void> {
  const seen = new Map<string, string>();
  for (const { sku, field } of options.entries) {
    const first = seen.get(sku);
    if (first !== undefined) throw conflict(field, sku, "is given twice in this request");
    seen.set(sku, field);
  }
  const existing = await findVariantsBySkus(
    db,
    options.accountId,
    options.entries.map((e) => e.sku),
  );
  for (const { sku, field } of options.entries) {
    const found = existing.get(sku);
    if (found && found.id !== options.exceptVariantId) {
      throw conflict(field, sku, "is already the SKU of another variant in this account");
    }
  }
}

/**
 * Runs a write in a transaction (or in the caller's, when `db` already is one) and turns a unique
 * violation into SKU_CONFLICT: under concurrency the database constraint, not the pre-check, decides.
 */
export async function writeCatalog<T>(
  db: Db,
  conflictField: { field: string; value: string },
  write: (trx: Db) => Promise<T>,
): Promise<T> {
  try {
    return db.isTransaction ? await write(db) : await db.transaction().execute(write);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        conflictField.field,
        conflictField.value,
        "is already the SKU of another variant in this account",
      );
    }
    throw error;
  }
}
