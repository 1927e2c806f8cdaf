// In-process order translation: 1M order lines against 1M mappings (70% single listings, 30%
// 3-component bundles) through the mapping index, versus a bare Map lookup of the same keys in
// the same run. Target: >= 50% of the Map's throughput. Then one mapping is edited, and the
// next call's refresh of the index (that listing reloaded, not the channel) is timed. Also
// exports the fixture builder the availability benchmark uses (raw better-sqlite3 inserts into
// a temp file, for speed).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { getMappingIndex, indexKey } from "../src/mappings/mapping-index.ts";
import { writeMappings } from "../src/mappings/write-mappings.ts";
import { type OrderLine, translateLines } from "../src/orders/translate-lines.ts";

export type MappingFixture = {
  path: string;
  dir: string;
  accountId: string;
  channelId: string;
  sellerId: string;
  listings: number;
  variants: number;
  /** channelSku of listing i */
  skuOf: (i: number) => string;
  variantIdOf: (i: number) => string;
};

/** 1 account, 1 sales channel, `listings` mapped listings over `variants` variants, stock for every variant. */
export async function buildMappingFixture(options: {
  listings: number;
  variants: number;
}): Promise<MappingFixture> {
  const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-"));
  const path = join(dir, "bench.db");
  const handle = openDatabase({ sqlitePath: path });
  await migrateToLatest(handle.db);
  await handle.close();

  const accountId = "00000000-0000-7000-8000-00000000000a";
  const channelId = "00000000-0000-7000-8000-00000000000c";
  const sellerId = "seller-1";
  const now = new Date().toISOString();
  const pad = (i: number) => i.toString().padStart(8, "0");
  const variantIdOf = (i: number) => `v-${pad(i)}`;
  const skuOf = (i: number) => `CSKU-${pad(i)}`;

  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.exec("BEGIN");
  sqlite.prepare("insert into accounts (id, name, created_at) values (?, ?, ?)").run(accountId, "Bench", now);
  sqlite
    .prepare(
      "insert into channels (account_id, id, name, kind, platform, seller_id, buffer, created_at, updated_at) values (?, ?, 'Shop', 'sales', 'generic', ?, 1, ?, ?)",
    )
    .run(accountId, channelId, sellerId, now, now);
  const product = sqlite.prepare(
    "insert into products (account_id, id, name, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const variant = sqlite.prepare(
    "insert into variants (account_id, id, product_id, sku, sku_search, options, is_default, archived, created_at, updated_at) values (?, ?, ?, ?, ?, '{}', 1, 0, ?, ?)",
  );
  const stock = sqlite.prepare(
    "insert into stock_levels (account_id, variant_id, location, on_hand, reserved, updated_at) values (?, ?, 'default', ?, ?, ?)",
  );
  for (let i = 0; i < options.variants; i++) {
    const id = variantIdOf(i);
    product.run(accountId, `p-${pad(i)}`, `Product ${i}`, now, now);
    variant.run(accountId, id, `p-${pad(i)}`, `ISKU-${pad(i)}`, `isku-${pad(i)}`, now, now);
    stock.run(accountId, id, (i * 7919) % 500, i % 3, now);
  }
  const listing = sqlite.prepare(
    "insert into listings (account_id, id, channel_id, seller_id, channel_sku, type, status, missing_on_channel, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'active', 0, ?, ?)",
  );
  const mapping = sqlite.prepare(
    "insert into mappings (account_id, id, channel_id, listing_id, origin, created_at, updated_at) values (?, ?, ?, ?, 'import', ?, ?)",
  );
  const component = sqlite.prepare(
    "insert into mapping_components (account_id, mapping_id, variant_id, quantity) values (?, ?, ?, ?)",
  );
  for (let i = 0; i < options.listings; i++) {
    const bundle = i % 10 >= 7;
    const id = `l-${pad(i)}`;
    listing.run(accountId, id, channelId, sellerId, skuOf(i), bundle ? "bundle" : "single", now, now);
    mapping.run(accountId, `m-${pad(i)}`, channelId, id, now, now);
    if (bundle) {
      for (let k = 0; k < 3; k++) {
        component.run(accountId, `m-${pad(i)}`, variantIdOf((i * 31 + k * 977) % options.variants), k + 1);
      }
    } else {
      component.run(accountId, `m-${pad(i)}`, variantIdOf(i % options.variants), 1);
    }
  }
  sqlite.exec("COMMIT");
  sqlite.close();
  return {
    path,
    dir,
    accountId,
    channelId,
    sellerId,
    listings: options.listings,
    variants: options.variants,
    skuOf,
    variantIdOf,
  };
}

