// Export of a channel's mappings in the canonical file format, one row per component, produced
// page by page (keyset on the mapping id) so a million mappings start streaming at once and
// memory stays flat. It reads the mapping tables with one joined query per page instead of going
// through the mappings area's loaders: those cost several round trips per page, which made a 1M
// export several times slower than `sqlite3 -csv` (see bench/export-mappings.bench.ts).
import { getChannel } from "../channels/get-channel.ts";
import { type Db, rawSqlite, readRawSqlite } from "../db/database.ts";
import type { Cell } from "./table-output.ts";

const pageSize = 5000;

// The same page as the Kysely query below, prepared once on SQLite and read as arrays. The page
// of mappings is picked first through mappings_channel (account, channel, id) and only then
// joined, so each page is an index range plus point look-ups and a sort of its own rows; a single
// join ordered by (m.id, v.sku) lets SQLite's planner loop over all the account's variants per
// mapping instead (quadratic; that is what kept the benchmark's baseline from finishing).
// Each page is read whole before yielding, so no statement stays open on the shared connection
// while the consumer is slow.
const sqlitePage = `select m.id, l.channel_sku, v.sku, c.quantity, l.seller_id
  from (select id, listing_id from mappings
        where account_id = @accountId and channel_id = @channelId and id > @after order by id limit ${pageSize}) as m
  join listings l on l.account_id = @accountId and l.id = m.listing_id
  join mapping_components c on c.account_id = @accountId and c.mapping_id = m.id
  join variants v on v.account_id = @accountId and v.id = c.variant_id
  order by m.id, v.sku`;

export async function* generateMappingRows(
  db: Db,
  options: { accountId: string; channelId: string },
): AsyncGenerator<Cell[]> {
  const { accountId, channelId } = options;
  await getChannel(db, accountId, channelId);
  let after = "";
  if (rawSqlite(db)) {
    for (;;) {
      // through Kysely's hold on the connection, so a page is never read inside another request's
      // open transaction (an import in progress) on this shared connection
      const rows = (await readRawSqlite(db, (raw) =>
        raw.prepare(sqlitePage).raw().all({ accountId, channelId, after }),
      )) as Array<[string, string, string, number, string]>;
      if (rows.length === 0) return;
      for (const row of rows) yield [row[1], row[2], Number(row[3]), row[4], ""];
      after = rows[rows.length - 1]?.[0] ?? after;
    }
  }
  for (;;) {
    const page = db
      .selectFrom("mappings")
      .select(["id", "listing_id"])
      .where("account_id", "=", accountId)
      .where("channel_id", "=", channelId)
      .where("id", ">", after)
      .orderBy("id")
      .limit(pageSize)
      .as("m");
    const rows = await db
      .selectFrom(page)
      .innerJoin("listings as l", (j) =>
        j.on("l.account_id", "=", accountId).onRef("l.id", "=", "m.listing_id"),
      )
      .innerJoin("mapping_components as c", (j) =>
        j.on("c.account_id", "=", accountId).onRef("c.mapping_id", "=", "m.id"),
      )
      .innerJoin("variants as v", (j) =>
        j.on("v.account_id", "=", accountId).onRef("v.id", "=", "c.variant_id"),
      )
      .select(["m.id as mappingId", "l.channel_sku", "l.seller_id", "v.sku", "c.quantity"])
      .orderBy("m.id")
      .orderBy("v.sku")
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) yield [row.channel_sku, row.sku, Number(row.quantity), row.seller_id, ""];
    after = rows[rows.length - 1]?.mappingId ?? after;
  }
}
