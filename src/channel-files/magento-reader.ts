// Magento 2 product export / import file: one row per product (plus optional store-view rows
// that only override texts). simple/virtual/downloadable are singles; a configurable is a
// parent whose configurable_variations ("sku=..,color=..|sku=..") names its variations and their
// option values; a bundle's bundle_values names its components; a grouped product is a
// non-sellable parent whose associated_skus ("sku=qty,...") lists what it groups.
// SKUs are kept exactly: "Configurable 1-Option 1" and "12345" are text.
import { assertFormat, throwMissingColumn } from "./detect-format.ts";
import {
  compactListing,
  invalidValue,
  parseInteger,
  readBarcode,
  readPrice,
  readQuantity,
} from "./parse-values.ts";
import { mapColumns, type Table, type TableRecord } from "./table-parser.ts";
import type { DownloadedListing, ReaderOutput, ReadIssue, ReadOptions } from "./types.ts";

const columns = {
  sku: ["sku"],
  storeViewCode: ["store_view_code"],
  type: ["product_type"],
  name: ["name"],
  categories: ["categories"],
  price: ["price"],
  qty: ["qty"],
  online: ["product_online"],
  updatedAt: ["updated_at"],
  variations: ["configurable_variations"],
  variationLabels: ["configurable_variation_labels"],
  associatedSkus: ["associated_skus"],
  bundleValues: ["bundle_values"],
  additional: ["additional_attributes"],
} as const;

type Key = keyof typeof columns;
type Component = { channelSku: string; quantity: number };

