// What a channel's own export file says about its listings, before anything is written: the
// readers in this folder turn each real format into these shapes, and the download use case
// upserts them as listings.

export type ChannelFileFormat = "amazon" | "shopify" | "woocommerce" | "magento" | "etsy" | "generic";

export type ListingType = "single" | "parent" | "variation" | "bundle";

export type DownloadedListing = {
  channelSku: string;
  sellerId?: string;
  type: ListingType;
  /** False for parents, grouped products and external (affiliate) products: never auto-mapped. */
  sellable: boolean;
  parentChannelSku?: string;
  title?: string;
  category?: string;
  /** As the file writes it (a Shopify apostrophe prefix removed); not validated as a GTIN here. */
  barcode?: string;
  /** The channel's own product id, e.g. the ASIN. */
  externalId?: string;
  quantity?: number;
  /** Integer minor units of the currency (cents). */
  price?: { amount: number; currency?: string };
  status?: "active" | "inactive";
  options?: Record<string, string>;
  components?: Array<{ channelSku: string; quantity: number }>;
  /** ISO 8601 date-time (UTC) when the file dates its rows. */
  updatedAt?: string;
  /** Amazon only: "DEFAULT" (merchant fulfilled) or the Amazon fulfilment network, e.g. "AMAZON_EU". */
  fulfillmentChannel?: string;
  /** Row number as a spreadsheet shows it: the header is row 1, the first data record row 2. */
  row: number;
  /** The format's own product type, e.g. "grouped", "external", "configurable". */
  kind?: string;
};

/**
 * "skipped": the row (or one SKU of it) gave no listing. "error": something is wrong that the
 * user should fix; the listing may still be there without the bad value (see `reason`).
 */
export type ReadIssue = {
  row: number;
  column?: string;
  value?: string;
  reason: string;
  severity: "skipped" | "error";
  /** DUPLICATE_CHANNEL_SKU: a repeat of an earlier row's SKU (an error when its data differs) */
  code?: "DUPLICATE_CHANNEL_SKU";
};

export type ReadResult = {
  format: ChannelFileFormat;
  listings: DownloadedListing[];
  issues: ReadIssue[];
  /** Data records in the file (blank records not counted). */
  rowsRead: number;
  /** the file's header of the SKU column (absent for listings that came without a file) */
  skuColumn?: string;
};

export type ReadOptions = {
  format: ChannelFileFormat;
  /** Generic format only: our field (camelCase, e.g. `channelSku`) -> the file's header. */
  columns?: Record<string, string>;
  /** Currency of prices when the file does not say (ISO 4217, e.g. "EUR"). */
  currency?: string;
};

/** What one format's reader produces from a parsed table; `readChannelFile` adds the rest. */
export type ReaderOutput = {
  listings: DownloadedListing[];
  issues: ReadIssue[];
  /** the file's header of the SKU column, named by issues about a SKU */
  skuColumn: string;
};
