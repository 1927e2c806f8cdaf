// Data access of the product feed's memory: the item last published per listing, and the
// per-account sequence that stamps every change.
import type { Db } from "../db/database.ts";
import { nowIso } from "../shared/ids.ts";
import type { ProductFeedItem } from "./product-feed.ts";

// 9 columns per row: well below both databases' bound-parameter limits.
const writeChunk = 300;

export async function readPublishedItems(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<Map<string, { item: string; removed: boolean }>> {
  const rows = await db
    .selectFrom("product_feed_items")
    .select(["listing_id", "item", "removed"])
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId)
    .execute();
  return new Map(rows.map((r) => [r.listing_id, { item: r.item, removed: Number(r.removed) === 1 }]));
}

export async function readFeedItemsSince(
  db: Db,
  options: { accountId: string; channelId: string; since: number },
): Promise<ProductFeedItem[]> {
  const rows = await db
    .selectFrom("product_feed_items")
    .select("item")
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId)
    .where("seq", ">", options.since)
    .execute();
  return rows.map((r) => JSON.parse(r.item) as ProductFeedItem);
}

/** Stores the changed items with fresh sequence numbers; answers the account's last sequence. */
export async function recordFeedChanges(
  db: Db,
  options: { accountId: string; channelId: string; changed: ProductFeedItem[] },
): Promise<number> {
  const { accountId, channelId, changed } = options;
  const now = nowIso();
  const write = async (trx: Db): Promise<number> => {
    await trx
      .insertInto("product_feed_sequences")
      .values({ account_id: accountId, last_seq: 0 })
      .onConflict((oc) => oc.column("account_id").doNothing())
      .execute();
    const row = await trx
      .updateTable("product_feed_sequences")
      .set((eb) => ({ last_seq: eb("last_seq", "+", changed.length) }))
      .where("account_id", "=", accountId)
      .returning("last_seq")
      .executeTakeFirstOrThrow();
    const last = Number(row.last_seq);
    const first = last - changed.length + 1;
    for (let i = 0; i < changed.length; i += writeChunk) {
      const values = changed.slice(i, i + writeChunk).map((item, j) => ({
        account_id: accountId,
        channel_id: channelId,
        listing_id: item.listingId,
        seller_id: item.sellerId,
        channel_sku: item.channelSku,
        item: JSON.stringify(item),
        removed: item.removed ? (1 as const) : (0 as const),
        seq: first + i + j,
        updated_at: now,
      }));
      await trx
        .insertInto("product_feed_items")
        .values(values)
        .onConflict((oc) =>
          oc.columns(["account_id", "channel_id", "listing_id"]).doUpdateSet((eb) => ({
            seller_id: eb.ref("excluded.seller_id"),
            channel_sku: eb.ref("excluded.channel_sku"),
            item: eb.ref("excluded.item"),
            removed: eb.ref("excluded.removed"),
            seq: eb.ref("excluded.seq"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
    return last;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}
