// The canonical mapping file: one row per component (a bundle is several rows with the same
// channel_sku). Reading it checks every row on its own and groups rows by channel SKU; the
// group (one listing's mapping) is the unit that is applied or rejected as a whole.
import { maxComponentQuantity } from "../mappings/mapping-state.ts";
import { checkSkuCell, hasControlCharacter, restoreCell } from "./cell-text.ts";
import type { RowSource } from "./csv-source.ts";
import { type ColumnSpec, matchHeader } from "./headers.ts";
import type { RowError } from "./import-store.ts";

export const mappingColumns: ColumnSpec[] = [
  { name: "channel_sku", required: true },
  { name: "internal_sku", required: true },
  { name: "quantity", required: false },
  { name: "seller_id", required: false },
  { name: "action", required: false },
];
export const mappingHeader = mappingColumns.map((c) => c.name);

/** The template's example row; an upload that still contains it unchanged skips it. */
export const mappingExampleRow = ["EXAMPLE-CHANNEL-SKU", "EXAMPLE-INTERNAL-SKU", 1, "", "upsert"] as const;

export type MappingAction = "upsert" | "delete";

export type MappingGroup = {
  channelSku: string;
  /** as written; "" means the channel's own seller id */
  sellerId: string;
  action: MappingAction;
  rows: number[];
  components: Array<{ sku: string; quantity: number; row: number }>;
  rejected: boolean;
};

export type MappingFileRead = {
  groups: Map<string, MappingGroup>;
  /** first error of each row that has one */
  rowErrors: Map<number, RowError>;
  totalRows: number;
};

export function readQuantity(raw: string): number | string {
  if (raw === "") return 1;
  if (/^-\d+$/.test(raw)) return "must be at least 1";
  if (!/^\d+$/.test(raw)) return "is not a whole number";
  const n = Number(raw);
  if (n > maxComponentQuantity) return `must be at most ${maxComponentQuantity}`;
  return n >= 1 ? n : "must be at least 1";
}

/** Column positions in file order of mappingHeader (-1: column absent). */
export function mappingColumnIndexes(index: Map<string, number>): number[] {
  return mappingHeader.map((name) => index.get(name) ?? -1);
}

export type CheckedMappingRow = {
  row: number;
  channelSku: string;
  internalSku: string;
  sellerId: string;
  action: MappingAction;
  /** the reason text when the cell is not a valid quantity */
  quantity: number | string;
  /** the row's first error found on its own cells */
  error: RowError | null;
};

/** One row's own cells read and checked; null for the template's example row (skipped). */
export function checkMappingRow(options: {
  row: number;
  values: string[];
  at: number[];
  headerLength: number;
  restore: boolean;
}): CheckedMappingRow | null {
  // No closures here: it runs once per row of a 1M-row file, and making two functions per row
  // (with the names tsx keeps) cost as much as the checks.
  const { row, values, headerLength, restore } = options;
  const [iChannel = -1, iInternal = -1, iQuantity = -1, iSeller = -1, iAction = -1] = options.at;
  const channelSku = cellOf(values, iChannel, restore);
  const internalSku = cellOf(values, iInternal, restore);
  if (channelSku === mappingExampleRow[0] && internalSku === mappingExampleRow[1]) return null;
  let error: RowError | null = null;
  if (values.length > headerLength) {
    const extra = values.slice(headerLength).join(",");
    error = {
      row,
      column: "",
      value: extra,
      reason: `has ${values.length} cells but the header has ${headerLength}`,
    };
  }
  const sellerId = cellOf(values, iSeller, restore);
  const actionCell = cellOf(values, iAction, restore);
  const actionText = actionCell.toLowerCase();
  const action: MappingAction = actionText === "delete" ? "delete" : "upsert";
  if (!error && actionText !== "" && actionText !== "upsert" && actionText !== "delete") {
    error = { row, column: "action", value: actionCell, reason: "must be upsert or delete" };
  }
  if (!error && hasControlCharacter(sellerId)) {
    error = { row, column: "seller_id", value: sellerId, reason: "contains a control character" };
  }
  const quantityCell = cellOf(values, iQuantity, restore);
  const quantity = readQuantity(quantityCell);
  if (!error && typeof quantity === "string") {
    error = { row, column: "quantity", value: quantityCell, reason: quantity };
  }
  if (!error) {
    const problem = channelSku === "" ? "is empty" : checkSkuCell(channelSku);
    if (problem) error = { row, column: "channel_sku", value: channelSku, reason: problem };
  }
  if (!error) {
    const problem =
      internalSku === "" ? (action === "upsert" ? "is empty" : null) : checkSkuCell(internalSku);
    if (problem) error = { row, column: "internal_sku", value: internalSku, reason: problem };
  }
  return { row, channelSku, internalSku, sellerId, action, quantity, error };
}

