// WooCommerce product CSV export: one row per product or variation. "simple" is a single
// listing, "variable" a parent, "variation" its child (Parent holds the parent's SKU or
// "id:NN"), "grouped" a parent-like collection that is never sold itself, "external" an
// affiliate link sold elsewhere (single, but not sellable here).
import { assertFormat, throwMissingColumn } from "./detect-format.ts";
import { compactListing, invalidValue, readBarcode, readPrice, readQuantity } from "./parse-values.ts";
import { mapColumns, normalizeHeader, type Table, type TableRecord } from "./table-parser.ts";
import type { DownloadedListing, ReaderOutput, ReadIssue, ReadOptions } from "./types.ts";

const columns = {
  id: ["ID"],
  type: ["Type"],
  sku: ["SKU"],
  name: ["Name"],
  published: ["Published"],
  parent: ["Parent"],
  regularPrice: ["Regular price"],
  salePrice: ["Sale price"],
  stock: ["Stock"],
  categories: ["Categories"],
  gtin: ["GTIN, UPC, EAN, or ISBN", "GTIN", "EAN", "UPC", "Barcode"],
} as const;

type Key = keyof typeof columns;

type Shape = Pick<DownloadedListing, "type" | "sellable" | "kind">;

// Type is a comma list of flags ("simple, downloadable, virtual"); the first word that names a
// product type decides.
function shapeOf(typeText: string): Shape | undefined {
  const words = typeText
    .toLowerCase()
    .split(",")
    .map((word) => word.trim());
  if (words.includes("variation")) return { type: "variation", sellable: true, kind: "variation" };
  if (words.includes("variable")) return { type: "parent", sellable: false, kind: "variable" };
  if (words.includes("grouped")) return { type: "parent", sellable: false, kind: "grouped" };
  if (words.includes("external")) return { type: "single", sellable: false, kind: "external" };
  if (words.includes("simple")) return { type: "single", sellable: true, kind: "simple" };
  return undefined;
}

/** The first category path of "Clothing > Tshirts, Clothing" (commas inside names are "\,"). */
function firstCategory(text: string): string | undefined {
  const [first] = text.split(/(?<!\\),/);
  const category = first?.replace(/\\,/g, ",").trim();
  return category ? category : undefined;
}

/** Attribute N name / value(s) column pairs, in file order. */
function attributeColumns(table: Table): Array<{ name: number; value: number }> {
  const pairs: Array<{ name: number; value: number }> = [];
  table.headers.forEach((header, index) => {
    const match = /^attribute(\d+)name$/.exec(normalizeHeader(header));
    if (!match) return;
    const value = table.headers.findIndex((other) => normalizeHeader(other) === `attribute${match[1]}values`);
    if (value !== -1) pairs.push({ name: index, value });
  });
  return pairs;
}

export function readWooCommerceListings(table: Table, options: ReadOptions): ReaderOutput {
  assertFormat(table, "woocommerce");
  const cols = mapColumns(table, columns);
  if (!cols.has("sku")) throwMissingColumn("SKU", "woocommerce");
  const attributes = attributeColumns(table);
  const listings: DownloadedListing[] = [];
  const issues: ReadIssue[] = [];
  const cell = (record: TableRecord, key: Key) => ({
    row: record.row,
    column: cols.header(key),
    raw: cols.get(record, key),
  });
  const skuById = new Map<string, string>();
  for (const record of table.records) {
    const id = cols.get(record, "id");
    const sku = cols.get(record, "sku");
    if (id !== "" && sku !== "") skuById.set(id, sku);
  }

  for (const record of table.records) {
    const { row } = record;
    const channelSku = cols.get(record, "sku");
    if (channelSku === "") {
      issues.push({ row, column: cols.header("sku"), reason: "no SKU", severity: "skipped" });
      continue;
    }
    const typeText = cols.get(record, "type");
    let shape = shapeOf(typeText);
    if (!shape) {
      issues.push({
        row,
        column: cols.header("type"),
        value: typeText,
        reason: "unknown product type; read as a single listing",
        severity: "error",
      });
      shape = { type: "single", sellable: true, kind: typeText || undefined };
    }
    let parentChannelSku: string | undefined;
    const parent = cols.get(record, "parent");
    if (shape.type === "variation" && parent !== "") {
      parentChannelSku = parent.startsWith("id:") ? skuById.get(parent.slice(3)) : parent;
      if (parentChannelSku === undefined) {
        issues.push(
          invalidValue(
            cell(record, "parent"),
            "the parent has no SKU in this file; the variation was read without its parent",
          ),
        );
      }
    }
    let values: Record<string, string> | undefined;
    if (shape.type === "variation") {
      values = {};
      for (const pair of attributes) {
        const name = (record.cells[pair.name] ?? "").trim();
        const value = (record.cells[pair.value] ?? "").trim();
        // An empty value means "any": the variation is sold for every value of that attribute.
        if (name !== "" && value !== "") values[name] = value;
      }
    }
    const published = cols.get(record, "published");
    const sale = cell(record, "salePrice");
    listings.push(
      compactListing({
        channelSku,
        ...shape,
        parentChannelSku,
        title: cols.get(record, "name"),
        category: firstCategory(cols.get(record, "categories")),
        barcode: readBarcode(cell(record, "gtin"), issues),
        externalId: cols.get(record, "id"),
        // The sale price is what a buyer pays now; the regular price when there is none.
        price: readPrice(sale.raw !== "" ? sale : cell(record, "regularPrice"), options.currency, issues),
        quantity: readQuantity(cell(record, "stock"), issues),
        status: published === "" ? undefined : published === "1" ? "active" : "inactive",
        options: values && Object.keys(values).length > 0 ? values : undefined,
        row,
      }),
    );
  }
  // Variations carry no categories of their own in the export: they are in their parent's.
  const categoryOf = new Map(listings.map((listing) => [listing.channelSku, listing.category]));
  for (const listing of listings) {
    if (listing.category === undefined && listing.parentChannelSku !== undefined) {
      const category = categoryOf.get(listing.parentChannelSku);
      if (category !== undefined) listing.category = category;
    }
  }
  return { listings, issues, skuColumn: cols.header("sku") };
}
