// Building the mapping index (mapping-index.ts): in full from two bulk reads, or brought forward
// in place by reloading only the listings the channel's change log names since its version.
import { getChannel } from "../channels/get-channel.ts";
import { type Db, readRawSqlite } from "../db/database.ts";
import type { IndexEntry, MappingIndex, VariantSlot } from "./mapping-index.ts";

export function indexKey(sellerId: string, channelSku: string): string {
  return `${sellerId}\u0000${channelSku}`;
}

// The same rows as indexRowQuery, for streaming on SQLite.
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

/** The index's listings, mappings and components (all, or those of `listingIds`). */
function indexRowQuery(db: Db, options: { accountId: string; channelId: string; listingIds?: string[] }) {
  let query = db
    .selectFrom("listings as l")
    .leftJoin("mappings as m", (join) =>
      join.onRef("m.account_id", "=", "l.account_id").onRef("m.listing_id", "=", "l.id"),
    )
    .leftJoin("mapping_components as c", (join) =>
      join.onRef("c.account_id", "=", "m.account_id").onRef("c.mapping_id", "=", "m.id"),
    )
    .select(["l.id as listing_id", "l.channel_sku", "l.seller_id", "l.type", "c.variant_id", "c.quantity"])
    .where("l.account_id", "=", options.accountId)
    .where("l.channel_id", "=", options.channelId)
    .where((eb) => eb.or([eb("m.id", "is not", null), eb("l.type", "=", "parent")]));
  if (options.listingIds) query = query.where("l.id", "in", options.listingIds);
  return query;
}

/** Adds rows to an index's maps: a listing's first row makes its entry, each row a component. */
function indexWriter(index: MappingIndex) {
  const { entries, byListing, slots } = index;
  return {
    addVariant(id: string, sku: string) {
      slots.set(id, { variantId: id, sku, sum: 0, mark: 0 });
    },
    addRow(
      listingId: string,
      channelSku: string,
      sellerId: string,
      type: string,
      variantId: string | null,
      quantity: number | null,
    ): IndexEntry {
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
      const slot: VariantSlot | undefined = variantId === null ? undefined : slots.get(variantId);
      if (entry.status === "mapped" && slot !== undefined) {
        entry.components.push({ variantId: slot.variantId, sku: slot.sku, quantity: Number(quantity), slot });
      }
      return entry;
    },
  };
}

function sortComponents(entry: IndexEntry): void {
  if (entry.components.length > 1) {
    entry.components.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }
}

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
  const index: MappingIndex = {
    accountId,
    channelId,
    version: options.version,
    sellerId: channel.sellerId,
    entries: new Map(),
    byListing: new Map(),
    slots: new Map(),
  };
  const { addVariant, addRow } = indexWriter(index);

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
    const rows: IndexRow[] = await indexRowQuery(db, { accountId, channelId }).execute();
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
  for (const entry of index.byListing.values()) sortComponents(entry);
  return index;
}

/**
 * Brings `index` forward to `version` by reloading the listings in `changed` (from the channel's
 * change log). Everything is read first; the maps are then updated in one synchronous step, with
 * new entry objects (an entry a caller already holds is never altered).
 */
export async function patchMappingIndex(
  db: Db,
  index: MappingIndex,
  options: { changed: string[]; version: number },
): Promise<void> {
  const { accountId, channelId } = index;
  const channel = await getChannel(db, accountId, channelId);
  const rows: IndexRow[] = [];
  for (let i = 0; i < options.changed.length; i += 500) {
    const listingIds = options.changed.slice(i, i + 500);
    rows.push(...(await indexRowQuery(db, { accountId, channelId, listingIds }).execute()));
  }
  const missing = [...new Set(rows.map((r) => r.variant_id))].filter(
    (id): id is string => id !== null && !index.slots.has(id),
  );
  const variants: Array<{ id: string; sku: string }> = [];
  for (let i = 0; i < missing.length; i += 500) {
    variants.push(
      ...(await db
        .selectFrom("variants")
        .select(["id", "sku"])
        .where("account_id", "=", accountId)
        .where("id", "in", missing.slice(i, i + 500))
        .execute()),
    );
  }

  const { addVariant, addRow } = indexWriter(index);
  for (const id of options.changed) {
    const old = index.byListing.get(id);
    if (!old) continue;
    index.byListing.delete(id);
    const key = indexKey(old.sellerId, old.channelSku);
    if (index.entries.get(key) === old) index.entries.delete(key);
  }
  for (const variant of variants) addVariant(variant.id, variant.sku);
  const added = new Set<IndexEntry>();
  for (const row of rows) {
    added.add(addRow(row.listing_id, row.channel_sku, row.seller_id, row.type, row.variant_id, row.quantity));
  }
  for (const entry of added) sortComponents(entry);
  index.sellerId = channel.sellerId;
  index.version = options.version;
}
