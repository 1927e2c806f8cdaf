// Amazon "All Listings" report (GET_MERCHANT_LISTINGS_ALL_DATA): tab-separated, one offer per
// row, every listing a single (the report has no parent/child structure). The ASIN is the
// listing's external id; product-id is a barcode only when product-id-type says UPC/EAN/ISBN.
import { assertFormat, throwMissingColumn } from "./detect-format.ts";
import { compactListing, invalidValue, readPrice, readQuantity } from "./parse-values.ts";
import { mapColumns, type Table } from "./table-parser.ts";
import type { DownloadedListing, ReaderOutput, ReadIssue, ReadOptions } from "./types.ts";

const columns = {
  sku: ["seller-sku", "sku"],
  title: ["item-name"],
  asin: ["asin1", "asin"],
  price: ["price"],
  quantity: ["quantity"],
  openDate: ["open-date"],
  productId: ["product-id"],
  productIdType: ["product-id-type"],
  status: ["status"],
  fulfillmentChannel: ["fulfillment-channel"],
} as const;

// product-id-type codes of the flat-file reports: 1 ASIN, 2 ISBN, 3 UPC, 4 EAN.
const barcodeTypes = new Set(["2", "3", "4", "isbn", "upc", "ean"]);

// Report dates carry a zone abbreviation of the marketplace ("MEST" on amazon.de).
const zoneOffsets: Record<string, string> = {
  UTC: "+00:00",
  GMT: "+00:00",
  WET: "+00:00",
  BST: "+01:00",
  WEST: "+01:00",
  MET: "+01:00",
  CET: "+01:00",
  MEST: "+02:00",
  CEST: "+02:00",
  EET: "+02:00",
  EEST: "+03:00",
  JST: "+09:00",
  PST: "-08:00",
  PDT: "-07:00",
  MST: "-07:00",
  MDT: "-06:00",
  CST: "-06:00",
  CDT: "-05:00",
  EST: "-05:00",
  EDT: "-04:00",
};

/**
 * "02/05/2020 05:18:00 MEST" (European marketplaces: day first) or "2020-05-02 05:18:00 PDT"
 * to ISO UTC; undefined when the text or its zone is not one of those.
 */
export function parseAmazonDate(raw: string): string | undefined {
  const european = /^(\d{2})[./](\d{2})[./](\d{4})\s+(\d{2}:\d{2}:\d{2})\s*([A-Z]+)?$/.exec(raw);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}:\d{2}:\d{2})\s*([A-Z]+)?$/.exec(raw);
  const match = european ?? iso;
  if (!match) return undefined;
  const [year, month, day] = european ? [match[3], match[2], match[1]] : [match[1], match[2], match[3]];
  const offset = zoneOffsets[match[5] ?? "UTC"];
  if (offset === undefined) return undefined;
  const date = new Date(`${year}-${month}-${day}T${match[4]}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function readAmazonListings(table: Table, options: ReadOptions): ReaderOutput {
  assertFormat(table, "amazon");
  const cols = mapColumns(table, columns);
  if (!cols.has("sku")) throwMissingColumn("seller-sku", "amazon");
  const listings: DownloadedListing[] = [];
  const issues: ReadIssue[] = [];
  for (const record of table.records) {
    const { row } = record;
    const cell = (key: keyof typeof columns) => ({
      row,
      column: cols.header(key),
      raw: cols.get(record, key),
    });
    const channelSku = cols.get(record, "sku");
    if (channelSku === "") {
      issues.push({ row, column: cols.header("sku"), reason: "no SKU", severity: "skipped" });
      continue;
    }
    const productId = cols.get(record, "productId");
    const productIdType = cols.get(record, "productIdType").toLowerCase();
    const openDate = cell("openDate");
    const updatedAt = openDate.raw === "" ? undefined : parseAmazonDate(openDate.raw);
    if (openDate.raw !== "" && updatedAt === undefined) {
      issues.push(invalidValue(openDate, "open-date is not a date this reader knows; it was left out"));
    }
    const status = cols.get(record, "status").toLowerCase();
    listings.push(
      compactListing({
        channelSku,
        type: "single",
        sellable: true,
        title: cols.get(record, "title"),
        externalId: cols.get(record, "asin") || (productIdType === "1" ? productId : undefined),
        barcode: barcodeTypes.has(productIdType) ? productId : undefined,
        price: readPrice(cell("price"), options.currency, issues),
        quantity: readQuantity(cell("quantity"), issues),
        status: status === "" ? undefined : status === "active" ? "active" : "inactive",
        updatedAt,
        fulfillmentChannel: cols.get(record, "fulfillmentChannel"),
        row,
      }),
    );
  }
  return { listings, issues, skuColumn: cols.header("sku") };
}
