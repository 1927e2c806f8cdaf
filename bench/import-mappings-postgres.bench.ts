// Import of a mapping CSV (unique channel SKUs, every internal SKU existing) into an empty
// channel on PostgreSQL, validated and applied, against `COPY ... FROM STDIN` (pg-copy-streams)
// of the same file into a table with the same unique index; then the re-import (nothing
// changes) and the preview of an upload alone. Starts a throwaway server like the tests do.
// BENCH_ROWS overrides the row count (default 1,000,000). Prints each time's ratio to COPY and
// its peak RSS: each import runs in a child process of its own, so the set-up's memory is not
// counted.
import { execFileSync } from "node:child_process";
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { newId } from "../src/shared/ids.ts";
import { startPostgres } from "../test/support/postgres-server.ts";
import {
  type BenchScope,
  benchSkus,
  createBenchScope,
  seconds,
  timeMappingImport,
  timeMappingPreview,
  writeMappingFile,
} from "./mapping-bench-support.ts";

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);

if (process.argv[2] === "--run") {
  const [what, url = "", scope = "", path = ""] = process.argv.slice(3);
  const ids = JSON.parse(scope) as BenchScope;
  const measured =
    what === "preview"
      ? { s: await timeMappingPreview({ url }, ids, path), summary: null }
      : await timeMappingImport({ url }, ids, path);
  console.log(JSON.stringify({ ...measured, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-pg-import-"));
const csvPath = join(dir, "mappings.csv");

async function setUp(url: string): Promise<BenchScope> {
  const { productId, ...scope } = await createBenchScope({ url });
  const { accountId } = scope;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const variantsPath = join(dir, "variants.tsv");
  const now = new Date().toISOString();
  // written in pieces, so the set-up does not set the process's peak memory
  const file = openSync(variantsPath, "w");
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const sku = benchSkus(i).internal;
    lines.push([accountId, newId(), productId, sku, sku.toLowerCase(), "{}", 0, 0, now, now].join("\t"));
    if (lines.length === 10_000 || i === rows - 1) {
      writeSync(file, `${lines.join("\n")}\n`);
      lines = [];
    }
  }
  closeSync(file);
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
  writeMappingFile(csvPath, rows);
  return scope;
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

type Measured = { s: number; summary: unknown; rssMb: number };

/**
 * Runs one import (or preview) in a child process (this file with `--run WHAT URL SCOPE CSV`), so
 * the peak RSS it reports is that run's own, not the set-up's.
 */
function runApart(what: "import" | "preview", url: string, scope: BenchScope): Measured {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--run", what, url, JSON.stringify(scope), csvPath],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(out.trim().split("\n").pop() ?? "") as Measured;
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
  const first = runApart("import", url.toString(), ids);
  const again = runApart("import", url.toString(), ids);
  const preview = runApart("preview", url.toString(), ids);
  console.log(`first import: ${JSON.stringify(first.summary)}`);
  console.log(`re-import:    ${JSON.stringify(again.summary)}`);
  console.log(`COPY: ${baseline.toFixed(2)} s`);
  for (const [name, run] of [
    ["import (validate + apply)", first],
    ["re-import (no change)", again],
    ["preview of an upload (validate only)", preview],
  ] as const) {
    console.log(
      `${name}: ${run.s.toFixed(2)} s = ${(run.s / baseline).toFixed(2)}x COPY (target <= 2x), peak RSS ${run.rssMb} MB (its own process; target <= 400 MB)`,
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
