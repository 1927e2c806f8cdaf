// Any other channel's listing file: columns named by the caller (`columns: { channelSku: "SKU" }`)
// or, by default, the canonical names (channel_sku, title, barcode, external_id, quantity, price,
// currency, type, parent_channel_sku, category, seller_id, status, updated_at), matched case- and
// separator-insensitively.
import { AppError } from "../shared/errors.ts";
import { throwMissingColumn } from "./detect-format.ts";
import { compactListing, invalidValue, readBarcode, readPrice, readQuantity } from "./parse-values.ts";
import { mapColumns, type Table, type TableRecord } from "./table-parser.ts";
import type { DownloadedListing, ListingType, ReaderOutput, ReadIssue, ReadOptions } from "./types.ts";

const defaults = {
  channelSku: ["channel_sku", "sku"],
  sellerId: ["seller_id"],
  title: ["title"],
  barcode: ["barcode"],
  externalId: ["external_id"],
  quantity: ["quantity"],
  price: ["price"],
  currency: ["currency"],
  type: ["type"],
  parentChannelSku: ["parent_channel_sku"],
  category: ["category"],
  status: ["status"],
  updatedAt: ["updated_at"],
} as const;

type Field = keyof typeof defaults;

const listingTypes = new Set<string>(["single", "parent", "variation", "bundle"]);

function columnSpec(mapping: Record<string, string> | undefined): Record<Field, readonly string[]> {
  const spec: Record<Field, readonly string[]> = { ...defaults };
  for (const [field, header] of Object.entries(mapping ?? {})) {
    if (!(field in defaults)) {
      throw new AppError(
        "VALIDATION_FAILED",
        `"${field}" is not a listing field a column can be mapped to.`,
        {
          field,
          allowed: Object.keys(defaults),
        },
      );
    }
    spec[field as Field] = [header];
  }
  return spec;
}

function typeOf(raw: string, hasParent: boolean): ListingType | undefined {
  const type = raw.toLowerCase();
  if (type === "") return hasParent ? "variation" : "single";
  return listingTypes.has(type) ? (type as ListingType) : undefined;
}

function dateOf(raw: string): string | undefined {
  if (raw === "") return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function readGenericListings(table: Table, options: ReadOptions): ReaderOutput {
  const cols = mapColumns(table, columnSpec(options.columns));
  for (const [field, header] of Object.entries(options.columns ?? {})) {
    if (!cols.has(field as Field)) throwMissingColumn(header, "generic");
  }
  if (!cols.has("channelSku")) throwMissingColumn("channel_sku", "generic");
  const listings: DownloadedListing[] = [];
  const issues: ReadIssue[] = [];
  const cell = (record: TableRecord, key: Field) => ({
    row: record.row,
    column: cols.header(key),
    raw: cols.get(record, key),
  });

  for (const record of table.records) {
    const { row } = record;
    const channelSku = cols.get(record, "channelSku");
    if (channelSku === "") {
      issues.push({ row, column: cols.header("channelSku"), reason: "no SKU", severity: "skipped" });
      continue;
    }
    const parentChannelSku = cols.get(record, "parentChannelSku");
    const type = typeOf(cols.get(record, "type"), parentChannelSku !== "");
    if (type === undefined) {
      issues.push({
        ...invalidValue(cell(record, "type"), "type must be single, parent, variation or bundle"),
        severity: "skipped",
      });
      continue;
    }
    const status = cols.get(record, "status").toLowerCase();
    const updated = cell(record, "updatedAt");
    const updatedAt = dateOf(updated.raw);
    if (updated.raw !== "" && updatedAt === undefined) {
      issues.push(invalidValue(updated, "not a date; it was left out"));
    }
    listings.push(
      compactListing({
        channelSku,
        sellerId: cols.get(record, "sellerId"),
        type,
        sellable: type !== "parent",
        parentChannelSku,
        title: cols.get(record, "title"),
        category: cols.get(record, "category"),
        barcode: readBarcode(cell(record, "barcode"), issues),
        externalId: cols.get(record, "externalId"),
        quantity: readQuantity(cell(record, "quantity"), issues),
        price: readPrice(cell(record, "price"), cols.get(record, "currency") || options.currency, issues),
        status:
          status === "" ? undefined : ["active", "1", "true", "yes"].includes(status) ? "active" : "inactive",
        updatedAt,
        row,
      }),
    );
  }
  return { listings, issues, skuColumn: cols.header("channelSku") };
}
