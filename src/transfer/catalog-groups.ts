// Rows of a catalog file checked against each other: one SKU per row, one product name per
// product_key; a product_key group is applied whole or not at all.
import {
  type CatalogGroup,
  type CatalogRead,
  type CatalogRow,
  groupKeyOf,
  sameRowData,
} from "./catalog-file.ts";
import type { RowError } from "./import-store.ts";

/**
 * Groups checked rows by product_key and checks them against each other: the same SKU twice
 * (a repeat with the same data is dropped, with different data both rows are rejected), and rows
 * of one product_key that name the product differently.
 */
export function groupCatalogRows(
  rows: CatalogRow[],
  rowErrors: Map<number, RowError>,
): { groups: Map<string, CatalogGroup>; rowErrors: Map<number, RowError> } {
  const fail = (row: number, column: string, value: string, reason: string) => {
    if (!rowErrors.has(row)) rowErrors.set(row, { row, column, value, reason });
  };
  const bySku = new Map<string, CatalogRow>();
  const kept: CatalogRow[] = [];
  for (const row of rows) {
    const first = row.sku === "" ? undefined : bySku.get(row.sku);
    if (!first) {
      if (row.sku !== "") bySku.set(row.sku, row);
      kept.push(row);
      continue;
    }
    if (sameRowData(first, row)) continue;
    fail(
      row.row,
      "sku",
      row.sku,
      `is also on row ${first.row} with different data; keep one of the two rows`,
    );
    fail(
      first.row,
      "sku",
      first.sku,
      `is also on row ${row.row} with different data; keep one of the two rows`,
    );
    kept.push(row);
  }
  const groups = new Map<string, CatalogGroup>();
  for (const row of kept) {
    const key = groupKeyOf(row);
    let group = groups.get(key);
    if (!group) {
      group = { key, rows: [], rejected: false };
      groups.set(key, group);
    }
    const named = group.rows.find((r) => r.productName !== undefined);
    if (named && row.productName !== undefined && named.productName !== row.productName) {
      fail(
        row.row,
        "product_name",
        row.productName,
        `differs from row ${named.row} of the same product_key ("${named.productName}")`,
      );
    }
    group.rows.push(row);
  }
  for (const group of groups.values())
    if (group.rows.some((r) => rowErrors.has(r.row))) group.rejected = true;
  return { groups, rowErrors };
}

/** Marks a whole group rejected because of one of its rows. */
export function rejectCatalogGroup(read: CatalogRead, group: CatalogGroup, error: RowError): void {
  if (!read.rowErrors.has(error.row)) read.rowErrors.set(error.row, error);
  group.rejected = true;
}

/** Every rejected row with its reason, in file order (the other rows of a rejected product too). */
export function collectCatalogErrors(read: CatalogRead): RowError[] {
  const errors = new Map(read.rowErrors);
  for (const group of read.groups.values()) {
    if (!group.rejected) continue;
    const cause = group.rows.find((r) => read.rowErrors.has(r.row))?.row;
    for (const row of group.rows) {
      if (!errors.has(row.row)) {
        errors.set(row.row, {
          row: row.row,
          column: "product_key",
          value: row.productKey,
          reason: `not applied: row ${cause} of the same product is invalid`,
        });
      }
    }
  }
  return [...errors.values()].sort((a, b) => a.row - b.row);
}
