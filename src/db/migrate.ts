// Applies the migration set (one set for both dialects) in order; run at start-up and by
// `crosswalk migrate`.
import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./database.ts";
import * as initial from "./migrations/0001-initial.ts";
import * as listingsSkuIndex from "./migrations/0002-listings-sku-index.ts";
import * as inventory from "./migrations/0003-inventory.ts";
import * as imports from "./migrations/0004-imports.ts";
import * as downloads from "./migrations/0005-downloads.ts";
import * as variantSearchIndexes from "./migrations/0006-variant-search-indexes.ts";
import * as sync from "./migrations/0007-sync.ts";
import * as coverageHistory from "./migrations/0008-coverage-history.ts";
import * as listingsParentPartial from "./migrations/0009-listings-parent-partial.ts";
import * as mappingChanges from "./migrations/0010-mapping-changes.ts";
import * as productsKeyIndex from "./migrations/0011-products-key-index.ts";
import * as idempotencyFingerprint from "./migrations/0012-idempotency-fingerprint.ts";
import * as downloadIssues from "./migrations/0013-download-issues.ts";

const migrations: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-listings-sku-index": listingsSkuIndex,
  "0003-inventory": inventory,
  "0004-imports": imports,
  "0005-downloads": downloads,
  "0006-variant-search-indexes": variantSearchIndexes,
  "0007-sync": sync,
  "0008-coverage-history": coverageHistory,
  "0009-listings-parent-partial": listingsParentPartial,
  "0010-mapping-changes": mappingChanges,
  "0011-products-key-index": productsKeyIndex,
  "0012-idempotency-fingerprint": idempotencyFingerprint,
  "0013-download-issues": downloadIssues,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