/** A cell as read: trimmed, formula neutralisation undone when `restore`; "" for an absent column. */
function cellOf(values: string[], i: number, restore: boolean): string {
  if (i < 0) return "";
  const raw = values[i] ?? "";
  return (restore ? restoreCell(raw) : raw).trim();
}

/** Reads and checks every row; `restore` undoes CSV formula neutralisation (see cell-text.ts). */
export async function readMappingFile(options: {
  source: RowSource;
  restore: boolean;
  /** the channel's seller id: a row's empty seller_id means it */
  channelSellerId: string;
  onRow?: (rowsRead: number) => void;
}): Promise<MappingFileRead> {
  const { index, header } = matchHeader({ header: options.source.header, columns: mappingColumns });
  const columns = mappingColumnIndexes(index);
  const groups = new Map<string, MappingGroup>();
  const rowErrors = new Map<number, RowError>();
  let totalRows = 0;
  for await (const { row, values } of options.source.rows) {
    const checked = checkMappingRow({
      row,
      values,
      at: columns,
      headerLength: header.length,
      restore: options.restore,
    });
    if (!checked) continue;
    const { channelSku, internalSku, sellerId, action, quantity } = checked;
    totalRows += 1;
    options.onRow?.(totalRows);
    const fail = (column: string, value: string, reason: string) => {
      if (!rowErrors.has(row)) rowErrors.set(row, { row, column, value, reason });
    };
    if (checked.error) rowErrors.set(row, checked.error);
    if (channelSku === "") continue;

    // a listing is its seller id and channel SKU: one channel SKU of two sellers is two listings
    const key =
      sellerId === "" || sellerId === options.channelSellerId ? channelSku : `${sellerId}\u001f${channelSku}`;
    let group = groups.get(key);
    if (!group) {
      group = { channelSku, sellerId, action, rows: [], components: [], rejected: false };
      groups.set(key, group);
    } else if (group.action !== action) {
      fail("action", action, `differs from row ${group.rows[0]} of the same channel_sku (${group.action})`);
    }
    group.rows.push(row);
    if (rowErrors.has(row)) group.rejected = true;
    if (internalSku === "" || typeof quantity === "string") continue;
    const twice = group.components.find((c) => c.sku === internalSku);
    if (twice) {
      fail(
        "internal_sku",
        internalSku,
        `is already a component of this channel_sku in row ${twice.row}; give it once with a quantity`,
      );
      group.rejected = true;
      continue;
    }
    group.components.push({ sku: internalSku, quantity, row });
  }
  return { groups, rowErrors, totalRows };
}

/** Marks a whole group rejected because of one of its rows. */
export function rejectGroup(read: MappingFileRead, group: MappingGroup, error: RowError): void {
  if (!read.rowErrors.has(error.row)) read.rowErrors.set(error.row, error);
  group.rejected = true;
}

/**
 * Every rejected row with its reason, in file order: rows with their own error, and the other
 * rows of a rejected channel SKU (a bundle is applied whole or not at all).
 */
export function collectRowErrors(read: MappingFileRead): RowError[] {
  const errors = new Map(read.rowErrors);
  for (const group of read.groups.values()) {
    if (!group.rejected) continue;
    const cause = group.rows.find((r) => read.rowErrors.has(r));
    for (const row of group.rows) {
      if (!errors.has(row)) {
        errors.set(row, {
          row,
          column: "channel_sku",
          value: group.channelSku,
          reason: `not applied: row ${cause} of the same channel_sku is invalid`,
        });
      }
    }
  }
  return [...errors.values()].sort((a, b) => a.row - b.row);
}
