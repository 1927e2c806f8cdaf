// Listings for the channel SKUs of an import that have none yet, made in batched multi-row
// inserts. ensureListing (listings area) does the same one listing at a time with three round
// trips each, which dominated a 1M-row import; the rows written here are exactly the ones it
// writes (type single, status active), and the unique key still decides under concurrency.
import { type Db, rawSqlite } from "../db/database.ts";
import { findListingsBySkus } from "../listings/listing-lookup.ts";
import { newId, nowIso } from "../shared/ids.ts";

const batch = 500;

/** channel SKU -> listing id for every requested SKU of one seller; `created` counts new listings. */
export async function ensureListingsBulk(
  db: Db,
  options: { accountId: string; channelId: string; sellerId: string; channelSkus: string[] },
): Promise<{ ids: Map<string, string>; created: number }> {
  const now = nowIso();
  const raw = rawSqlite(db);
  if (raw) {
    // One prepared statement per row on the transaction's own connection: no query building,
    // and the id is known without reading the listings back (only a lost race needs a read).
    const insert = raw.prepare(
      "insert into listings (account_id, id, channel_id, seller_id, channel_sku, type, status, missing_on_channel, created_at, updated_at) values (?, ?, ?, ?, ?, 'single', 'active', 0, ?, ?) on conflict (account_id, channel_id, seller_id, channel_sku) do nothing",
    );
    const existing = raw
      .prepare(
        "select id from listings where account_id = ? and channel_id = ? and seller_id = ? and channel_sku = ?",
      )
      .pluck();
    const { accountId, channelId, sellerId } = options;
    const ids = new Map<string, string>();
    let made = 0;
    for (const channelSku of options.channelSkus) {
      if (ids.has(channelSku)) continue;
      const id = newId();
      if (insert.run(accountId, id, channelId, sellerId, channelSku, now, now).changes === 1) {
        ids.set(channelSku, id);
        made += 1;
      } else {
        ids.set(channelSku, existing.get(accountId, channelId, sellerId, channelSku) as string);
      }
    }
    return { ids, created: made };
  }
  let created = 0;
  for (let start = 0; start < options.channelSkus.length; start += batch) {
    const rows = options.channelSkus.slice(start, start + batch).map((channelSku) => ({
      account_id: options.accountId,
      id: newId(),
      channel_id: options.channelId,
      seller_id: options.sellerId,
      channel_sku: channelSku,
      type: "single",
      status: "active",
      missing_on_channel: 0 as const,
      created_at: now,
      updated_at: now,
    }));
    const result = await db
      .insertInto("listings")
      .values(rows)
      .onConflict((oc) => oc.columns(["account_id", "channel_id", "seller_id", "channel_sku"]).doNothing())
      .executeTakeFirst();
    created += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  const found = await findListingsBySkus(db, options);
  return { ids: new Map([...found].map(([sku, listing]) => [sku, listing.id])), created };
}
