// One page of a channel's listings in channel SKU order, with filters. The SKU prefix search
// (q) is a range scan on the (account, channel, channel SKU) index, never a LIKE over the table.
import type { Db } from "../db/database.ts";
import { prefixUpperBound } from "../db/dialect.ts";
import { decodeCursor, type Page, toPage } from "../shared/pagination.ts";
import type { ListingType } from "./listing-lookup.ts";
import { type Listing, selectListingViews, toListing } from "./listing-view.ts";

export type FindListingsOptions = {
  accountId: string;
  channelId: string;
  q?: string | undefined;
  sellerId?: string | undefined;
  type?: ListingType | undefined;
  status?: string | undefined;
  mapped?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
};

export async function findListings(db: Db, options: FindListingsOptions): Promise<Page<Listing>> {
  const after = decodeCursor(options.cursor);
  let query = selectListingViews(db, options.accountId)
    .where("l.channel_id", "=", options.channelId)
    .orderBy("l.channel_sku")
    .orderBy("l.id")
    .limit(options.limit + 1);
  const prefix = options.q?.trim();
  if (prefix) {
    query = query.where("l.channel_sku", ">=", prefix).where("l.channel_sku", "<", prefixUpperBound(prefix));
  }
  if (options.sellerId !== undefined) query = query.where("l.seller_id", "=", options.sellerId);
  if (options.type) query = query.where("l.type", "=", options.type);
  if (options.status) query = query.where("l.status", "=", options.status);
  if (options.mapped !== undefined) {
    const mapped = options.mapped;
    query = query.where((eb) => {
      const exists = eb.exists(
        eb
          .selectFrom("mappings as m2")
          .select("m2.id")
          .whereRef("m2.account_id", "=", "l.account_id")
          .whereRef("m2.listing_id", "=", "l.id"),
      );
      return mapped ? exists : eb.not(exists);
    });
  }
  if (after) {
    const sku = String(after.sku ?? "");
    const id = String(after.id ?? "");
    query = query.where((eb) =>
      eb.or([eb("l.channel_sku", ">", sku), eb.and([eb("l.channel_sku", "=", sku), eb("l.id", ">", id)])]),
    );
  }
  const rows = await query.execute();
  return toPage(rows, options.limit, toListing, (row) => ({ sku: row.channel_sku, id: row.id }));
}
