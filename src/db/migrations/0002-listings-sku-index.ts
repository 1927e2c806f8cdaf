// Listings of a channel by channel SKU across sellers: the listing list's order and its prefix
// search (q) range-scan this index. The unique key has seller_id before channel_sku, so it
// only serves lookups that name the seller.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("listings_channel_sku")
    .on("listings")
    .columns(["account_id", "channel_id", "channel_sku", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("listings_channel_sku").execute();
}
