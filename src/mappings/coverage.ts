// The unmapped queue and coverage per channel. Both are anti-joins of listings against
// mappings, done in SQL: through the other areas' look-ups they would read whole channels.
// Parent listings are never mapped themselves, so they are left out of every mappable count, and so
// are the unmapped listings a download found the channel does not sell (a grouped or an external
// product): nothing is to be mapped there, and the download counts them as not sellable.

import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { prefixUpperBound } from "../db/dialect.ts";
import { decodeCursor, encodeCursor, type Page } from "../shared/pagination.ts";
import { listMappedListingIds, selectChannelMappings } from "./mapping-store.ts";
import { presentMappings } from "./present-mappings.ts";

export type UnmappedListing = {
  id: string;
  channelSku: string;
  sellerId: string;
  type: string;
  title: string | null;
  barcode: string | null;
  externalId: string | null;
};

function unmappedQuery(db: Db, accountId: string) {
  return db
    .selectFrom("listings as l")
    .where("l.account_id", "=", accountId)
    .where("l.type", "!=", "parent")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mappings as m")
            .select("m.id")
            .whereRef("m.account_id", "=", "l.account_id")
            .whereRef("m.listing_id", "=", "l.id"),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("downloaded_listing_details as d")
            .select("d.listing_id")
            .whereRef("d.account_id", "=", "l.account_id")
            .whereRef("d.listing_id", "=", "l.id")
            .where("d.sellable", "=", 0),
        ),
      ),
    );
}

export async function listUnmappedListings(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    q?: string | undefined;
    type?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<UnmappedListing> & { total: number }> {
  const channel = await getChannel(db, options.accountId, options.channelId);
  let query = unmappedQuery(db, options.accountId).where("l.channel_id", "=", channel.id);
  if (options.type) query = query.where("l.type", "=", options.type);
  if (options.q?.trim()) {
    const low = options.q.trim();
    query = query.where("l.channel_sku", ">=", low).where("l.channel_sku", "<", prefixUpperBound(low));
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const cursor = decodeCursor(options.cursor);
  let page = query.select([
    "l.id",
    "l.channel_sku",
    "l.seller_id",
    "l.type",
    "l.title",
    "l.barcode",
    "l.external_id",
  ]);
  if (typeof cursor?.id === "string") page = page.where("l.id", ">", cursor.id);
  const rows = await page
    .orderBy("l.id")
    .limit(options.limit + 1)
    .execute();
  const items = rows.slice(0, options.limit).map((r) => ({
    id: r.id,
    channelSku: r.channel_sku,
    sellerId: r.seller_id,
    type: r.type,
    title: r.title,
    barcode: r.barcode,
    externalId: r.external_id,
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > options.limit && last ? encodeCursor({ id: last.id }) : null,
    total: Number(total.n),
  };
}

/** Unmapped (non-parent) listings per channel of the account. */
export async function countUnmappedByChannel(
  db: Db,
  accountId: string,
): Promise<Array<{ channelId: string; unmapped: number }>> {
  const rows = await unmappedQuery(db, accountId)
    .select(["l.channel_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("l.channel_id")
    .orderBy("l.channel_id")
    .execute();
  return rows.map((r) => ({ channelId: r.channel_id, unmapped: Number(r.n) }));
}

export type Coverage = {
  total: number;
  mapped: number;
  unmapped: number;
  withWarnings: number;
  parents: number;
};

export async function getCoverage(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<Coverage> {
  const channel = await getChannel(db, options.accountId, options.channelId);
  const parentCount = await db
    .selectFrom("listings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", channel.id)
    .where("type", "=", "parent")
    .executeTakeFirstOrThrow();
  const parents = Number(parentCount.n);
  const unmappedCount = await unmappedQuery(db, options.accountId)
    .where("l.channel_id", "=", channel.id)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const mapped = (await listMappedListingIds(db, options.accountId, channel.id)).length;
  const total = mapped + Number(unmappedCount.n);
  let withWarnings = 0;
  let afterId: string | undefined;
  for (;;) {
    const batch = await selectChannelMappings(db, {
      accountId: options.accountId,
      channelId: channel.id,
      afterId,
      limit: 1000,
    });
    const presented = await presentMappings(db, {
      accountId: options.accountId,
      channelId: channel.id,
      mappings: batch,
    });
    withWarnings += presented.filter((m) => m.warnings.length > 0).length;
    if (batch.length < 1000) break;
    afterId = batch[batch.length - 1]?.id;
  }
  return { total, mapped, unmapped: total - mapped, withWarnings, parents };
}
