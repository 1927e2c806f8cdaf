// The outbound inventory feed of a channel: every mapped listing with the quantity it should
// show. Each call recomputes the channel (one read of components, one of stock), stores the
// quantities that changed with a new per-account sequence number, and can answer only the
// listings changed after a cursor a previous call returned.
import type { Db } from "../db/database.ts";
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

  const current: FeedItem[] = [];
  for (const [listingId, quantity] of quantities) {
    const entry = index.byListing.get(listingId);
    if (entry) current.push({ listingId, channelSku: entry.channelSku, sellerId: entry.sellerId, quantity });
  }

  const stored = await db
    .selectFrom("listing_quantities")
    .select(["listing_id", "seller_id", "channel_sku", "quantity"])
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .execute();
  const published = new Map(stored.map((row) => [row.listing_id, row]));
  const changed: FeedItem[] = [];
  for (const item of current) {
    const before = published.get(item.listingId);
    if (!before || Number(before.quantity) !== item.quantity || before.channel_sku !== item.channelSku) {
      changed.push(item);
    }
  }
  for (const row of stored) {
    if (!quantities.has(row.listing_id) && Number(row.quantity) !== 0) {
      changed.push({
        listingId: row.listing_id,
        channelSku: row.channel_sku,
        sellerId: row.seller_id,
        quantity: 0,
      });
    }
  }

  if (changed.length > 0) await recordChanges(db, { accountId, channelId, changed });
  const cursor = String(await readLastSequence(db, accountId));

  if (since === undefined) return { items: current.sort(compareItems), cursor };
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
