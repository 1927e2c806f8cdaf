// The read model of a channel's mappings that order translation and availability use: an
// in-memory map from (seller id, channel SKU) to the listing and its components, plus parent
// listings (never sellable). It is cached per process and checked against the channel's mapping
// version on every use, so a change committed by any process is never answered stale.

import { getMappingVersion } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import { type Db, readRawSqlite } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";

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

export type MappingIndex = {
  accountId: string;
  channelId: string;
  version: number;
  /** The channel's seller id, used when a line names none. */
  sellerId: string;
  /** `${sellerId}\u0000${channelSku}` -> entry. */
  entries: Map<string, IndexEntry>;
  byListing: Map<string, IndexEntry>;
};

export function indexKey(sellerId: string, channelSku: string): string {
  return `${sellerId}\u0000${channelSku}`;
}

const cache = new Map<string, MappingIndex>();
const building = new Map<string, { version: number; promise: Promise<MappingIndex> }>();

/**
 * The channel's index at its current mapping version: one indexed read of the version, and a
 * rebuild (one join query) only when it changed. The version is read before the rows, so an index
 * built during a concurrent commit carries the older version and is rebuilt on the next call.
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
  const cached = cache.get(key);
  if (cached && cached.version === version) return cached;
  const pending = building.get(key);
  if (pending && pending.version === version) return pending.promise;
  const promise = buildMappingIndex(db, { accountId, channelId, version });
  building.set(key, { version, promise });
  try {
    const index = await promise;
    const current = cache.get(key);
    if (!current || current.version <= index.version) cache.set(key, index);
    return index;
  } finally {
    if (building.get(key)?.promise === promise) building.delete(key);
  }
}

// The same rows as the Kysely query in buildMappingIndex, for streaming on SQLite.
const sqliteIndexRows = `select l.id, l.channel_sku, l.seller_id, l.type, c.variant_id, c.quantity from listings l
  left join mappings m on m.account_id = l.account_id and m.listing_id = l.id
  left join mapping_components c on c.account_id = m.account_id and c.mapping_id = m.id
  where l.account_id = @accountId and l.channel_id = @channelId and (m.id is not null or l.type = 'parent')`;
type SqliteIndexRow = [string, string, string, string, string | null, number | null];

type IndexRow = {
  listing_id: string;
  channel_sku: string;
  seller_id: string;
  type: string;
  variant_id: string | null;
  quantity: number | null;
};

/**
 * Builds the index from two bulk reads: one join over the channel's listings, mappings and
 * components, and the account's variant SKUs (a join per component row to variants would double
 * the cost of the first).
 */
export async function buildMappingIndex(
  db: Db,
  options: { accountId: string; channelId: string; version: number },
): Promise<MappingIndex> {
  const { accountId, channelId } = options;
  const channel = await getChannel(db, accountId, channelId);
  const slotOf = new Map<string, VariantSlot>();
  const addVariant = (id: string, sku: string) => {
    slotOf.set(id, { variantId: id, sku, sum: 0, mark: 0 });
  };
  const entries = new Map<string, IndexEntry>();
  const byListing = new Map<string, IndexEntry>();
  const addRow = (
    listingId: string,
    channelSku: string,
    sellerId: string,
    type: string,
    variantId: string | null,
    quantity: number | null,
  ) => {
    let entry = byListing.get(listingId);
    if (!entry) {
      entry = {
        listingId,
        channelSku,
        sellerId,
        type,
        status: type === "parent" ? "parent_not_sellable" : "mapped",
        components: [],
      };
      byListing.set(listingId, entry);
      entries.set(indexKey(sellerId, channelSku), entry);
    }
    const slot = variantId === null ? undefined : slotOf.get(variantId);
    if (entry.status === "mapped" && slot !== undefined) {
      entry.components.push({ variantId: slot.variantId, sku: slot.sku, quantity: Number(quantity), slot });
    }
  };

  // SQLite: the rows streamed straight into the maps (reading 1M rows into an array first took
  // twice as long); PostgreSQL: read through Kysely.
  const streamed = await readRawSqlite(db, (raw) => {
    const params = { accountId, channelId };
    if (raw.prepare(`${sqliteIndexRows} limit 1`).get(params) === undefined) return true;
    const variants = raw.prepare("select id, sku from variants where account_id = @accountId").raw();
    for (const [id, sku] of variants.iterate(params) as IterableIterator<[string, string]>)
      addVariant(id, sku);
    const rows = raw.prepare(sqliteIndexRows).raw();
    for (const row of rows.iterate(params) as IterableIterator<SqliteIndexRow>) {
      addRow(row[0], row[1], row[2], row[3], row[4], row[5]);
    }
    return true;
  });
  if (!streamed) {
    const rows: IndexRow[] = await db
      .selectFrom("listings as l")
      .leftJoin("mappings as m", (join) =>
        join.onRef("m.account_id", "=", "l.account_id").onRef("m.listing_id", "=", "l.id"),
      )
      .leftJoin("mapping_components as c", (join) =>
        join.onRef("c.account_id", "=", "m.account_id").onRef("c.mapping_id", "=", "m.id"),
      )
      .select(["l.id as listing_id", "l.channel_sku", "l.seller_id", "l.type", "c.variant_id", "c.quantity"])
      .where("l.account_id", "=", accountId)
      .where("l.channel_id", "=", channelId)
      .where((eb) => eb.or([eb("m.id", "is not", null), eb("l.type", "=", "parent")]))
      .execute();
    if (rows.length > 0) {
      const variants = await db
        .selectFrom("variants")
        .select(["id", "sku"])
        .where("account_id", "=", accountId)
        .execute();
      for (const variant of variants) addVariant(variant.id, variant.sku);
    }
    for (const row of rows) {
      addRow(row.listing_id, row.channel_sku, row.seller_id, row.type, row.variant_id, row.quantity);
    }
  }
  for (const entry of byListing.values()) {
    if (entry.components.length > 1) {
      entry.components.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    }
  }
  return {
    accountId: options.accountId,
    channelId: options.channelId,
    version: options.version,
    sellerId: channel.sellerId,
    entries,
    byListing,
  };
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
