// An in-memory index of one account's variants by every key a suggestion can use: exact SKU,
// loose SKU, GTIN-14 and title words. Built once per request from a streamed scan, so scoring a
// listing is a handful of map look-ups instead of a query per listing.
import { looseSkuKey, titleTokens } from "./match-keys.ts";

export type IndexedVariant = {
  id: string;
  sku: string;
  /** The variant's name, or its product's name when it has none. */
  name: string | null;
  barcode: string | null;
  gtin: string | null;
};

export type VariantIndex = {
  variants: IndexedVariant[];
  bySku: Map<string, number>;
  byLooseSku: Map<string, number[]>;
  byGtin: Map<string, number[]>;
  byBarcodeText: Map<string, number[]>;
  byToken: Map<string, number[]>;
  tokenCounts: number[];
};

export function createVariantIndex(): VariantIndex {
  return {
    variants: [],
    bySku: new Map(),
    byLooseSku: new Map(),
    byGtin: new Map(),
    byBarcodeText: new Map(),
    byToken: new Map(),
    tokenCounts: [],
  };
}

function push(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

export function addToVariantIndex(index: VariantIndex, variant: IndexedVariant): void {
  const position = index.variants.length;
  index.variants.push(variant);
  index.bySku.set(variant.sku, position);
  const loose = looseSkuKey(variant.sku);
  if (loose !== "") push(index.byLooseSku, loose, position);
  if (variant.gtin) push(index.byGtin, variant.gtin, position);
  if (variant.barcode) push(index.byBarcodeText, looseSkuKey(variant.barcode), position);
  const tokens = titleTokens(variant.name);
  for (const token of tokens) push(index.byToken, token, position);
  index.tokenCounts.push(tokens.length);
}

export function buildVariantIndex(variants: Iterable<IndexedVariant>): VariantIndex {
  const index = createVariantIndex();
  for (const variant of variants) addToVariantIndex(index, variant);
  return index;
}
