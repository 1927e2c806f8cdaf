// The translate use cases: check the line cap, fetch the channel's current mapping index (one
// version read; rebuilt only when a change was committed) and translate one order or many.
import type { Db } from "../db/database.ts";
import { getMappingIndex } from "../mappings/mapping-index.ts";
import { AppError } from "../shared/errors.ts";
import {
  addTotal,
  maxLinesPerCall,
  type OrderLine,
  type SkuTotal,
  type TotalsBySku,
  type TranslatedLine,
  type Translation,
  toTotals,
  translateLines,
} from "./translate-lines.ts";

export type OrderInput = { ref?: string | undefined; lines: OrderLine[] };

export type TranslatedOrder = { ref: string | null; lines: TranslatedLine[]; totals: SkuTotal[] };

/** TOO_MANY_LINES when a call carries more than the cap, before any work is done. */
export function checkLineCount(count: number, field = "lines"): void {
  if (count > maxLinesPerCall) {
    throw new AppError(
      "TOO_MANY_LINES",
      `${field}: ${count} lines in one call; the limit is ${maxLinesPerCall} lines per translate call. Split the order lines into several calls.`,
      { field, value: count, limit: maxLinesPerCall },
    );
  }
}

export async function translateOrder(
  db: Db,
  options: { accountId: string; channelId: string; lines: OrderLine[] },
): Promise<Translation> {
  checkLineCount(options.lines.length);
  const index = await getMappingIndex(db, options);
  return translateLines(index, options.lines);
}

/** Many orders against one index: per-order results and totals over every order. */
export async function translateOrders(
  db: Db,
  options: { accountId: string; channelId: string; orders: OrderInput[] },
): Promise<{ orders: TranslatedOrder[]; totals: SkuTotal[] }> {
  let count = 0;
  for (const order of options.orders) count += order.lines.length;
  checkLineCount(count, "orders.lines");
  const index = await getMappingIndex(db, options);
  const overall: TotalsBySku = new Map();
  const orders = options.orders.map((order) => {
    const { lines, totals } = translateLines(index, order.lines);
    for (const total of totals) addTotal(overall, total.sku, total.quantity);
    return { ref: order.ref ?? null, lines, totals };
  });
  return { orders, totals: toTotals(overall) };
}
