// Availability recompute: every listing of a channel with 1M mapped listings (70% single, 30%
// 3-component bundles; target <= 2 s), and a stock change of one variant recomputing only the
// listings that use it (count and time). Compared with the same figures computed by one SQL
// aggregate inside SQLite in the same run (the fastest tool for the same work).
import SqliteDatabase from "better-sqlite3";
import { openDatabase } from "../src/db/database.ts";
import { computeListingQuantities, recomputeListingsUsingVariants } from "../src/inventory/availability.ts";
import { adjustStock } from "../src/inventory/set-stock.ts";
import { getMappingIndex } from "../src/mappings/mapping-index.ts";
import { buildMappingFixture, removeFixture } from "./translate.bench.ts";

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const listings = 1_000_000;
let start = process.hrtime.bigint();
const fixture = await buildMappingFixture({ listings, variants: 200_000 });
console.log(`fixture: ${listings} mapped listings in ${seconds(start).toFixed(1)} s`);
const { accountId, channelId } = fixture;
const handle = openDatabase({ sqlitePath: fixture.path });
try {
  start = process.hrtime.bigint();
  await getMappingIndex(handle.db, { accountId, channelId });
  console.log(`mapping index build (once per mapping change): ${seconds(start).toFixed(2)} s`);

  let best = Number.POSITIVE_INFINITY;
  let quantities = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    start = process.hrtime.bigint();
    quantities = await computeListingQuantities(handle.db, { accountId, channelId });
    best = Math.min(best, seconds(start));
  }
  console.log(`full recompute: ${quantities.size} listings in ${best.toFixed(3)} s (target <= 2 s)`);

  // The same figures by one aggregate query in SQLite (buffer 1, never below 0).
  const sqlite = new SqliteDatabase(fixture.path, { readonly: true });
  const aggregate = sqlite.prepare(`
    select m.listing_id, max(0, min(case when coalesce(s.available, 0) > 0 then coalesce(s.available, 0) / c.quantity else 0 end) - 1) as quantity
    from mappings m
    join mapping_components c on c.account_id = m.account_id and c.mapping_id = m.id
    left join (select variant_id, sum(on_hand - reserved) as available from stock_levels where account_id = ? group by variant_id) s
      on s.variant_id = c.variant_id
    where m.account_id = ? and m.channel_id = ?
    group by m.listing_id`);
  let sqlBest = Number.POSITIVE_INFINITY;
  let rows: Array<{ listing_id: string; quantity: number }> = [];
  for (let round = 0; round < 3; round++) {
    start = process.hrtime.bigint();
    rows = aggregate.all(accountId, accountId, channelId) as typeof rows;
    sqlBest = Math.min(sqlBest, seconds(start));
  }
  sqlite.close();
  const mismatches = rows.filter((row) => quantities.get(row.listing_id) !== row.quantity).length;
  if (mismatches > 0 || rows.length !== quantities.size)
    throw new Error(`${mismatches} figures differ from SQL`);
  console.log(`SQLite aggregate query:   ${rows.length} listings in ${sqlBest.toFixed(3)} s`);
  console.log(`ratio of throughput to the SQL aggregate: ${((sqlBest / best) * 100).toFixed(1)}%`);

  // One variant's stock changes: only the listings using it are recomputed.
  const variantId = fixture.variantIdOf(1234);
  await adjustStock(handle.db, { accountId, adjustments: [{ sku: "ISKU-00001234", delta: 50 }] });
  start = process.hrtime.bigint();
  const affected = await recomputeListingsUsingVariants(handle.db, {
    accountId,
    channelId,
    variantIds: [variantId],
  });
  const oneTime = seconds(start);
  console.log(
    `one-variant stock change: recomputed ${affected.size} of ${listings} listings in ${(oneTime * 1000).toFixed(2)} ms`,
  );
} finally {
  await handle.close();
  removeFixture(fixture);
}
