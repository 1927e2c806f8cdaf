// Export of 1,000,000 mappings (one component each) from SQLite through the streaming CSV
// export, against `sqlite3 -csv` selecting the same rows. BENCH_ROWS overrides the count.
// The mapping rows are seeded with raw inserts (this measures the export, not the import).
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import SqliteDatabase from "better-sqlite3";
import { openDatabase } from "../src/db/database.ts";
import { newId } from "../src/shared/ids.ts";
import { generateMappingRows } from "../src/transfer/export-mappings.ts";
import { mappingHeader } from "../src/transfer/mapping-file.ts";
import { createCsvStream } from "../src/transfer/table-output.ts";
import { type BenchScope, benchSkus, createBenchScope, seconds } from "./mapping-bench-support.ts";

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const sqlite3 = "/usr/bin/sqlite3";
const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-export-"));
const dbPath = join(dir, "bench.db");

async function setUp(): Promise<BenchScope> {
  const { productId, ...scope } = await createBenchScope({ sqlitePath: dbPath });
  const { accountId, channelId } = scope;
  const raw = new SqliteDatabase(dbPath);
  const now = new Date().toISOString();
  const variant = raw.prepare(
    "insert into variants (account_id, id, product_id, sku, sku_search, options, is_default, archived, created_at, updated_at) values (?, ?, ?, ?, ?, '{}', 0, 0, ?, ?)",
  );
  const listing = raw.prepare(
    "insert into listings (account_id, id, channel_id, seller_id, channel_sku, type, status, missing_on_channel, created_at, updated_at) values (?, ?, ?, '', ?, 'single', 'active', 0, ?, ?)",
  );
  const mapping = raw.prepare(
    "insert into mappings (account_id, id, channel_id, listing_id, origin, created_at, updated_at) values (?, ?, ?, ?, 'import', ?, ?)",
  );
  const component = raw.prepare(
    "insert into mapping_components (account_id, mapping_id, variant_id, quantity) values (?, ?, ?, 1)",
  );
  raw.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const { internal, channel } = benchSkus(i);
      const variantId = newId();
      const listingId = newId();
      const mappingId = newId();
      variant.run(accountId, variantId, productId, internal, internal.toLowerCase(), now, now);
      listing.run(accountId, listingId, channelId, channel, now, now);
      mapping.run(accountId, mappingId, channelId, listingId, now, now);
      component.run(accountId, mappingId, variantId);
    }
  })();
  raw.close();
  return scope;
}

function timeSqliteSelect(ids: { accountId: string; channelId: string }): number | null {
  if (!existsSync(sqlite3)) return null;
  // CROSS JOIN fixes SQLite's join order (mappings by mappings_channel first, then point
  // look-ups, sorting only each mapping's components). With plain JOINs the planner avoids that
  // small sort by looping over every variant of the account per mapping: quadratic, which is why
  // this baseline did not finish at 200k rows before.
  const query = `select l.channel_sku, v.sku, c.quantity, l.seller_id, '' from mappings m
    cross join listings l on l.account_id = m.account_id and l.id = m.listing_id
    cross join mapping_components c on c.account_id = m.account_id and c.mapping_id = m.id
    cross join variants v on v.account_id = c.account_id and v.id = c.variant_id
    where m.account_id = '${ids.accountId}' and m.channel_id = '${ids.channelId}' order by m.id, v.sku;`;
  const out = join(dir, "baseline.csv");
  const start = process.hrtime.bigint();
  const result = spawnSync("sh", [
    "-c",
    `${sqlite3} -csv -header ${dbPath} "${query.replace(/\n/g, " ")}" > ${out}`,
  ]);
  const elapsed = seconds(start);
  if (result.status !== 0) throw new Error(String(result.stderr));
  return elapsed;
}

try {
  const ids = await setUp();
  console.log(`rows: ${rows}`);
  const baseline = timeSqliteSelect(ids);
  const handle = openDatabase({ sqlitePath: dbPath });
  const out = join(dir, "export.csv");
  const start = process.hrtime.bigint();
  await pipeline(
    createCsvStream({ header: mappingHeader, rows: generateMappingRows(handle.db, ids) }),
    createWriteStream(out),
  );
  const ours = seconds(start);
  await handle.close();
  console.log(`export file: ${(statSync(out).size / 1e6).toFixed(1)} MB`);
  if (baseline === null) console.log("sqlite3 shell not found at /usr/bin/sqlite3: baseline unavailable");
  else console.log(`sqlite3 -csv: ${baseline.toFixed(2)} s`);
  const ratio = baseline ? ` = ${(ours / baseline).toFixed(2)}x sqlite3 -csv (target <= 1.5x)` : "";
  console.log(`export: ${ours.toFixed(2)} s${ratio}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target <= 400 MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
