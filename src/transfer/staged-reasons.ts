// The reason texts of rejected rows in a staged mapping import, shared by the SQLite
// (staged-validate.ts) and PostgreSQL (pg-staged-validate.ts) paths: both read each rejected
// row with its group's first row and values and the other row it refers to, and build the same
// RowError the in-memory plan (mapping-file.ts, plan-mapping-import.ts) does.
import type { RowError } from "./import-store.ts";
import { rowKind } from "./staged-stage.ts";

/**
 * A row naming a seller id that is neither the channel's nor any of its listings': the import
 * would make a listing under a seller the channel does not have, beside the real one.
 */
export const unknownSellerReason =
  "is neither the channel's seller id nor that of any of its listings; leave it empty for the channel's own";

/** A rejected staged row as the error query reads it. */
export type ErrorRow = {
  row_no: number;
  kind: number;
  channel_sku: string;
  internal_sku: string;
  seller_id: string;
  action: string;
  err_column: string | null;
  err_value: string | null;
  err_reason: string | null;
  first_row: number | null;
  group_seller_id: string | null;
  group_action: string | null;
  /** duplicate: the row that names the component first; notApplied: the group's first invalid row */
  other_row: number | null;
};

export function reasonOf(r: ErrorRow): Omit<RowError, "row"> {
  switch (r.kind) {
    case rowKind.cell:
      return { column: r.err_column ?? "", value: r.err_value ?? "", reason: r.err_reason ?? "" };
    case rowKind.action:
      return {
        column: "action",
        value: r.action,
        reason: `differs from row ${r.first_row} of the same channel_sku (${r.group_action})`,
      };
    case rowKind.duplicate:
      return {
        column: "internal_sku",
        value: r.internal_sku,
        reason: `is already a component of this channel_sku in row ${r.other_row}; give it once with a quantity`,
      };
    case rowKind.unknownVariant:
      return {
        column: "internal_sku",
        value: r.internal_sku,
        reason: "is not the SKU of a variant in this account",
      };
    case rowKind.parent:
      return {
        column: "channel_sku",
        value: r.channel_sku,
        reason: "is a parent listing (a variation group); map its variations instead",
      };
    case rowKind.unknownSeller:
      return { column: "seller_id", value: r.seller_id, reason: unknownSellerReason };
    default:
      return {
        column: "channel_sku",
        value: r.channel_sku,
        reason: `not applied: row ${r.other_row} of the same channel_sku is invalid`,
      };
  }
}
