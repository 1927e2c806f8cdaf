// Reads of stock levels other areas build on: available-to-sell per variant (on hand minus
// reserved, summed over a set of locations) for a few variants or for a whole account, and the
// per-location rows an availability explanation shows.
import type { Db } from "../db/database.ts";

// Well below SQLite's and PostgreSQL's bound-parameter limits.
const chunkSize = 500;

export type StockLevel = { variantId: string; location: string; onHand: number; reserved: number };

function chunksOf<T>(values: T[]): T[][] {
  const unique = [...new Set(values)];
  const chunks: T[][] = [];
  for (let i = 0; i < unique.length; i += chunkSize) chunks.push(unique.slice(i, i + chunkSize));
  return chunks;
}

/**
 * Variant id -> sum over `locations` (all locations when absent or empty) of on hand - reserved.
 * Every requested variant is in the map; a variant without stock rows has 0.
 */
export async function getAvailableByVariant(
  db: Db,
  options: { accountId: string; variantIds: string[]; locations?: string[] | undefined },
): Promise<Map<string, number>> {
  const available = new Map<string, number>();
  for (const id of options.variantIds) available.set(id, 0);
  const locations = options.locations?.length ? options.locations : undefined;
  for (const chunk of chunksOf(options.variantIds)) {
    let query = db
      .selectFrom("stock_levels")
      .select(["variant_id", "on_hand", "reserved"])
      .where("account_id", "=", options.accountId)
      .where("variant_id", "in", chunk);
    if (locations) query = query.where("location", "in", locations);
    for (const row of await query.execute()) {
      available.set(row.variant_id, (available.get(row.variant_id) ?? 0) + row.on_hand - row.reserved);
    }
  }
  return available;
}

/**
 * Available per variant for every variant of the account that has stock in `locations` (all when
 * absent or empty), in one query: what a full channel recompute reads. Absent variants have 0.
 */
export async function getAvailableForAccount(
  db: Db,
  options: { accountId: string; locations?: string[] | undefined },
): Promise<Map<string, number>> {
  const available = new Map<string, number>();
  let query = db
    .selectFrom("stock_levels")
    .select(["variant_id", "on_hand", "reserved"])
    .where("account_id", "=", options.accountId);
  if (options.locations?.length) query = query.where("location", "in", options.locations);
  for (const row of await query.execute()) {
    available.set(row.variant_id, (available.get(row.variant_id) ?? 0) + row.on_hand - row.reserved);
  }
  return available;
}

/** The stock rows of these variants in `locations` (all when absent or empty), by variant then location. */
export async function getStockLevels(
  db: Db,
  options: { accountId: string; variantIds: string[]; locations?: string[] | undefined },
): Promise<StockLevel[]> {
  const levels: StockLevel[] = [];
  const locations = options.locations?.length ? options.locations : undefined;
  for (const chunk of chunksOf(options.variantIds)) {
    let query = db
      .selectFrom("stock_levels")
      .select(["variant_id", "location", "on_hand", "reserved"])
      .where("account_id", "=", options.accountId)
      .where("variant_id", "in", chunk);
    if (locations) query = query.where("location", "in", locations);
    for (const row of await query.execute()) {
      levels.push({
        variantId: row.variant_id,
        location: row.location,
        onHand: Number(row.on_hand),
        reserved: Number(row.reserved),
      });
    }
  }
  levels.sort((a, b) => compareText(a.variantId, b.variantId) || compareText(a.location, b.location));
  return levels;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
