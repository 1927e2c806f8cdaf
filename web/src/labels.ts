// The words the console shows for the API's codes (job kinds, platforms, origins, warnings, ...).
// Forms and filters still send the codes; only what a person reads changes. A code missing here
// (a newer server) is shown as it is rather than hidden.

export type Labels = Readonly<Record<string, string>>;

export const channelKindLabels: Labels = { sales: "Sales", fulfillment: "Fulfillment" };

export const platformLabels: Labels = {
  amazon: "Amazon",
  shopify: "Shopify",
  woocommerce: "WooCommerce",
  ebay: "eBay",
  etsy: "Etsy",
  magento: "Magento",
  generic: "Generic",
};

export const originLabels: Labels = {
  manual: "Manual",
  auto: "Automatic",
  import: "Import",
  custom: "Custom mapping sheet",
  download: "Listing download",
};

/** The badge's tooltip holds the mapping's own message (which variant, which other listing). */
export const warningLabels: Labels = {
  DUPLICATE_TARGET: "Shares a variant with another listing",
  ARCHIVED_VARIANT: "Archived variant",
  COMPONENT_UNAVAILABLE: "Component unavailable",
  MISSING_ON_CHANNEL: "Missing on the channel",
};

export const jobKindLabels: Labels = {
  product_download: "Product download",
  inventory_push: "Inventory push",
  product_push: "Product push",
};

/** Kinds of the history's operations, as the server records them (src/**: `kind: "..."`). */
export const operationKindLabels: Labels = {
  create: "Mapping created",
  remap: "Remap",
  "remap-family": "Family remap",
  delete: "Delete",
  "delete-many": "Delete selected",
  "delete-all": "Delete all",
  import: "Import",
  accept_suggestions: "Suggestions accepted",
  download_auto_map: "Listing download (auto-mapped)",
  custom_sheet: "Custom mapping sheet",
  create_from_listings: "Products created from listings",
  undo: "Undo",
  product_sync: "Product sync",
  "settings.master-product-source": "Master product source",
};

export function labelOf(labels: Labels, code: string): string {
  return labels[code] ?? code;
}

/** Select options: the code as the value, its label as the text, in the map's order. */
export function optionsOf(labels: Labels): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** "channelSku" -> "Channel sku": a readable header for a field no screen has named yet. */
export function humanise(key: string): string {
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
