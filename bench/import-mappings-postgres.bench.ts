// Import of a mapping CSV (unique channel SKUs, every internal SKU existing) into an empty
// channel on PostgreSQL, validated and applied, against `COPY ... FROM STDIN` (pg-copy-streams)
// of the same file into a table with the same unique index; then the re-import (nothing
// changes). Starts a throwaway server like the tests do. BENCH_ROWS overrides the row count
// (default 100,000: the PostgreSQL path still reads in chunked Kysely queries).
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createAccount } from "../src/accounts/accounts.ts";
import { createUser } from "../src/accounts/users.ts";
import { createProduct } from "../src/catalog/create-product.ts";
import { createChannel } from "../src/channels/create-channel.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { newId } from "../src/shared/ids.ts";
import { applyMappingImport } from "../src/transfer/apply-mapping-import.ts";
import { createImport } from "../src/transfer/create-import.ts";
import { planMappingImport } from "../src/transfer/plan-mapping-import.ts";
import { startPostgres } from "../test/support/postgres-server.ts";

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-pg-import-"));
const csvPath = join(dir, "mappings.csv");

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function setUp(url: string): Promise<{ accountId: string; channelId: string }> {
  const handle = openDatabase({ url });
  await migrateToLatest(handle.db);
  const user = await createUser(handle.db, { email: "bench@example.com" });
  const accountId = (await createAccount(handle.db, { name: "Bench", ownerUserId: user.id })).id;
  const channelId = (
    await createChannel(handle.db, {
      accountId,
      channel: { name: "Shop", kind: "sales", platform: "generic" },
    })
  ).id;
  const product = await createProduct(handle.db, { accountId, input: { name: "Bench", sku: "SEED" } });
  await handle.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const variantsPath = join(dir, "variants.tsv");
  const now = new Date().toISOString();
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const sku = `ISKU-${String(i).padStart(7, "0")}`;
    lines.push([accountId, newId(), product.id, sku, sku.toLowerCase(), "{}", 0, 0, now, now].join("\t"));
  }
  writeFileSync(variantsPath, `${lines.join("\n")}\n`);
  await pipeline(
    createReadStream(variantsPath),
    client.query(
      copyFrom(
        "copy variants (account_id, id, product_id, sku, sku_search, options, is_default, archived, created_at, updated_at) from stdin",
      ),
    ),
  );
  await client.query("analyze");
  await client.end();
  const csv = ["channel_sku,internal_sku,quantity,seller_id,action"];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(7, "0");
    csv.push(`CSKU-${n},ISKU-${n},1,,`);
  }
  writeFileSync(csvPath, `${csv.join("\n")}\n`);
  return { accountId, channelId };
}

async function timeCopy(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    "create table copy_baseline (channel_sku text, internal_sku text, quantity integer, seller_id text, action text)",
  );
  await client.query("create unique index copy_baseline_sku on copy_baseline (seller_id, channel_sku)");
  const start = process.hrtime.bigint();
  await pipeline(
    createReadStream(csvPath),
    client.query(copyFrom("copy copy_baseline from stdin with (format csv, header true)")),
  );
  const elapsed = seconds(start);
  await client.end();
  return elapsed;
}

async function timeOurImport(url: string, ids: { accountId: string; channelId: string }) {
  const handle = openDatabase({ url });
  const start = process.hrtime.bigint();
  const record = await createImport(handle.db, {
    ...ids,
    kind: "mappings",
    mode: "merge",
    fileName: "mappings.csv",
    idempotencyKey: null,
    actorUserId: null,
    path: csvPath,
    keepFile: true,
    validate: (path) => planMappingImport(handle.db, { ...ids, path, mode: "merge" }),
  });
  const applied = await applyMappingImport(handle.db, {
    ...ids,
    importId: record.id,
    actorUserId: null,
    validRowsOnly: false,
    dryRun: false,
  });
  const s = seconds(start);
  await handle.close();
  return { s, summary: { counts: applied.counts, summary: applied.summary } };
}

const server = await startPostgres();
try {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("create database cw_bench_import");
  await admin.end();
  const url = new URL(server.url);
  url.pathname = "/cw_bench_import";
  const ids = await setUp(url.toString());
  console.log(`rows: ${rows}`);
  const baseline = await timeCopy(url.toString());
  const first = await timeOurImport(url.toString(), ids);
  const again = await timeOurImport(url.toString(), ids);
  console.log(`first import: ${JSON.stringify(first.summary)}`);
  console.log(`re-import:    ${JSON.stringify(again.summary)}`);
  console.log(`COPY: ${baseline.toFixed(2)} s`);
  for (const [name, s] of [
    ["import (validate + apply)", first.s],
    ["re-import (no change)", again.s],
  ] as const) {
    console.log(`${name}: ${s.toFixed(2)} s = ${(s / baseline).toFixed(2)}x COPY (target <= 2x)`);
  }
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target <= 400 MB)`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
