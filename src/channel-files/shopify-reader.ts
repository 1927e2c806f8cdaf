// Shopify product export (and the import template, old and new layouts): rows grouped by
// Handle; the first row of a product carries its title, category and status, every row with
// variant data is one variant, and rows with only an image are not listings. A product whose
// one variant is "Default Title" is a single listing; otherwise the product is a parent listing
// named by its Handle (Shopify's own unique key for it) with one variation per variant.
import { assertFormat, throwMissingColumn } from "./detect-format.ts";
import { compactListing, readBarcode, readPrice, readQuantity } from "./parse-values.ts";
import { type Columns, mapColumns, type Table, type TableRecord } from "./table-parser.ts";
import type { DownloadedListing, ReaderOutput, ReadIssue, ReadOptions } from "./types.ts";

const columns = {
  handle: ["Handle"],
  title: ["Title"],
  productCategory: ["Product Category"],
  type: ["Type"],
  published: ["Published"],
  status: ["Status"],
  option1Name: ["Option1 Name"],
  option1Value: ["Option1 Value"],
  option2Name: ["Option2 Name"],
  option2Value: ["Option2 Value"],
  option3Name: ["Option3 Name"],
  option3Value: ["Option3 Value"],
  sku: ["Variant SKU"],
  quantity: ["Variant Inventory Qty"],
  price: ["Variant Price"],
  barcode: ["Variant Barcode"],
} as const;

type Key = keyof typeof columns;

const optionColumns = [
  ["option1Name", "option1Value"],
  ["option2Name", "option2Value"],
  ["option3Name", "option3Value"],
] as const;

const variantColumns: readonly Key[] = [
  "sku",
  "option1Value",
  "option2Value",
  "option3Value",
  "price",
  "barcode",
  "quantity",
];

type Product = { handle: string; productRow?: TableRecord; variants: TableRecord[] };

function statusOf(cols: Columns<Key>, record: TableRecord): DownloadedListing["status"] {
  const status = cols.get(record, "status").toLowerCase();
  if (status !== "") return status === "active" ? "active" : "inactive";
  const published = cols.get(record, "published").toLowerCase();
  if (published === "") return undefined;
  return published === "true" ? "active" : "inactive";
}

function isDefaultVariant(cols: Columns<Key>, record: TableRecord): boolean {
  const first = cols.get(record, "option1Value");
  return (
    (first === "" || first === "Default Title") &&
    cols.get(record, "option2Value") === "" &&
    cols.get(record, "option3Value") === ""
  );
}

function groupProducts(table: Table, cols: Columns<Key>, issues: ReadIssue[]): Product[] {
  const products = new Map<string, Product>();
  for (const record of table.records) {
    const handle = cols.get(record, "handle");
    if (handle === "") {
      issues.push({
        row: record.row,
        column: cols.header("handle"),
        reason: "no Handle",
        severity: "skipped",
      });
      continue;
    }
    let product = products.get(handle);
    if (!product) {
      product = { handle, variants: [] };
      products.set(handle, product);
    }
    if (product.productRow === undefined && cols.get(record, "title") !== "") product.productRow = record;
    if (variantColumns.some((key) => cols.get(record, key) !== "")) {
      product.variants.push(record);
    } else if (product.productRow !== record) {
      issues.push({ row: record.row, reason: "image-only row (no variant data)", severity: "skipped" });
    }
  }
  return [...products.values()];
}

export function readShopifyListings(table: Table, options: ReadOptions): ReaderOutput {
  assertFormat(table, "shopify");
  const cols = mapColumns(table, columns);
  if (!cols.has("sku")) throwMissingColumn("Variant SKU", "shopify");
  if (!cols.has("handle")) throwMissingColumn("Handle", "shopify");
  const listings: DownloadedListing[] = [];
  const issues: ReadIssue[] = [];
  const cell = (record: TableRecord, key: Key) => ({
    row: record.row,
    column: cols.header(key),
    raw: cols.get(record, key),
  });
  const variantFields = (record: TableRecord) => ({
    barcode: readBarcode(cell(record, "barcode"), issues),
    price: readPrice(cell(record, "price"), options.currency, issues),
    quantity: readQuantity(cell(record, "quantity"), issues),
  });

  for (const product of groupProducts(table, cols, issues)) {
    const head = product.productRow ?? product.variants[0];
    if (!head) continue;
    const title = cols.get(head, "title");
    const common = {
      title,
      category: cols.get(head, "productCategory") || cols.get(head, "type"),
      status: statusOf(cols, head),
    };
    const withSku = product.variants.filter((record) => {
      if (cols.get(record, "sku") !== "") return true;
      issues.push({ row: record.row, column: cols.header("sku"), reason: "no SKU", severity: "skipped" });
      return false;
    });
    const [only] = product.variants;
    if (product.variants.length === 1 && only && isDefaultVariant(cols, only)) {
      if (withSku.length === 1) {
        listings.push(
          compactListing({
            channelSku: cols.get(only, "sku"),
            type: "single",
            sellable: true,
            ...common,
            ...variantFields(only),
            row: only.row,
          }),
        );
      }
      continue;
    }
    // A parent with no variation we can name would be an empty shell: its rows are reported above.
    if (withSku.length === 0) continue;
    const names = optionColumns.map(([name], index) => cols.get(head, name) || `Option${index + 1}`);
    listings.push(
      compactListing({
        channelSku: product.handle,
        type: "parent",
        sellable: false,
        ...common,
        row: head.row,
      }),
    );
    for (const record of withSku) {
      const options: Record<string, string> = {};
      optionColumns.forEach(([, value], index) => {
        const text = cols.get(record, value);
        if (text !== "") options[names[index]!] = text;
      });
      const values = Object.values(options);
      listings.push(
        compactListing({
          channelSku: cols.get(record, "sku"),
          type: "variation",
          sellable: true,
          parentChannelSku: product.handle,
          ...common,
          title: values.length > 0 ? `${title} - ${values.join(" / ")}` : title,
          options,
          ...variantFields(record),
          row: record.row,
        }),
      );
    }
  }
  return { listings, issues, skuColumn: cols.header("sku") };
}
