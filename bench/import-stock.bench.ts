// Import of a stock file (BENCH_ROWS rows, default 300,000: one SKU each at the default
// location) into an empty SQLite inventory, previewed and applied as the API does, against the
// sqlite3 shell's `.import` of the same file into a table with a unique (sku, location) index;
// then the re-import of the same file (nothing changes) and a file changing every level. Prints
// seconds, ratios and the process's peak RSS. The import stages the file in SQL and plans it a
// page of rows at a time, so its memory stays flat: run with BENCH_ROWS=1000000 to see.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { DatabaseConfig } from "../src/db/database.ts";
import { newId } from "../src/shared/ids.ts";
import { applyStockImport, runStockImport } from "../src/transfer/stock-import.ts";
import { createBenchScope, timeShellImport, timeUploadThenApply } from "./mapping-bench-support.ts";

const rows = Number(process.env.BENCH_ROWS ?? 300_000);
const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-stock-"));
const dbPath = join(dir, "bench.db");
const config: DatabaseConfig = { sqlitePath: dbPath };

/** The variants the file names, inserted directly (the catalog import is not what is measured). */
function insertVariants(accountId: string, productId: string): void {
  const raw = new SqliteDatabase(dbPath);
  const insert = raw.prepare(`insert into variants (account_id, id, product_id, sku, sku_search, options,
    is_default, archived, created_at, updated_at) values (?, ?, ?, ?, ?, '{}', 0, 0, ?, ?)`);
  const now = new Date().toISOString();
  raw.transaction(() => {
    for (let i = 0; i < rows; i++)
      insert.run(accountId, newId(), productId, `STK-${i}`, `stk-${i}`, now, now);
  })();
  raw.close();
}

/** Written 30,000 rows at a time, so the set-up does not set the process's peak memory. */
function writeStockFile(path: string, level: (i: number) => number): void {
  writeFileSync(path, "sku,location,on_hand,reserved\n");
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(`STK-${i},default,${level(i)},0`);
    if (lines.length === 30_000 || i === rows - 1) {
      appendFileSync(path, `${lines.join("\n")}\n`);
      lines = [];
    }
  }
}

function timeSqliteImport(csvPath: string): number | null {
  return timeShellImport({
    dbPath: join(dir, "baseline.db"),
    createSql: `create table s (sku text, location text, on_hand integer, reserved integer);
      create unique index s_key on s (sku, location);`,
    table: "s",
    csvPath,
  });
}

/** Upload (validated, nothing written) then apply, as the console does. */
function timeStockImport(accountId: string, path: string) {
  return timeUploadThenApply(config, {
    accountId,
    kind: "stock",
    path,
    validate: (trx, file, onErrors) => runStockImport(trx, { accountId, path: file, onErrors }),
    apply: (db, importId) =>
      applyStockImport(db, { accountId, importId, validRowsOnly: false, dryRun: false }),
  });
}

try {
  const { accountId, productId } = await createBenchScope(config);
  insertVariants(accountId, productId);
  const first = join(dir, "stock.csv");
  const changed = join(dir, "changed.csv");
  writeStockFile(first, (i) => i % 100);
  writeStockFile(changed, (i) => (i % 100) + 1);
  console.log(`rows: ${rows}`);
  const baseline = timeSqliteImport(first);
  const ratio = (s: number) =>
    baseline ? `${(s / baseline).toFixed(2)}x sqlite3 .import` : "no sqlite3 shell";
  const created = await timeStockImport(accountId, first);
  console.log(`first import: ${JSON.stringify(created.summary)}`);
  const again = await timeStockImport(accountId, first);
  console.log(`re-import:    ${JSON.stringify(again.counts)}`);
  const updated = await timeStockImport(accountId, changed);
  console.log(`every level:  ${JSON.stringify(updated.summary)}`);
  if (baseline) console.log(`sqlite3 .import: ${baseline.toFixed(2)} s`);
  console.log(`import (preview + apply): ${created.s.toFixed(2)} s = ${ratio(created.s)}`);
  console.log(`re-import (no change): ${again.s.toFixed(2)} s = ${ratio(again.s)}`);
  console.log(`every level changed: ${updated.s.toFixed(2)} s = ${ratio(updated.s)}`);
  console.log(
    `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (flat: the file is staged in SQL)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
