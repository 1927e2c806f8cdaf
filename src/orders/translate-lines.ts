// Order-line translation: channel SKUs of an order -> internal lines (bundles expanded,
// quantities multiplied) and totals per internal SKU. Pure over a mapping index, so it is as
// fast as the map lookups it is made of; the caller fetches a current index first.
import { type IndexedComponent, indexKey, type MappingIndex } from "../mappings/mapping-index.ts";

export const maxLinesPerCall = 10_000;

export type OrderLine = {
  channelSku: string;
  sellerId?: string | undefined;
  quantity: number;
  ref?: string | undefined;
};

export type LineStatus = "mapped" | "unmapped" | "parent_not_sellable";

export type InternalLine = { sku: string; variantId: string; quantity: number };

export type TranslatedLine = {
  ref: string | null;
  channelSku: string;
  sellerId: string;
  quantity: number;
  status: LineStatus;
  internal: InternalLine[];
};

export type SkuTotal = { sku: string; quantity: number };

export type Translation = { lines: TranslatedLine[]; totals: SkuTotal[] };

const none: InternalLine[] = [];

function expand(components: IndexedComponent[], quantity: number): InternalLine[] {
  const internal: InternalLine[] = new Array(components.length);
  for (let i = 0; i < components.length; i++) {
    const c = components[i] as IndexedComponent;
    internal[i] = { sku: c.sku, variantId: c.variantId, quantity: c.quantity * quantity };
  }
  return internal;
}

/** Running totals: sku -> the (mutable) total, so adding is one map lookup. */
export type TotalsBySku = Map<string, SkuTotal>;

export function addTotal(totals: TotalsBySku, sku: string, quantity: number): void {
  const total = totals.get(sku);
  if (total === undefined) totals.set(sku, { sku, quantity });
  else total.quantity += quantity;
}

/** Translates lines and adds their internal quantities to `totals`. */
export function translateLinesInto(
  index: MappingIndex,
  lines: readonly OrderLine[],
  totals: TotalsBySku,
): TranslatedLine[] {
  const out: TranslatedLine[] = new Array(lines.length);
  const entries = index.entries;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as OrderLine;
    const sellerId = line.sellerId ?? index.sellerId;
    const entry = entries.get(indexKey(sellerId, line.channelSku));
    let status: LineStatus = "unmapped";
    let internal = none;
    if (entry !== undefined) {
      status = entry.status;
      if (status === "mapped") {
        internal = expand(entry.components, line.quantity);
        for (const item of internal) addTotal(totals, item.sku, item.quantity);
      }
    }
    out[i] = {
      ref: line.ref ?? null,
      channelSku: line.channelSku,
      sellerId,
      quantity: line.quantity,
      status,
      internal,
    };
  }
  return out;
}

export function toTotals(totals: TotalsBySku): SkuTotal[] {
  return [...totals.values()];
}

/** One order: its translated lines and the totals per internal SKU, in order of first use. */
export function translateLines(index: MappingIndex, lines: readonly OrderLine[]): Translation {
  const totals: TotalsBySku = new Map();
  const translated = translateLinesInto(index, lines, totals);
  return { lines: translated, totals: toTotals(totals) };
}
