// The read model of a channel's mappings that order translation and availability use: an
// in-memory map from (seller id, channel SKU) to the listing and its components, plus parent
// listings (never sellable). It is cached per process and checked against the channel's mapping
// version on every use, so a change committed by any process is never answered stale. A cached
// index a few versions behind is brought forward by reloading only the listings those versions
// changed (the channel's change log); otherwise, or after a large change, it is rebuilt.

import { getMappingVersion, readMappingChanges } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { buildMappingIndex, patchMappingIndex } from "./mapping-index-build.ts";

export { buildMappingIndex, indexKey } from "./mapping-index-build.ts";

/**
 * One per variant per index, shared by every component naming it: translation adds each call's
 * quantities here (marked with the call's number) instead of looking SKUs up in a totals map.
 */
export type VariantSlot = { variantId: string; sku: string; sum: number; mark: number };

export type IndexedComponent = { variantId: string; sku: string; quantity: number; slot?: VariantSlot };

export type IndexEntry = {
  listingId: string;
  channelSku: string;
  sellerId: string;
  type: string;
  status: "mapped" | "parent_not_sellable";
  components: IndexedComponent[];
};

/**
 * Use it synchronously once getMappingIndex answers: a later call may bring the same object
 * forward (its maps get new entries; an entry itself is never altered).
 */
export type MappingIndex = {
  accountId: string;
  channelId: string;
  version: number;
  /** The channel's seller id, used when a line names none. */
  sellerId: string;
  /** `${sellerId}\u0000${channelSku}` -> entry. */
  entries: Map<string, IndexEntry>;
  byListing: Map<string, IndexEntry>;
  /** variant id -> its slot */
  slots: Map<string, VariantSlot>;
};

const cache = new Map<string, MappingIndex>();
/** The refresh under way per channel: one at a time, as a patch updates the cached index in place. */
const refreshing = new Map<string, Promise<unknown>>();

/**
 * The channel's index at its current mapping version: one indexed read of the version, and only
 * when it changed a refresh (the changed listings reloaded, or a rebuild). The version is read
 * before the rows, so an index read during a concurrent commit carries the older version and is
 * brought forward again on the next call.
 */
export async function getMappingIndex(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<MappingIndex> {
  const { accountId, channelId } = options;
  const version = await getMappingVersion(db, accountId, channelId);
  if (version === undefined) {
    throw new AppError("CHANNEL_NOT_FOUND", "Channel not found in this account.", {
      field: "channelId",
      value: channelId,
    });
  }
  // Inside a transaction the rows may be uncommitted (and the version with them): build a private
  // index and never share it, or a rolled-back change could later be served under its version.
  if (db.isTransaction) return buildMappingIndex(db, { accountId, channelId, version });
  const key = `${accountId}\u0000${channelId}`;
  for (;;) {
    const cached = cache.get(key);
    if (cached && cached.version >= version) return cached;
    const pending = refreshing.get(key);
    if (!pending) break;
    await pending.catch(() => undefined);
  }
  const promise = refreshIndex(db, cache.get(key), { accountId, channelId, version });
  refreshing.set(key, promise);
  try {
    const index = await promise;
    cache.set(key, index);
    return index;
  } finally {
    refreshing.delete(key);
  }
}

/** The cached index brought forward when the change log names what changed since; else a new build. */
async function refreshIndex(
  db: Db,
  cached: MappingIndex | undefined,
  target: { accountId: string; channelId: string; version: number },
): Promise<MappingIndex> {
  if (cached) {
    const changed = await readMappingChanges(db, { ...target, after: cached.version, upTo: target.version });
    if (changed) {
      await patchMappingIndex(db, cached, { changed, version: target.version });
      return cached;
    }
  }
  return buildMappingIndex(db, target);
}

/**
 * Components of the given listings, read straight from the tables (no cache); unmapped are
 * absent. Two indexed steps (mappings by listing id, then components with their variant SKU by
 * mapping id) so the planner never scans the channel.
 */
export async function loadListingComponents(
  db: Db,
  options: { accountId: string; channelId: string; listingIds: string[] },
): Promise<Map<string, IndexedComponent[]>> {
  const listingOf = new Map<string, string>();
  const ids = [...new Set(options.listingIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("mappings")
      .select(["id", "listing_id", "channel_id"])
      .where("account_id", "=", options.accountId)
      .where("listing_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.channel_id === options.channelId) listingOf.set(row.id, row.listing_id);
  }
  const found = new Map<string, IndexedComponent[]>();
  const mappingIds = [...listingOf.keys()];
  for (let i = 0; i < mappingIds.length; i += 500) {
    const rows = await db
      .selectFrom("mapping_components as c")
      .innerJoin("variants as v", (join) =>
        join.onRef("v.account_id", "=", "c.account_id").onRef("v.id", "=", "c.variant_id"),
      )
      .select(["c.mapping_id", "c.variant_id", "c.quantity", "v.sku"])
      .where("c.account_id", "=", options.accountId)
      .where("c.mapping_id", "in", mappingIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const listingId = listingOf.get(row.mapping_id) ?? "";
      const list = found.get(listingId) ?? [];
      list.push({ variantId: row.variant_id, sku: row.sku, quantity: Number(row.quantity) });
      found.set(listingId, list);
    }
  }
  for (const list of found.values()) list.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return found;
}

/**
 * Ids of the channel's mapped listings that have any of these variants as a component. Two
 * indexed steps (components by variant, then their mappings by id) so no planner can choose to
 * scan the whole channel instead.
 */
export async function findListingIdsUsingVariants(
  db: Db,
  options: { accountId: string; channelId: string; variantIds: string[] },
): Promise<string[]> {
  const mappingIds = new Set<string>();
  const ids = [...new Set(options.variantIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("mapping_components")
      // Selecting quantity keeps SQLite from preferring a scan of the covering primary key.
      .select(["mapping_id", "quantity"])
      .where("account_id", "=", options.accountId)
      .where("variant_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) mappingIds.add(row.mapping_id);
  }
  const found: string[] = [];
  const list = [...mappingIds];
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .selectFrom("mappings")
      .select(["listing_id", "channel_id"])
      .where("account_id", "=", options.accountId)
      .where("id", "in", list.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.channel_id === options.channelId) found.push(row.listing_id);
  }
  return found;
}
