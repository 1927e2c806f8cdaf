// A sales channel's own product export (WooCommerce, Shopify) read as a catalog file: the channel
// readers give listings; a parent and its variations become one product (product_key = the
// parent's SKU), a sellable single becomes a one-variant product. Parents themselves, grouped and
// external products give no variant. Values the export does not carry (cost, archived) are kept.
import { readFile } from "node:fs/promises";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import type { DownloadedListing } from "../channel-files/types.ts";
import { AppError } from "../shared/errors.ts";
import { type CatalogRow, checkBarcode, type StagedCatalogRow } from "./catalog-file.ts";
import { checkSkuCell } from "./cell-text.ts";
import type { RowError } from "./import-store.ts";

export type CatalogSource = "file" | "woocommerce" | "shopify";

function rowOf(
  listing: DownloadedListing,
  product: { key: string; name: string },
  currency: string | undefined,
  fail: (column: string, value: string, reason: string) => void,
): CatalogRow {
  let barcode: string | undefined;
  if (listing.barcode) {
    const checked = checkBarcode(listing.barcode);
    if ("reason" in checked) fail("barcode", listing.barcode, checked.reason);
    else barcode = checked.barcode;
  }
  const priceCurrency = listing.price?.currency ?? currency;
  const title = listing.title?.trim();
  return {
    row: listing.row,
    sku: listing.channelSku,
    productKey: product.key,
    productName: product.name,
    variantName: title && title !== product.name ? title : undefined,
    barcode,
    cost: undefined,
    price:
      listing.price && priceCurrency ? { amount: listing.price.amount, currency: priceCurrency } : undefined,
    archived: undefined,
    options: { ...(listing.options ?? {}) },
  };
}

/** The export's sellable variants as catalog rows, and its rows rejected by the channel reader. */
export async function readCatalogFromChannelFile(options: {
  path: string;
  source: "woocommerce" | "shopify";
  /** currency of prices when the export does not say; without one, prices are left as they are */
  currency?: string;
  onRow?: ((rowsRead: number) => void) | undefined;
}): Promise<{ rows: StagedCatalogRow[]; totalRows: number }> {
  const read = await readChannelFile(await readFile(options.path), {
    format: options.source,
    ...(options.currency ? { currency: options.currency } : {}),
  });
  const rowErrors = new Map<number, RowError>();
  for (const issue of read.issues) {
    if (issue.severity !== "error" || rowErrors.has(issue.row)) continue;
    rowErrors.set(issue.row, {
      row: issue.row,
      column: issue.column ?? "",
      value: issue.value ?? "",
      // a listing download keeps the row without the value; an import rejects the row
      reason: issue.reason.replace(/; the \w+ was left out$/, ""),
    });
  }
  const parents = new Map<string, DownloadedListing>();
  for (const listing of read.listings)
    if (listing.type === "parent") parents.set(listing.channelSku, listing);
  const rows: StagedCatalogRow[] = [];
  for (const listing of read.listings) {
    if (!listing.sellable || (listing.type !== "single" && listing.type !== "variation")) continue;
    const fail = (column: string, value: string, reason: string) => {
      if (!rowErrors.has(listing.row))
        rowErrors.set(listing.row, { row: listing.row, column, value, reason });
    };
    const problem = checkSkuCell(listing.channelSku);
    if (problem) fail("sku", listing.channelSku, problem);
    const parent = listing.parentChannelSku ? parents.get(listing.parentChannelSku) : undefined;
    const product =
      listing.type === "variation" && listing.parentChannelSku
        ? {
            key: listing.parentChannelSku,
            name: parent?.title?.trim() || listing.title?.trim() || listing.parentChannelSku,
          }
        : { key: "", name: listing.title?.trim() || listing.channelSku };
    const catalogRow = rowOf(listing, product, options.currency, fail);
    rows.push({ row: listing.row, catalogRow, error: null });
  }
  options.onRow?.(read.rowsRead);
  if (rows.length === 0) {
    throw new AppError(
      "INVALID_FILE",
      `None of the file's ${read.rowsRead} rows is a sellable product or variation with a SKU, so there is nothing to import (products without a SKU cannot be).`,
      { field: "file", rowsRead: read.rowsRead },
    );
  }
  // the file's rows, as every import counts them (a Shopify image row gives no variant)
  const totalRows = read.rowsRead;
  const listed = new Set(rows.map((r) => r.row));
  for (const staged of rows) staged.error = rowErrors.get(staged.row) ?? null;
  // the reader's rejected rows that give no variant (a parent, say) are reported too
  for (const [row, error] of rowErrors) if (!listed.has(row)) rows.push({ row, catalogRow: null, error });
  return { rows, totalRows };
}
