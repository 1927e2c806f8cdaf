// Order-line translation: channel SKUs of an order -> internal lines (bundles expanded,
// quantities multiplied) and totals per internal SKU. Pure over a mapping index, so it is as
// fast as the map lookups it is made of; the caller fetches a current index first.
import {
  type IndexedComponent,
  indexKey,
  type MappingIndex,
  type VariantSlot,
} from "../mappings/mapping-index.ts";

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

// Each call marks the variant slots it adds to with its own number. Translation is synchronous,
// so no other call can touch the slots between the first add and the read-out.
let lastCall = 0;

/** Running totals across calls (batches, chunked files): sku -> the (mutable) total. */
export type TotalsBySku = Map<string, SkuTotal>;

export function addTotal(totals: TotalsBySku, sku: string, quantity: number): void {
  const total = totals.get(sku);
  if (total === undefined) totals.set(sku, { sku, quantity });
  else total.quantity += quantity;
}

export function toTotals(totals: TotalsBySku): SkuTotal[] {
  return [...totals.values()];
}

/** One order: its translated lines and the totals per internal SKU, in order of first use. */
export function translateLines(index: MappingIndex, lines: readonly OrderLine[]): Translation {
  const call = ++lastCall;
  const touched: VariantSlot[] = [];
  // Components read from tables rather than an index carry no slot; they are totalled by SKU.
  const bySku: TotalsBySku = new Map();
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
        const components = entry.components;
        const quantity = line.quantity;
        internal = new Array(components.length);
        for (let k = 0; k < components.length; k++) {
          const c = components[k] as IndexedComponent;
          const amount = c.quantity * quantity;
          internal[k] = { sku: c.sku, variantId: c.variantId, quantity: amount };
          const slot = c.slot;
          if (slot === undefined) {
            addTotal(bySku, c.sku, amount);
          } else if (slot.mark === call) {
            slot.sum += amount;
          } else {
            slot.mark = call;
            slot.sum = amount;
            touched.push(slot);
          }
        }
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
  const totals: SkuTotal[] = new Array(touched.length);
  for (let k = 0; k < touched.length; k++) {
    const slot = touched[k] as VariantSlot;
    totals[k] = { sku: slot.sku, quantity: slot.sum };
  }
  for (const total of bySku.values()) totals.push(total);
  return { lines: out, totals };
}
