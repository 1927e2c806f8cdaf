// Import of a catalog file (BENCH_PRODUCTS products, default 100,000, of three variants each:
// 300,000 rows with product key, name, variant name, cost and an option) into an empty SQLite
// catalog, previewed and applied as the API and the CLI do, against the sqlite3 shell's `.import`
// of the same file into a table with a unique SKU index; then the re-import of the same file
// (nothing changes) and a file changing every variant's cost. Prints seconds, ratios and the
// process's peak RSS. The import stages the file in SQL and plans it a page of products at a
// time, so its memory stays flat: run with BENCH_PRODUCTS=333334 (1M rows) to see the same peak.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseConfig } from "../src/db/database.ts";
import { applyCatalogImport } from "../src/transfer/catalog-apply.ts";
import { runCatalogImport } from "../src/transfer/catalog-import.ts";
import { createBenchScope, timeShellImport, timeUploadThenApply } from "./mapping-bench-support.ts";

const products = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-catalog-"));
const config: DatabaseConfig = { sqlitePath: join(dir, "bench.db") };
const header = "sku,product_key,product_name,variant_name,cost_amount,cost_currency,option:Size";

/** Written 10,000 products at a time, so the set-up does not set the process's peak memory. */
function writeCatalogFile(path: string, cost: number): void {
  writeFileSync(path, `${header}\n`);
  let lines: string[] = [];
  for (let p = 0; p < products; p++) {
    for (const size of ["S", "M", "L"])
      lines.push(`SKU-${p}-${size},P-${p},Product ${p},${size},${cost},EUR,${size}`);
    if (lines.length >= 30_000 || p === products - 1) {
      appendFileSync(path, `${lines.join("\n")}\n`);
      lines = [];
    }
  }
}

function timeSqliteImport(csvPath: string): number | null {
  return timeShellImport({
    dbPath: join(dir, "baseline.db"),
    createSql: `create table c (sku text, product_key text, product_name text, variant_name text,
      cost_amount integer, cost_currency text, size text);
      create unique index c_sku on c (sku);`,
    table: "c",
    csvPath,
  });
}

/** Upload (validated, nothing written) then apply, as the console does. */
function timeCatalogImport(accountId: string, path: string) {
  return timeUploadThenApply(config, {
    accountId,
    kind: "catalog",
    path,
    validate: (trx, file, onErrors) =>
      runCatalogImport(trx, { accountId, path: file, kind: "catalog", onErrors }),
    apply: (db, importId) =>
      applyCatalogImport(db, { accountId, importId, validRowsOnly: false, dryRun: false }),
  });
}

try {
  const { accountId } = await createBenchScope(config);
  const first = join(dir, "catalog.csv");
  const costs = join(dir, "costs.csv");
  writeCatalogFile(first, 100);
  writeCatalogFile(costs, 150);
  console.log(`rows: ${products * 3} (${products} products)`);
  const baseline = timeSqliteImport(first);
  const ratio = (s: number) =>
    baseline ? `${(s / baseline).toFixed(2)}x sqlite3 .import` : "no sqlite3 shell";
  const created = await timeCatalogImport(accountId, first);
  console.log(`first import: ${JSON.stringify(created.summary)}`);
  const again = await timeCatalogImport(accountId, first);
  console.log(`re-import:    ${JSON.stringify(again.counts)}`);
  const changed = await timeCatalogImport(accountId, costs);
  console.log(`cost change:  ${JSON.stringify(changed.summary)}`);
  if (baseline) console.log(`sqlite3 .import: ${baseline.toFixed(2)} s`);
  console.log(`import (preview + apply): ${created.s.toFixed(2)} s = ${ratio(created.s)}`);
  console.log(`re-import (no change): ${again.s.toFixed(2)} s = ${ratio(again.s)}`);
  console.log(`every variant's cost changed: ${changed.s.toFixed(2)} s = ${ratio(changed.s)}`);
  console.log(
    `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (flat: the file is staged in SQL)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
