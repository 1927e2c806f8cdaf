// What the mapping-file benchmarks share: the account, channel and seed product they run in,
// the generated 1M-row mapping file, the timer, and one import (upload + apply) through the
// same functions the CLI and the API use.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { createAccount } from "../src/accounts/accounts.ts";
import { createUser } from "../src/accounts/users.ts";
import { createProduct } from "../src/catalog/create-product.ts";
import { createChannel } from "../src/channels/create-channel.ts";
import { type DatabaseConfig, type Db, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { importAndApplyMappings } from "../src/transfer/apply-mapping-import.ts";
import { createImport, type ValidateImport } from "../src/transfer/create-import.ts";
import type { ImportKind, ImportRecord } from "../src/transfer/import-store.ts";
import { planMappingImport } from "../src/transfer/plan-mapping-import.ts";

export type BenchScope = { accountId: string; channelId: string };

/**
 * An account-level import as the console makes it: the upload (validated, nothing written), then
 * its apply, on a connection of their own. Answers seconds, the preview's counts and the summary.
 */
export async function timeUploadThenApply(
  config: DatabaseConfig,
  options: {
    accountId: string;
    kind: ImportKind;
    path: string;
    validate: ValidateImport;
    apply: (db: Db, importId: string) => Promise<ImportRecord>;
  },
) {
  const handle = openDatabase(config);
  try {
    const start = process.hrtime.bigint();
    const record = await createImport(handle.db, {
      ...options,
      channelId: null,
      mode: "merge",
      fileName: basename(options.path),
      idempotencyKey: null,
      actorUserId: null,
      keepFile: true,
    });
    const applied = await options.apply(handle.db, record.id);
    return { s: seconds(start), counts: record.counts, summary: applied.summary };
  } finally {
    await handle.close();
  }
}

const sqlite3 = "/usr/bin/sqlite3";

/**
 * The baseline of the SQLite import benches: the sqlite3 shell's `.import` of `csvPath` (header
 * skipped) into `table`, made by `createSql` (the table and its unique index) in a new database
 * file `dbPath`. Answers seconds, or null when the shell is not installed.
 */
export function timeShellImport(options: {
  dbPath: string;
  createSql: string;
  table: string;
  csvPath: string;
}) {
  if (!existsSync(sqlite3)) return null;
  const script = [
    options.createSql,
    ".mode csv",
    `.import --skip 1 ${options.csvPath} ${options.table}`,
  ].join("\n");
  const start = process.hrtime.bigint();
  const result = spawnSync(sqlite3, [options.dbPath], { input: script, encoding: "utf8" });
  const elapsed = seconds(start);
  if (result.status !== 0) throw new Error(result.stderr);
  return elapsed;
}

export function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Internal and channel SKUs of row i: ISKU-0000042 / CSKU-0000042. */
export function benchSkus(i: number): { internal: string; channel: string } {
  const n = String(i).padStart(7, "0");
  return { internal: `ISKU-${n}`, channel: `CSKU-${n}` };
}

/** A migrated database with one account, one channel and the product the seeded variants join. */
export async function createBenchScope(config: DatabaseConfig): Promise<BenchScope & { productId: string }> {
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const user = await createUser(handle.db, { email: "bench@example.com" });
    const accountId = (await createAccount(handle.db, { name: "Bench", ownerUserId: user.id })).id;
    const channel = await createChannel(handle.db, {
      accountId,
      channel: { name: "Shop", kind: "sales", platform: "generic" },
    });
    const product = await createProduct(handle.db, { accountId, input: { name: "Bench", sku: "SEED" } });
    return { accountId, channelId: channel.id, productId: product.id };
  } finally {
    await handle.close();
  }
}

/** The canonical mapping file: one row per channel SKU, each mapped to its internal SKU x1. */
export function writeMappingFile(path: string, rows: number): void {
  const lines = ["channel_sku,internal_sku,quantity,seller_id,action"];
  for (let i = 0; i < rows; i++) {
    const { internal, channel } = benchSkus(i);
    lines.push(`${channel},${internal},1,,`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/**
 * Imports a mapping file as the CLI and `POST .../imports?apply=true` do: validated and applied
 * in one pass and one transaction. Answers seconds and summary.
 */
export async function timeMappingImport(
  config: DatabaseConfig,
  scope: BenchScope,
  csvPath: string,
): Promise<{ s: number; summary: unknown }> {
  const handle = openDatabase(config);
  try {
    const start = process.hrtime.bigint();
    const applied = await importAndApplyMappings(handle.db, {
      ...scope,
      mode: "merge",
      fileName: "mappings.csv",
      idempotencyKey: null,
      actorUserId: null,
      path: csvPath,
      keepFile: true,
      validRowsOnly: false,
    });
    return { s: seconds(start), summary: { counts: applied.counts, summary: applied.summary } };
  } finally {
    await handle.close();
  }
}

/** The preview of an upload alone (validated in full, nothing written). Answers seconds. */
export async function timeMappingPreview(
  config: DatabaseConfig,
  scope: BenchScope,
  csvPath: string,
): Promise<number> {
  const handle = openDatabase(config);
  try {
    const start = process.hrtime.bigint();
    // no row of the bench file is rejected
    await planMappingImport(handle.db, { ...scope, path: csvPath, mode: "merge", onErrors: async () => {} });
    return seconds(start);
  } finally {
    await handle.close();
  }
}
