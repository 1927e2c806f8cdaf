// Import of a mapping CSV (unique channel SKUs, every internal SKU existing) into an empty
// channel on PostgreSQL, validated and applied, against `COPY ... FROM STDIN` (pg-copy-streams)
// of the same file into a table with the same unique index; then the re-import (nothing
// changes) and the preview of an upload alone. Starts a throwaway server like the tests do.
// BENCH_ROWS overrides the row count (default 1,000,000). Prints each time's ratio to COPY and
// the peak RSS while each import runs (sampled) as well as the process's peak (set-up included).
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
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

// A full garbage collection before each measured run, so the set-up's garbage (the generated
// files' lines) is not counted as the import's memory.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Runs `work` while sampling the resident set size; answers its result, RSS at start and peak in MB. */
async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; startMb: number; peakMb: number }> {
  collectGarbage();
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, startMb: start / 1024 / 1024, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
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
  const config = { url: url.toString() };
  const first = await withPeakRss(() => timeMappingImport(config, ids, csvPath));
  const again = await withPeakRss(() => timeMappingImport(config, ids, csvPath));
  const preview = await withPeakRss(() => timeMappingPreview(config, ids, csvPath));
  console.log(`first import: ${JSON.stringify(first.result.summary)}`);
  console.log(`re-import:    ${JSON.stringify(again.result.summary)}`);
  console.log(`COPY: ${baseline.toFixed(2)} s`);
  for (const [name, s, run] of [
    ["import (validate + apply)", first.result.s, first],
    ["re-import (no change)", again.result.s, again],
    ["preview of an upload (validate only)", preview.result, preview],
  ] as const) {
    console.log(
      `${name}: ${s.toFixed(2)} s = ${(s / baseline).toFixed(2)}x COPY (target <= 2x), peak RSS ${run.peakMb.toFixed(0)} MB (${run.startMb.toFixed(0)} MB at its start)`,
    );
  }
  console.log(
    `peak RSS of the process (set-up included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target <= 400 MB)`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
