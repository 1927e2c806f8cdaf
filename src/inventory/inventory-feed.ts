// The outbound inventory feed of a channel: every mapped listing with the quantity it should
// show. Each call recomputes the channel (one read of components, one of stock), stores the
// quantities that changed with a new per-account sequence number, and can answer only the
// listings changed after a cursor a previous call returned.
import { type Db, readRawSqlite } from "../db/database.ts";
import { getMappingIndex } from "../mappings/mapping-index.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import { computeListingQuantities } from "./availability.ts";

export type FeedItem = { listingId: string; channelSku: string; sellerId: string; quantity: number };

export type InventoryFeed = { items: FeedItem[]; cursor: string };

// 8 columns per row: well below both databases' bound-parameter limits.
const writeChunk = 400;

function parseCursor(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor)) {
    throw new AppError("INVALID_CURSOR", "changedSince must be a cursor a previous feed returned.", {
      field: "changedSince",
      value: cursor,
    });
  }
  return Number(cursor);
}

function compareItems(a: FeedItem, b: FeedItem): number {
  if (a.sellerId !== b.sellerId) return a.sellerId < b.sellerId ? -1 : 1;
  return a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0;
}

/** Reserves `count` sequence numbers for the account; returns the first. Locks the account's row. */
async function reserveSequence(trx: Db, accountId: string, count: number): Promise<number> {
  await trx
    .insertInto("feed_sequences")
    .values({ account_id: accountId, last_seq: 0 })
    .onConflict((oc) => oc.column("account_id").doNothing())
    .execute();
  const row = await trx
    .updateTable("feed_sequences")
    .set((eb) => ({ last_seq: eb("last_seq", "+", count) }))
    .where("account_id", "=", accountId)
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return Number(row.last_seq) - count + 1;
}

async function readLastSequence(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("feed_sequences")
    .select("last_seq")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row ? Number(row.last_seq) : 0;
}

/**
 * Recomputes the channel, records changed quantities, and answers the feed: every mapped listing,
 * or with `changedSince` only listings whose quantity changed after that cursor (a listing that
 * lost its mapping appears once with quantity 0).
 */
export async function getInventoryFeed(
  db: Db,
  options: { accountId: string; channelId: string; changedSince?: string | undefined },
): Promise<InventoryFeed> {
  const { accountId, channelId } = options;
  const since = options.changedSince === undefined ? undefined : parseCursor(options.changedSince);
  const quantities = await computeListingQuantities(db, { accountId, channelId });
  const index = await getMappingIndex(db, { accountId, channelId });

  // Compared with what was last published, read a row at a time: neither the stored rows nor
  // (for a sync reading changes) the whole current feed are held as objects.
  const changed: FeedItem[] = [];
  const published = new Set<string>();
  await forEachPublished(db, { accountId, channelId }, (listingId, sellerId, channelSku, quantity) => {
    published.add(listingId);
    const now = quantities.get(listingId);
    if (now === undefined) {
      // the listing lost its mapping: once more, at 0
      if (quantity !== 0) changed.push({ listingId, channelSku, sellerId, quantity: 0 });
      return;
    }
    const entry = index.byListing.get(listingId);
    if (entry && (quantity !== now || channelSku !== entry.channelSku)) {
      changed.push({ listingId, channelSku: entry.channelSku, sellerId: entry.sellerId, quantity: now });
    }
  });
  for (const [listingId, quantity] of quantities) {
    const entry = published.has(listingId) ? undefined : index.byListing.get(listingId);
    if (entry) changed.push({ listingId, channelSku: entry.channelSku, sellerId: entry.sellerId, quantity });
  }

  if (changed.length > 0) await recordChanges(db, { accountId, channelId, changed });
  const cursor = String(await readLastSequence(db, accountId));

  if (since === undefined) {
    const current: FeedItem[] = [];
    for (const [listingId, quantity] of quantities) {
      const entry = index.byListing.get(listingId);
      if (entry)
        current.push({ listingId, channelSku: entry.channelSku, sellerId: entry.sellerId, quantity });
    }
    return { items: current.sort(compareItems), cursor };
  }
  const rows = await db
    .selectFrom("listing_quantities")
    .select(["listing_id", "seller_id", "channel_sku", "quantity"])
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .where("seq", ">", since)
    .execute();
  const items = rows.map((row) => ({
    listingId: row.listing_id,
    channelSku: row.channel_sku,
    sellerId: row.seller_id,
    quantity: Number(row.quantity),
  }));
  return { items: items.sort(compareItems), cursor };
}

/** Each listing's last published quantity: streamed on SQLite, read in pages on PostgreSQL. */
async function forEachPublished(
  db: Db,
  options: { accountId: string; channelId: string },
  visit: (listingId: string, sellerId: string, channelSku: string, quantity: number) => void,
): Promise<void> {
  const streamed = await readRawSqlite(db, (raw) => {
    const rows = raw
      .prepare(
        `select listing_id, seller_id, channel_sku, quantity from listing_quantities
        where account_id = @accountId and channel_id = @channelId`,
      )
      .raw();
    for (const row of rows.iterate(options) as IterableIterator<[string, string, string, number]>) {
      visit(row[0], row[1], row[2], Number(row[3]));
    }
    return true;
  });
  if (streamed) return;
  let after = "";
  for (;;) {
    const page = await db
      .selectFrom("listing_quantities")
      .select(["listing_id", "seller_id", "channel_sku", "quantity"])
      .where("account_id", "=", options.accountId)
      .where("channel_id", "=", options.channelId)
      .where("listing_id", ">", after)
      .orderBy("listing_id")
      .limit(publishedPage)
      .execute();
    for (const row of page) visit(row.listing_id, row.seller_id, row.channel_sku, Number(row.quantity));
    if (page.length < publishedPage) return;
    after = page[page.length - 1]?.listing_id ?? after;
  }
}

const publishedPage = 10_000;

async function recordChanges(
  db: Db,
  options: { accountId: string; channelId: string; changed: FeedItem[] },
): Promise<void> {
  const { accountId, channelId, changed } = options;
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const first = await reserveSequence(trx, accountId, changed.length);
    for (let i = 0; i < changed.length; i += writeChunk) {
      const values = changed.slice(i, i + writeChunk).map((item, j) => ({
        account_id: accountId,
        channel_id: channelId,
        listing_id: item.listingId,
        seller_id: item.sellerId,
        channel_sku: item.channelSku,
        quantity: item.quantity,
        seq: first + i + j,
        updated_at: now,
      }));
      await trx
        .insertInto("listing_quantities")
        .values(values)
        .onConflict((oc) =>
          oc.columns(["account_id", "channel_id", "listing_id"]).doUpdateSet((eb) => ({
            seller_id: eb.ref("excluded.seller_id"),
            channel_sku: eb.ref("excluded.channel_sku"),
            quantity: eb.ref("excluded.quantity"),
            seq: eb.ref("excluded.seq"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
  });
}
