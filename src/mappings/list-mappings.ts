// Listing a channel's mappings with search (exact channel SKU, or a prefix of the channel SKU
// or of a component's internal SKU), origin and warning filters, and cursor pagination.
// The search joins listings and variants in SQL: a prefix filter across three tables cannot be
// done page by page through the other areas' look-ups without reading the whole channel.

import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { prefixUpperBound } from "../db/dialect.ts";
import { decodeCursor, encodeCursor, type Page } from "../shared/pagination.ts";
import { loadMappingsByIds } from "./mapping-store.ts";
import { presentMappings } from "./present-mappings.ts";
import type { ListMappingsQuery, MappingResponse } from "./schemas.ts";

async function selectMappingIds(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    query: ListMappingsQuery;
    afterId?: string;
    limit: number;
  },
): Promise<string[]> {
  const { query } = options;
  let select = db
    .selectFrom("mappings as m")
    .innerJoin("listings as l", (join) =>
      join.onRef("l.account_id", "=", "m.account_id").onRef("l.id", "=", "m.listing_id"),
    )
    .select("m.id")
    .where("m.account_id", "=", options.accountId)
    .where("m.channel_id", "=", options.channelId);
  if (options.afterId) select = select.where("m.id", ">", options.afterId);
  if (query.origin) select = select.where("m.origin", "=", query.origin);
  if (query.channelSku !== undefined) select = select.where("l.channel_sku", "=", query.channelSku.trim());
  if (query.q !== undefined && query.q.trim() !== "") {
    const low = query.q.trim();
    const high = prefixUpperBound(low);
    select = select.where((eb) =>
      eb.or([
        eb.and([eb("l.channel_sku", ">=", low), eb("l.channel_sku", "<", high)]),
        eb.exists(
          eb
            .selectFrom("mapping_components as c")
            .innerJoin("variants as v", (join) =>
              join.onRef("v.account_id", "=", "c.account_id").onRef("v.id", "=", "c.variant_id"),
            )
            .select("c.variant_id")
            .whereRef("c.account_id", "=", "m.account_id")
            .whereRef("c.mapping_id", "=", "m.id")
            .where("v.sku", ">=", low)
            .where("v.sku", "<", high),
        ),
      ]),
    );
  }
  const rows = await select.orderBy("m.id").limit(options.limit).execute();
  return rows.map((r) => r.id);
}

export async function listMappings(
  db: Db,
  options: { accountId: string; channelId: string; query: ListMappingsQuery },
): Promise<Page<MappingResponse>> {
  const { accountId, query } = options;
  const channel = await getChannel(db, accountId, options.channelId);
  const cursor = decodeCursor(query.cursor);
  let afterId = typeof cursor?.id === "string" ? cursor.id : undefined;
  const items: MappingResponse[] = [];
  // With a warning filter, scan forward in batches until the page is full (warnings are computed).
  const batch = query.warning ? Math.max(query.limit * 4, 200) : query.limit + 1;
  for (;;) {
    const ids = await selectMappingIds(db, {
      accountId,
      channelId: channel.id,
      query,
      ...(afterId ? { afterId } : {}),
      limit: batch,
    });
    const records = await loadMappingsByIds(db, accountId, ids);
    const order = new Map(ids.map((id, i) => [id, i]));
    records.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const presented = await presentMappings(db, { accountId, channelId: channel.id, mappings: records });
    for (const mapping of presented) {
      if (query.warning && !mapping.warnings.some((w) => w.code === query.warning)) continue;
      items.push(mapping);
      if (items.length > query.limit) break;
    }
    if (items.length > query.limit || ids.length < batch) break;
    afterId = ids[ids.length - 1];
  }
  const more = items.length > query.limit;
  const page = more ? items.slice(0, query.limit) : items;
  const last = page[page.length - 1];
  return { items: page, nextCursor: more && last ? encodeCursor({ id: last.id }) : null };
}
