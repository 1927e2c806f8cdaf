// Variant search on 1M variants (SQLite): our searchVariants (Kysely, phases, row mapping) against
// the same index range queries run as bare better-sqlite3 prepared statements, the fastest way to
// ask SQLite the same thing. Prints µs/query for both and the ratio.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { searchVariants } from "../src/catalog/search-variants.ts";
import { openDatabase } from "../src/db/database.ts";
import { prefixUpperBound } from "../src/db/dialect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

const variantCount = Number(process.env.BENCH_VARIANTS ?? 1_000_000);
const variantsPerProduct = 10;
const queryCount = 2000;
const limit = 20;
const accountId = "bench-account";
const words = ["hoodie", "mug", "cap", "tee", "sock", "scarf", "bottle", "bag", "lamp", "chair"];
const colors = ["red", "blue", "green", "black", "white", "grey", "navy", "pink"];

function gtin13Of(n: number): string {
  const body = `40${String(n).padStart(10, "0")}`;
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i -= 1, w = 4 - w) sum += Number(body[i]) * w;
  return body + String((10 - (sum % 10)) % 10);
}
const skuOf = (n: number) => `SKU-${String(n).padStart(7, "0")}`;
const nameOf = (n: number) => `${words[n % words.length]} ${colors[(n >> 3) % colors.length]} ${n}`;

function fillCatalog(path: string): void {
  const raw = new SqliteDatabase(path);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const now = new Date().toISOString();
  raw.prepare("insert into accounts (id, name, created_at) values (?, ?, ?)").run(accountId, "Bench", now);
  const product = raw.prepare(
    "insert into products (account_id, id, name, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const variant = raw.prepare(
    `insert into variants (account_id, id, product_id, sku, sku_search, barcode, barcode_gtin, name,
       name_search, options, is_default, archived, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, 0, ?, ?)`,
  );
  raw.transaction(() => {
    for (let n = 0; n < variantCount; n += 1) {
      const productId = `p${Math.floor(n / variantsPerProduct)}`;
      if (n % variantsPerProduct === 0) product.run(accountId, productId, nameOf(n), now, now);
      const sku = skuOf(n);
      const barcode = n % 2 === 0 ? gtin13Of(n) : null;
      const name = nameOf(n);
      const id = `v${String(n).padStart(8, "0")}`;
      variant.run(
        accountId,
        id,
        productId,
        sku,
        sku.toLowerCase(),
        barcode,
        barcode ? `0${barcode}` : null,
        name,
        name,
        n % variantsPerProduct === 0 ? 1 : 0,
        now,
        now,
      );
    }
  })();
  raw.exec("analyze");
  raw.close();
}

function makeQueries(): string[] {
  const queries: string[] = [];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < queryCount; i += 1) {
    const n = Math.floor(random() * variantCount);
    const kind = i % 5;
    if (kind === 0 || kind === 1)
      queries.push(skuOf(n).slice(0, 9).toLowerCase()); // ~1000 SKUs share it
    else if (kind === 2) queries.push(skuOf(n));
    else if (kind === 3) queries.push(gtin13Of(n - (n % 2)));
    else queries.push(nameOf(n).split(" ").slice(0, 2).join(" "));
  }
  return queries;
}

/** The same phases as searchVariants, hand-written and prepared once. */
function makeBareSearch(path: string) {
  const raw = new SqliteDatabase(path, { readonly: true });
  const base = "select * from variants where account_id = ? and archived = 0";
  const notSku = "(sku_search < ? or sku_search >= ?)";
  const exact = raw.prepare(`${base} and sku = ? limit ?`);
  const skuPrefix = raw.prepare(
    `${base} and sku_search >= ? and sku_search < ? and sku != ? order by sku_search, id limit ?`,
  );
  const barcode = raw.prepare(`${base} and barcode_gtin = ? and ${notSku} order by id limit ?`);
  const names = raw.prepare(
    `${base} and name_search >= ? and name_search < ? and ${notSku} order by name_search, id limit ?`,
  );
  const namesNotGtin = raw.prepare(
    `${base} and name_search >= ? and name_search < ? and ${notSku} and (barcode_gtin is null or barcode_gtin != ?) order by name_search, id limit ?`,
  );
  const search = (q: string): unknown[] => {
    const lower = q.toLowerCase();
    const upper = prefixUpperBound(lower);
    const gtin = /^\d{13}$/.test(q) ? `0${q}` : null;
    const rows: unknown[] = [];
    const want = () => limit + 1 - rows.length;
    rows.push(...exact.all(accountId, q, want()));
    if (want() > 0) rows.push(...skuPrefix.all(accountId, lower, upper, q, want()));
    if (gtin && want() > 0) rows.push(...barcode.all(accountId, gtin, lower, upper, want()));
    if (want() > 0) {
      rows.push(
        ...(gtin
          ? namesNotGtin.all(accountId, lower, upper, lower, upper, gtin, want())
          : names.all(accountId, lower, upper, lower, upper, want())),
      );
    }
    return rows;
  };
  return { search, close: () => raw.close() };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-"));
  const path = join(dir, "bench.db");
  try {
    const setup = openDatabase({ sqlitePath: path });
    await migrateToLatest(setup.db);
    await setup.close();
    const fillStart = performance.now();
    fillCatalog(path);
    // opened after ANALYZE, as a server started on an existing catalog would be
    const handle = openDatabase({ sqlitePath: path });
    console.log(`built ${variantCount} variants in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);
    const queries = makeQueries();
    const bare = makeBareSearch(path);

    // two rounds, alternating, timing the second: the first pulls the file into the OS cache
    // for whichever path runs first, which would otherwise be charged to it alone
    let ourUs = 0;
    let bareUs = 0;
    let ourRows = 0;
    let bareRows = 0;
    for (let round = 0; round < 2; round += 1) {
      ourRows = 0;
      bareRows = 0;
      const ourStart = performance.now();
      for (const q of queries)
        ourRows += (await searchVariants(handle.db, { accountId, q, limit })).items.length;
      ourUs = ((performance.now() - ourStart) * 1000) / queries.length;
      const bareStart = performance.now();
      for (const q of queries) bareRows += Math.min(bare.search(q).length, limit);
      bareUs = ((performance.now() - bareStart) * 1000) / queries.length;
    }
    if (ourRows !== bareRows) throw new Error(`result counts differ: ours ${ourRows}, bare ${bareRows}`);
    console.log(
      `variant search: ours ${ourUs.toFixed(1)} µs/query, bare SQLite ${bareUs.toFixed(1)} µs/query, ratio ${(ourUs / bareUs).toFixed(2)}`,
    );
    bare.close();
    await handle.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
