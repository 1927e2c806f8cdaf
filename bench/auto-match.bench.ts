// Auto-match on download: 1M listings against 1M variants by exact SKU, then GTIN-14, on SQLite.
// Compares our findAutoMatches (what a download runs) with the fastest tool for the same work:
// ONE SQL statement joining the listings to the variants on both keys, run through
// better-sqlite3 directly on the same database in the same run. Prints the ratio (target <= 2x).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { type AutoMatchListing, findAutoMatches } from "../src/matching/auto-match.ts";

const count = Number(process.env.BENCH_AUTO_MATCH_COUNT ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const accountId = "00000000-0000-7000-8000-00000000000a";
const channelId = "00000000-0000-7000-8000-00000000000c";

function checkDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i -= 1, weight = 4 - weight)
    sum += Number(body[i]) * weight;
  return (10 - (sum % 10)) % 10;
}

function gtinOf(i: number): string {
  const body = String(200_000_000_000 + i);
  return `0${body}${checkDigit(body)}`;
}

function idOf(prefix: string, i: number): string {
  return `${prefix}${String(i).padStart(12, "0")}`;
}

function seed(path: string): void {
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  const now = new Date().toISOString();
  sqlite.prepare("insert into accounts (id, name, created_at) values (?, ?, ?)").run(accountId, "bench", now);
  sqlite
    .prepare(
      "insert into channels (account_id, id, name, kind, platform, seller_id, created_at, updated_at) values (?, ?, 'b', 'sales', 'generic', '', ?, ?)",
    )
    .run(accountId, channelId, now, now);
  const product = sqlite.prepare(
    "insert into products (account_id, id, name, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const variant = sqlite.prepare(
    "insert into variants (account_id, id, product_id, sku, sku_search, barcode, barcode_gtin, options, is_default, archived, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, '{}', 1, 0, ?, ?)",
  );
  const listing = sqlite.prepare(
    "insert into listings (account_id, id, channel_id, seller_id, channel_sku, type, barcode, barcode_gtin, status, missing_on_channel, created_at, updated_at) values (?, ?, ?, '', ?, 'single', ?, ?, 'active', 0, ?, ?)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const productId = idOf("p-", i);
      const sku = `SKU-${i}`;
      const gtin = gtinOf(i);
      product.run(accountId, productId, `Product ${i}`, now, now);
      variant.run(accountId, idOf("v-", i), productId, sku, sku.toLowerCase(), gtin.slice(1), gtin, now, now);
      // half match by SKU, a quarter only by barcode, a quarter not at all
      const kind = i % 4;
      const channelSku = kind < 2 ? sku : `CH-${i}`;
      const barcode = kind === 2 ? gtinOf(i) : kind === 3 ? gtinOf(count + i) : null;
      listing.run(accountId, idOf("l-", i), channelId, channelSku, barcode, barcode, now, now);
    }
  })();
  sqlite.close();
}

function joinBaseline(path: string): { ms: number; bySku: number; byBarcode: number } {
  const sqlite = new SqliteDatabase(path, { readonly: true });
  const statement = sqlite
    .prepare(
      `select l.id, vs.id as sku_variant, vg.id as gtin_variant
       from listings l
       left join variants vs on vs.account_id = l.account_id and vs.sku = l.channel_sku
       left join variants vg on vg.account_id = l.account_id and vg.barcode_gtin = l.barcode_gtin
       where l.account_id = ? and l.channel_id = ?`,
    )
    .raw();
  const started = performance.now();
  let bySku = 0;
  let byBarcode = 0;
  for (const row of statement.iterate(accountId, channelId) as Iterable<
    [string, string | null, string | null]
  >) {
    if (row[1] !== null) bySku += 1;
    else if (row[2] !== null) byBarcode += 1;
  }
  const ms = performance.now() - started;
  sqlite.close();
  return { ms, bySku, byBarcode };
}

async function ours(path: string, listings: AutoMatchListing[]) {
  const handle = openDatabase({ sqlitePath: path });
  try {
    const started = performance.now();
    const result = await findAutoMatches(handle.db, { accountId, listings });
    return { ms: performance.now() - started, bySku: result.bySku, byBarcode: result.byBarcode };
  } finally {
    await handle.close();
  }
}

function loadListings(path: string): AutoMatchListing[] {
  const sqlite = new SqliteDatabase(path, { readonly: true });
  const rows = sqlite
    .prepare("select id, channel_sku, barcode_gtin from listings where account_id = ? and channel_id = ?")
    .raw()
    .all(accountId, channelId) as Array<[string, string, string | null]>;
  sqlite.close();
  return rows.map(([id, channelSku, barcodeGtin]) => ({ id, channelSku, barcodeGtin }));
}

const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-automatch-"));
const path = join(dir, "bench.db");
try {
  const handle = openDatabase({ sqlitePath: path });
  await migrateToLatest(handle.db);
  await handle.close();
  const seeded = performance.now();
  seed(path);
  process.stdout.write(
    `seeded ${count} variants and ${count} listings in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`,
  );
  // The download holds its listings in memory already; so does this measurement.
  const listings = loadListings(path);
  // Alternate the two contenders and keep each one's best round, so a busy machine or a cold
  // page cache does not decide the ratio.
  let baseline = joinBaseline(path);
  let result = await ours(path, listings);
  for (let round = 1; round < rounds; round += 1) {
    const b = joinBaseline(path);
    if (b.ms < baseline.ms) baseline = b;
    const r = await ours(path, listings);
    if (r.ms < result.ms) result = r;
  }
  if (result.bySku !== baseline.bySku || result.byBarcode !== baseline.byBarcode) {
    throw new Error(`results differ: ours ${JSON.stringify(result)} vs join ${JSON.stringify(baseline)}`);
  }
  process.stdout.write(
    `sql join (better-sqlite3, one statement, best of ${rounds}): ${baseline.ms.toFixed(0)} ms; bySku ${baseline.bySku}, byBarcode ${baseline.byBarcode}\n`,
  );
  process.stdout.write(`findAutoMatches (best of ${rounds}): ${result.ms.toFixed(0)} ms\n`);
  const ratio = result.ms / baseline.ms;
  process.stdout.write(`ratio to the SQL join: ${ratio.toFixed(2)}x (target <= 2x)\n`);
  if (ratio > 2) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
