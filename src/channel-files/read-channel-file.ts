// Entry point of listing download from files: parses the bytes once, lets the declared format's
// reader turn records into listings, then enforces what holds for every format: one listing per
// (seller id, channel SKU). Nothing here touches the database.
import { readAmazonListings } from "./amazon-reader.ts";
import { contentHash } from "./content-hash.ts";
import { readEtsyListings } from "./etsy-reader.ts";
import { readGenericListings } from "./generic-reader.ts";
import { readMagentoListings } from "./magento-reader.ts";
import { readShopifyListings } from "./shopify-reader.ts";
import { parseTable, type Table } from "./table-parser.ts";
import type {
  ChannelFileFormat,
  DownloadedListing,
  ReaderOutput,
  ReadIssue,
  ReadOptions,
  ReadResult,
} from "./types.ts";
import { readWooCommerceListings } from "./woocommerce-reader.ts";

const readers: Record<ChannelFileFormat, (table: Table, options: ReadOptions) => ReaderOutput> = {
  amazon: readAmazonListings,
  shopify: readShopifyListings,
  woocommerce: readWooCommerceListings,
  magento: readMagentoListings,
  etsy: readEtsyListings,
  generic: readGenericListings,
};

/**
 * Keeps the first listing of each (seller id, channel SKU). A repeat with the same data is
 * skipped; a repeat with different data is an error naming both rows, because the file
 * contradicts itself and the user has to say which row is right.
 */
function dropDuplicateListings(listings: DownloadedListing[], skuColumn: string): ReaderOutput {
  const firstByKey = new Map<string, { listing: DownloadedListing; hash: string }>();
  const kept: DownloadedListing[] = [];
  const issues: ReadIssue[] = [];
  for (const listing of listings) {
    const key = `${listing.sellerId ?? ""}\u0000${listing.channelSku}`;
    const hash = contentHash(listing);
    const first = firstByKey.get(key);
    if (!first) {
      firstByKey.set(key, { listing, hash });
      kept.push(listing);
      continue;
    }
    const same = first.hash === hash;
    issues.push({
      row: listing.row,
      column: skuColumn,
      value: listing.channelSku,
      reason: same
        ? `repeats row ${first.listing.row} (same SKU, same data); the repeat was skipped`
        : `SKU "${listing.channelSku}" is also on row ${first.listing.row} with different data; row ${first.listing.row} was kept and row ${listing.row} left out`,
      severity: same ? "skipped" : "error",
      code: "DUPLICATE_CHANNEL_SKU",
    });
  }
  return { listings: kept, issues, skuColumn };
}

export async function readChannelFile(input: Buffer, options: ReadOptions): Promise<ReadResult> {
  // Amazon's reports are tab-separated without quoting; every other export quotes as CSV does.
  const table = parseTable(input, { quoted: options.format !== "amazon" });
  const read = readers[options.format](table, options);
  const unique = dropDuplicateListings(read.listings, read.skuColumn);
  const issues = [...read.issues, ...unique.issues].sort((a, b) => a.row - b.row);
  return {
    format: options.format,
    listings: unique.listings,
    issues,
    rowsRead: table.records.length,
    skuColumn: read.skuColumn,
  };
}
