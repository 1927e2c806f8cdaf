// Import of a 1,000,000-row mapping CSV (unique channel SKUs, every internal SKU existing) into
// an empty channel on SQLite, validated and applied, against the sqlite3 shell's `.import` of the
// same file into a table with the same unique index; then the re-import (nothing changes).
// BENCH_ROWS overrides the row count. Prints seconds, ratios and peak RSS. The data is built
// in a child process, so the peak RSS printed is the imports' own. Last, in a child process of
// its own, the import of a file whose every row is rejected (unknown internal SKU): its rejected
// rows go to the error table as they are found, so its memory must not grow with them either.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { newId } from "../src/shared/ids.ts";
import {
  type BenchScope,
  benchSkus,
  createBenchScope,
  timeMappingImport,
  timeMappingPreview,
  timeShellImport,
  writeMappingFile,
} from "./mapping-bench-support.ts";

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const [mode, childDir, childScope] = process.argv.slice(2);
const dir = childDir ?? mkdtempSync(join(tmpdir(), "crosswalk-bench-import-"));
const dbPath = join(dir, "bench.db");
const csvPath = join(dir, "mappings.csv");
const rejectedPath = join(dir, "rejected.csv");

/** Runs this file in a child process (`--set-up DIR` or `--rejected DIR SCOPE`) and answers its last line's JSON. */
function runApart<T>(...args: string[]): T {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "") as T;
}

async function setUp(): Promise<BenchScope> {
  const { productId, ...scope } = await createBenchScope({ sqlitePath: dbPath });
  const raw = new SqliteDatabase(dbPath);
  const insert = raw.prepare(
    "insert into variants (account_id, id, product_id, sku, sku_search, options, is_default, archived, created_at, updated_at) values (?, ?, ?, ?, ?, '{}', 0, 0, ?, ?)",
  );
  const now = new Date().toISOString();
  raw.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const sku = benchSkus(i).internal;
      insert.run(scope.accountId, newId(), productId, sku, sku.toLowerCase(), now, now);
    }
  })();
  raw.close();
  writeMappingFile(csvPath, rows);
  const lines = ["channel_sku,internal_sku,quantity,seller_id,action"];
  for (let i = 0; i < rows; i++) lines.push(`REJ-${i},NO-SUCH-SKU-${i},1,,`);
  writeFileSync(rejectedPath, `${lines.join("\n")}\n`);
  return scope;
}

function timeSqliteImport(): number | null {
  return timeShellImport({
    dbPath: join(dir, "baseline.db"),
    createSql: `create table m (channel_sku text, internal_sku text, quantity integer, seller_id text, action text);
      create unique index m_sku on m (seller_id, channel_sku);`,
    table: "m",
    csvPath,
  });
}

if (mode === "--set-up") {
  console.log(JSON.stringify(await setUp()));
  process.exit(0);
}
if (mode === "--rejected") {
  const { s, summary } = await timeMappingImport(
    { sqlitePath: dbPath },
    JSON.parse(childScope ?? ""),
    rejectedPath,
  );
  console.log(JSON.stringify({ s, summary, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

try {
  const ids = runApart<BenchScope>("--set-up", dir);
  console.log(`rows: ${rows}`);
  const baseline = timeSqliteImport();
  const first = await timeMappingImport({ sqlitePath: dbPath }, ids, csvPath);
  const again = await timeMappingImport({ sqlitePath: dbPath }, ids, csvPath);
  const preview = await timeMappingPreview({ sqlitePath: dbPath }, ids, csvPath);
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
  console.log(
    `upload preview alone (validated, nothing written; the console's first step): ${preview.toFixed(2)} s`,
  );
  console.log(`peak RSS: ${mb} MB (target <= 400 MB)`);
  const rejected = runApart<{ s: number; summary: unknown; rssMb: number }>(
    "--rejected",
    dir,
    JSON.stringify(ids),
  );
  console.log(`every row rejected: ${JSON.stringify(rejected.summary)}`);
  console.log(
    `import of ${rows} rows, every one rejected (errors stored, nothing written): ${rejected.s.toFixed(2)} s, peak RSS ${rejected.rssMb} MB (target <= 400 MB)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
