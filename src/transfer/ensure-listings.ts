// Listings for the channel SKUs of an import that have none yet, made in batched multi-row
// inserts (the in-memory apply on PostgreSQL; SQLite imports make theirs in staged-apply.ts). ensureListing (listings area) does the same one listing at a time with three round
// trips each, which dominated a 1M-row import; the rows written here are exactly the ones it
// writes (type single, status active), and the unique key still decides under concurrency.
import type { Db } from "../db/database.ts";
import { findListingsBySkus } from "../listings/listing-lookup.ts";
import { newId, nowIso } from "../shared/ids.ts";

const batch = 500;

/** channel SKU -> listing id for every requested SKU of one seller; `created` counts new listings. */
export async function ensureListingsBulk(
  db: Db,
  options: { accountId: string; channelId: string; sellerId: string; channelSkus: string[] },
): Promise<{ ids: Map<string, string>; created: number }> {
  const now = nowIso();
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