/** "a=1,b=2" -> { a: "1", b: "2" } (split at the first "=" of each pair). */
export function parsePairs(text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of text.split(",")) {
    const at = part.indexOf("=");
    if (at > 0) pairs[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return pairs;
}

function splitEntries(text: string): Array<Record<string, string>> {
  return text === "" ? [] : text.split("|").map(parsePairs);
}

/** "2015-10-25 3:34:20" (Magento writes UTC) to ISO; undefined when it is not that shape. */
function parseMagentoDate(raw: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = "00"] = match;
  const date = new Date(`${year}-${month}-${day}T${hour!.padStart(2, "0")}:${minute}:${second}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function addComponent(components: Component[], channelSku: string, quantity: number): void {
  const existing = components.find((component) => component.channelSku === channelSku);
  if (existing) existing.quantity += quantity;
  else components.push({ channelSku, quantity });
}

function quantityOf(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return 1;
  const parsed = parseInteger(raw);
  return parsed.ok && parsed.value >= 1 ? parsed.value : undefined;
}

// Each bundle option offers one or more selections; what the bundle sells by default is the
// selection marked default=1 (else the first). The other selections are alternatives a buyer may
// pick, not parts of every bundle, so they are not components.
function bundleComponents(text: string): Component[] | undefined {
  const byOption = new Map<string, Array<Record<string, string>>>();
  for (const entry of splitEntries(text)) {
    const option = entry.name ?? "";
    byOption.set(option, [...(byOption.get(option) ?? []), entry]);
  }
  const components: Component[] = [];
  for (const selections of byOption.values()) {
    const chosen = selections.find((selection) => selection.default === "1") ?? selections[0];
    const quantity = quantityOf(chosen?.default_qty);
    if (!chosen?.sku || quantity === undefined) return undefined;
    addComponent(components, chosen.sku, quantity);
  }
  return components;
}

function associatedComponents(text: string): Component[] | undefined {
  const components: Component[] = [];
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const at = part.lastIndexOf("=");
    const channelSku = (at === -1 ? part : part.slice(0, at)).trim();
    const quantity = quantityOf(at === -1 ? undefined : part.slice(at + 1).trim());
    if (channelSku === "" || quantity === undefined) return undefined;
    addComponent(components, channelSku, quantity);
  }
  return components;
}

const shapes: Record<string, Pick<DownloadedListing, "type" | "sellable">> = {
  simple: { type: "single", sellable: true },
  virtual: { type: "single", sellable: true },
  downloadable: { type: "single", sellable: true },
  configurable: { type: "parent", sellable: false },
  grouped: { type: "parent", sellable: false },
  bundle: { type: "bundle", sellable: true },
};

export function readMagentoListings(table: Table, options: ReadOptions): ReaderOutput {
  assertFormat(table, "magento");
  const cols = mapColumns(table, columns);
  if (!cols.has("sku")) throwMissingColumn("sku", "magento");
  const listings: DownloadedListing[] = [];
  const issues: ReadIssue[] = [];
  const cell = (record: TableRecord, key: Key) => ({
    row: record.row,
    column: cols.header(key),
    raw: cols.get(record, key),
  });

  // Configurables usually come after their variations: learn every variation's parent first.
  const variationOf = new Map<string, { parent: string; options: Record<string, string> }>();
  for (const record of table.records) {
    const parent = cols.get(record, "sku");
    if (parent === "" || cols.get(record, "storeViewCode") !== "") continue;
    const labels = parsePairs(cols.get(record, "variationLabels"));
    for (const entry of splitEntries(cols.get(record, "variations"))) {
      const { sku, ...attributes } = entry;
      if (!sku || variationOf.has(sku)) continue;
      const named: Record<string, string> = {};
      for (const [code, value] of Object.entries(attributes)) named[labels[code] || code] = value;
      variationOf.set(sku, { parent, options: named });
    }
  }

  for (const record of table.records) {
    const { row } = record;
    const channelSku = cols.get(record, "sku");
    if (channelSku === "") {
      issues.push({ row, column: cols.header("sku"), reason: "no SKU", severity: "skipped" });
      continue;
    }
    if (cols.get(record, "storeViewCode") !== "") {
      issues.push({
        row,
        column: cols.header("storeViewCode"),
        value: cols.get(record, "storeViewCode"),
        reason: "store-view row (only overrides texts of the product's default row)",
        severity: "skipped",
      });
      continue;
    }
    const kind = cols.get(record, "type").toLowerCase();
    let shape = shapes[kind];
    if (!shape) {
      issues.push(invalidValue(cell(record, "type"), "unknown product type; read as a single listing"));
      shape = { type: "single", sellable: true };
    }
    const variation = shape.type === "single" ? variationOf.get(channelSku) : undefined;
    let components: Component[] | undefined;
    if (kind === "bundle" || kind === "grouped") {
      const key: Key = kind === "bundle" ? "bundleValues" : "associatedSkus";
      components =
        kind === "bundle"
          ? bundleComponents(cell(record, key).raw)
          : associatedComponents(cell(record, key).raw);
      if (components === undefined) {
        issues.push(
          invalidValue(cell(record, key), "components could not be read (a SKU or a quantity is missing)"),
        );
      }
    }
    const updated = cell(record, "updatedAt");
    const updatedAt = updated.raw === "" ? undefined : parseMagentoDate(updated.raw);
    if (updated.raw !== "" && updatedAt === undefined) {
      issues.push(invalidValue(updated, "updated_at is not a date; it was left out"));
    }
    const extra = parsePairs(cols.get(record, "additional"));
    const barcodeKey = ["gtin", "ean", "upc", "barcode", "isbn"].find((key) => extra[key]);
    const online = cols.get(record, "online");
    listings.push(
      compactListing({
        channelSku,
        ...shape,
        ...(variation
          ? { type: "variation", parentChannelSku: variation.parent, options: variation.options }
          : {}),
        kind: kind || undefined,
        title: cols.get(record, "name"),
        category: cols.get(record, "categories").split(",")[0]?.trim(),
        barcode: barcodeKey
          ? readBarcode(
              { row, column: `${cols.header("additional")}:${barcodeKey}`, raw: extra[barcodeKey]! },
              issues,
            )
          : undefined,
        price: readPrice(cell(record, "price"), options.currency, issues),
        quantity: readQuantity(cell(record, "qty"), issues),
        status: online === "" ? undefined : online === "1" ? "active" : "inactive",
        components: components && components.length > 0 ? components : undefined,
        updatedAt,
        row,
      }),
    );
  }
  return { listings, issues, skuColumn: cols.header("sku") };
}
