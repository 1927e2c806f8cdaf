// Recognises which export a file is from its headers, so a file uploaded under the wrong format
// is refused with a message naming what it looks like instead of being read as garbage.
import { AppError } from "../shared/errors.ts";
import { normalizeHeader, type Table } from "./table-parser.ts";
import type { ChannelFileFormat } from "./types.ts";

type KnownFormat = Exclude<ChannelFileFormat, "generic">;

export const formatNames: Record<ChannelFileFormat, string> = {
  amazon: "an Amazon All Listings report",
  shopify: "a Shopify product export",
  woocommerce: "a WooCommerce product export",
  magento: "a Magento product export",
  etsy: "an Etsy listings download",
  generic: "a generic listing file",
};

// Headers typical of each format (normalised); words shared by several formats ("sku", "type",
// "title", "price") are left out so the markers tell the formats apart.
const markers: Record<KnownFormat, readonly string[]> = {
  amazon: [
    "sellersku",
    "itemname",
    "listingid",
    "asin1",
    "productidtype",
    "opendate",
    "fulfillmentchannel",
    "itemcondition",
  ],
  shopify: [
    "handle",
    "bodyhtml",
    "variantsku",
    "variantprice",
    "option1name",
    "option1value",
    "variantinventoryqty",
    "variantbarcode",
  ],
  woocommerce: [
    "regularprice",
    "saleprice",
    "groupedproducts",
    "attribute1name",
    "attribute1values",
    "instock",
    "backordersallowed",
    "visibilityincatalog",
  ],
  magento: [
    "producttype",
    "attributesetcode",
    "storeviewcode",
    "productwebsites",
    "productonline",
    "configurablevariations",
    "additionalattributes",
    "bundlevalues",
  ],
  etsy: [
    "currencycode",
    "variation1type",
    "variation1name",
    "variation1values",
    "tipovariante1",
    "nomevariante1",
    "valorivariante1",
    "image1",
    "immagine1",
    "materials",
    "materiali",
  ],
};

const enough = 3;

function scoreOf(headers: Set<string>, format: KnownFormat): number {
  return markers[format].filter((marker) => headers.has(marker)).length;
}

/** The format whose typical headers the file has most of, if it has enough of any. */
export function detectFormat(table: Table): KnownFormat | undefined {
  const headers = new Set(table.headers.map(normalizeHeader));
  let best: { format: KnownFormat; score: number } | undefined;
  for (const format of Object.keys(markers) as KnownFormat[]) {
    const score = scoreOf(headers, format);
    if (score >= enough && (best === undefined || score > best.score)) best = { format, score };
  }
  return best?.format;
}

/** Throws FILE_FORMAT_MISMATCH unless the headers fit the declared format (generic fits all). */
export function assertFormat(table: Table, expected: ChannelFileFormat): void {
  if (expected === "generic") return;
  const headers = new Set(table.headers.map(normalizeHeader));
  if (scoreOf(headers, expected) >= enough) return;
  const detected = detectFormat(table);
  const message = detected
    ? `The file looks like ${formatNames[detected]}, not ${formatNames[expected]}.`
    : `The file does not look like ${formatNames[expected]}: its headers are not the ones that export has.`;
  throw new AppError("FILE_FORMAT_MISMATCH", message, detected ? { expected, detected } : { expected });
}

/** Throws MISSING_COLUMN naming the column a report cannot be read without. */
export function throwMissingColumn(column: string, format: ChannelFileFormat): never {
  throw new AppError(
    "MISSING_COLUMN",
    `The file has no "${column}" column; ${formatNames[format]} needs it to name each listing.`,
    { column },
  );
}
