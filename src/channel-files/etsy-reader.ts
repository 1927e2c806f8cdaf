// Etsy "Download data" listings export (English or localised headers): one row per listing. Its
// SKU cell holds every variant's SKU as a comma list, and VARIATION n VALUES the option values.
//
// A row with one SKU is a single listing. A row with several is a parent plus one variation per
// SKU. The export carries no listing id, and Etsy gives the listing itself no SKU, so the parent
// is named "parent:" + the row's first SKU: stable as long as the shop keeps its SKUs, never
// equal to a real SKU, and easy to recognise. (When a listing id column is present, it names the
// parent instead.) Variations get option values only when the SKU count equals the number of
// value combinations; Etsy lists them with variation 1 varying slowest, which is the order used.
// The export has one price and one total quantity per listing: they stay on the parent.
import { assertFormat, throwMissingColumn } from "./detect-format.ts";
import { compactListing, readPrice, readQuantity } from "./parse-values.ts";
import { mapColumns, type Table, type TableRecord } from "./table-parser.ts";
import type { DownloadedListing, ReaderOutput, ReadIssue, ReadOptions } from "./types.ts";

const columns = {
  listingId: ["LISTING_ID", "LISTING ID"],
  title: ["TITLE", "TITOLO"],
  price: ["PRICE", "PREZZO"],
  currency: ["CURRENCY_CODE"],
  quantity: ["QUANTITY", "QUANTITÀ"],
  sku: ["SKU"],
  variation1Name: ["VARIATION 1 NAME", "NOME VARIANTE 1"],
  variation1Values: ["VARIATION 1 VALUES", "VALORI VARIANTE 1"],
  variation2Name: ["VARIATION 2 NAME", "NOME VARIANTE 2"],
  variation2Values: ["VARIATION 2 VALUES", "VALORI VARIANTE 2"],
} as const;

type Key = keyof typeof columns;

function splitList(text: string): string[] {
  return text === "" ? [] : text.split(",").map((part) => part.trim());
}

/** Option values for each SKU position, or undefined when the counts do not line up. */
function optionsBySku(
  skuCount: number,
  variations: Array<{ name: string; values: string[] }>,
): Array<Record<string, string>> | undefined {
  const used = variations.filter((variation) => variation.name !== "" && variation.values.length > 0);
  if (used.length === 0) return undefined;
  const combinations = used.reduce((product, variation) => product * variation.values.length, 1);
  if (combinations !== skuCount) return undefined;
  return Array.from({ length: skuCount }, (_, index) => {
    const options: Record<string, string> = {};
    let rest = index;
    for (let level = used.length - 1; level >= 0; level -= 1) {
      const variation = used[level]!;
      options[variation.name] = variation.values[rest % variation.values.length]!;
      rest = Math.floor(rest / variation.values.length);
    }
    return Object.fromEntries(used.map((variation) => [variation.name, options[variation.name]!]));
  });
}

export function readEtsyListings(table: Table, options: ReadOptions): ReaderOutput {
  assertFormat(table, "etsy");
  const cols = mapColumns(table, columns);
  if (!cols.has("sku")) throwMissingColumn("SKU", "etsy");
  const listings: DownloadedListing[] = [];
  const issues: ReadIssue[] = [];
  const cell = (record: TableRecord, key: Key) => ({
    row: record.row,
    column: cols.header(key),
    raw: cols.get(record, key),
  });

  for (const record of table.records) {
    const { row } = record;
    const skus = splitList(cols.get(record, "sku"));
    if (skus.every((sku) => sku === "")) {
      issues.push({ row, column: cols.header("sku"), reason: "no SKU", severity: "skipped" });
      continue;
    }
    const title = cols.get(record, "title");
    const currency = cols.get(record, "currency") || options.currency;
    const price = readPrice(cell(record, "price"), currency, issues);
    const quantity = readQuantity(cell(record, "quantity"), issues);
    if (skus.length === 1) {
      listings.push(
        compactListing({ channelSku: skus[0]!, type: "single", sellable: true, title, price, quantity, row }),
      );
      continue;
    }
    const parentChannelSku = cols.get(record, "listingId") || `parent:${skus.find((sku) => sku !== "")}`;
    listings.push(
      compactListing({
        channelSku: parentChannelSku,
        type: "parent",
        sellable: false,
        title,
        price,
        quantity,
        row,
      }),
    );
    const optionSets = optionsBySku(skus.length, [
      { name: cols.get(record, "variation1Name"), values: splitList(cols.get(record, "variation1Values")) },
      { name: cols.get(record, "variation2Name"), values: splitList(cols.get(record, "variation2Values")) },
    ]);
    skus.forEach((channelSku, index) => {
      if (channelSku === "") {
        issues.push({
          row,
          column: cols.header("sku"),
          reason: `no SKU for variant ${index + 1} of the listing`,
          severity: "skipped",
        });
        return;
      }
      const optionValues = optionSets?.[index];
      listings.push(
        compactListing({
          channelSku,
          type: "variation",
          sellable: true,
          parentChannelSku,
          title: optionValues ? `${title} - ${Object.values(optionValues).join(" / ")}` : title,
          options: optionValues,
          row,
        }),
      );
    });
  }
  return { listings, issues, skuColumn: cols.header("sku") };
}