export function removeFixture(fixture: MappingFixture): void {
  rmSync(fixture.dir, { recursive: true, force: true });
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main() {
  const mappings = 1_000_000;
  const lineCount = 1_000_000;
  const chunk = 10_000;
  let start = process.hrtime.bigint();
  const fixture = await buildMappingFixture({ listings: mappings, variants: 200_000 });
  console.log(`fixture: ${mappings} mappings in ${seconds(start).toFixed(1)} s`);

  const handle = openDatabase({ sqlitePath: fixture.path });
  try {
    start = process.hrtime.bigint();
    const index = await getMappingIndex(handle.db, {
      accountId: fixture.accountId,
      channelId: fixture.channelId,
    });
    const buildSeconds = seconds(start);
    console.log(`index build: ${index.entries.size} entries in ${buildSeconds.toFixed(2)} s`);

    // Random order lines over the mapped SKUs, 1% unknown; the same lines for both sides.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const lines: OrderLine[] = new Array(lineCount);
    for (let i = 0; i < lineCount; i++) {
      const n = random() % mappings;
      lines[i] = { channelSku: i % 100 === 0 ? `UNKNOWN-${n}` : fixture.skuOf(n), quantity: 1 + (i % 3) };
    }
    const chunks: OrderLine[][] = [];
    for (let i = 0; i < lineCount; i += chunk) chunks.push(lines.slice(i, i + chunk));

    // The bare Map: the same keys, the same values, one lookup per line.
    const bare = new Map<string, unknown>();
    for (const [key, entry] of index.entries) bare.set(key, entry);
    const runBare = () => {
      let found = 0;
      for (const part of chunks) {
        for (const line of part)
          if (bare.get(indexKey(line.sellerId ?? fixture.sellerId, line.channelSku))) found++;
      }
      return found;
    };
    const runIndex = async () => {
      let mapped = 0;
      for (const part of chunks) {
        // Each call checks the version, as the API does, then translates.
        const current = await getMappingIndex(handle.db, {
          accountId: fixture.accountId,
          channelId: fixture.channelId,
        });
        for (const line of translateLines(current, part).lines) if (line.status === "mapped") mapped++;
      }
      return mapped;
    };

    const best = { bare: Number.POSITIVE_INFINITY, index: Number.POSITIVE_INFINITY };
    for (let round = 0; round < 5; round++) {
      global.gc?.();
      start = process.hrtime.bigint();
      const found = runBare();
      best.bare = Math.min(best.bare, seconds(start));
      global.gc?.();
      start = process.hrtime.bigint();
      const mapped = await runIndex();
      best.index = Math.min(best.index, seconds(start));
      if (found !== mapped) throw new Error(`mismatch: map found ${found}, index mapped ${mapped}`);
    }
    const bareRate = lineCount / best.bare;
    const indexRate = lineCount / best.index;
    console.log(`bare Map lookup:        ${(bareRate / 1e6).toFixed(2)} M lines/s`);
    console.log(
      `translate (mapping idx): ${(indexRate / 1e6).toFixed(2)} M lines/s (${lineCount / chunk} calls of ${chunk} lines, version checked per call)`,
    );
    console.log(`ratio to bare Map: ${((indexRate / bareRate) * 100).toFixed(1)}% (target >= 50%)`);

    // One mapping edited: the next call reloads that listing only (the channel's change log).
    const scope = { accountId: fixture.accountId, channelId: fixture.channelId };
    const [listingId = ""] = index.byListing.keys();
    await writeMappings(handle.db, {
      ...scope,
      actorUserId: null,
      origin: "manual",
      kind: "remap",
      summary: "bench",
      changes: [{ listingId, components: [{ variantId: fixture.variantIdOf(7), quantity: 2 }] }],
    });
    start = process.hrtime.bigint();
    const refreshed = await getMappingIndex(handle.db, scope);
    const refreshMs = seconds(start) * 1000;
    if (refreshed.byListing.get(listingId)?.components[0]?.quantity !== 2) throw new Error("edit not seen");
    console.log(
      `index after one mapping edit: brought forward in ${refreshMs.toFixed(1)} ms (a full build: ${buildSeconds.toFixed(2)} s)`,
    );
  } finally {
    await handle.close();
    removeFixture(fixture);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
