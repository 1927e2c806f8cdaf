// Import of a 1,000,000-row mapping CSV (unique channel SKUs, every internal SKU existing) into
// an empty channel on SQLite, validated and applied, against the sqlite3 shell's `.import` of the
// same file into a table with the same unique index; then the re-import (nothing changes).
// BENCH_ROWS overrides the row count. Prints seconds, ratios and peak RSS.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
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

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const sqlite3 = "/usr/bin/sqlite3";
const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-import-"));
const dbPath = join(dir, "bench.db");
const csvPath = join(dir, "mappings.csv");

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function setUp(): Promise<{ accountId: string; channelId: string }> {
  const handle = openDatabase({ sqlitePath: dbPath });
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
  const raw = new SqliteDatabase(dbPath);
  const insert = raw.prepare(
    "insert into variants (account_id, id, product_id, sku, sku_search, options, is_default, archived, created_at, updated_at) values (?, ?, ?, ?, ?, '{}', 0, 0, ?, ?)",
  );
  const now = new Date().toISOString();
  raw.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const sku = `ISKU-${String(i).padStart(7, "0")}`;
      insert.run(accountId, newId(), product.id, sku, sku.toLowerCase(), now, now);
    }
  })();
  raw.close();
  const lines = ["channel_sku,internal_sku,quantity,seller_id,action"];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(7, "0");
    lines.push(`CSKU-${n},ISKU-${n},1,,`);
  }
  writeFileSync(csvPath, `${lines.join("\n")}\n`);
  return { accountId, channelId };
}

function timeSqliteImport(): number | null {
  if (!existsSync(sqlite3)) return null;
  const target = join(dir, "baseline.db");
  const script = [
    "create table m (channel_sku text, internal_sku text, quantity integer, seller_id text, action text);",
    "create unique index m_sku on m (seller_id, channel_sku);",
    ".mode csv",
    `.import --skip 1 ${csvPath} m`,
  ].join("\n");
  const start = process.hrtime.bigint();
  const result = spawnSync(sqlite3, [target], { input: script, encoding: "utf8" });
  const elapsed = seconds(start);
  if (result.status !== 0) throw new Error(result.stderr);
  return elapsed;
}

async function timeOurImport(ids: {
  accountId: string;
  channelId: string;
}): Promise<{ s: number; summary: unknown }> {
  const handle = openDatabase({ sqlitePath: dbPath });
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

try {
  const ids = await setUp();
  console.log(`rows: ${rows}`);
  const baseline = timeSqliteImport();
  const first = await timeOurImport(ids);
  const again = await timeOurImport(ids);
  const mb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  console.log(`first import: ${JSON.stringify(first.summary)}`);
  console.log(`re-import:    ${JSON.stringify(again.summary)}`);
  if (baseline === null) console.log("sqlite3 shell not found at /usr/bin/sqlite3: baseline unavailable");
  else console.log(`sqlite3 .import: ${baseline.toFixed(2)} s`);
  for (const [name, s, target] of [
    ["import (validate + apply)", first.s, 1.5],
    ["re-import (no change)", again.s, 1.0],
  ] as const) {
    const ratio = baseline ? ` = ${(s / baseline).toFixed(2)}x sqlite3 .import (target <= ${target}x)` : "";
    console.log(`${name}: ${s.toFixed(2)} s${ratio}`);
  }
  console.log(`peak RSS: ${mb} MB (target <= 400 MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
