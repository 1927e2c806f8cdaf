// A fresh, migrated database per test file, on SQLite (temp file) or PostgreSQL (a new database
// in the run's server). Integration tests run once per dialect with `describe.each(dialects)`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/database.ts";
import type { DialectName } from "../../src/db/dialect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";

export const dialects: DialectName[] = ["sqlite", "postgres"];

export type TestDatabase = DatabaseHandle & { sqlitePath?: string; url?: string };

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "crosswalk-test-"));
    const sqlitePath = join(dir, "test.db");
    const handle = openDatabase({ sqlitePath });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      sqlitePath,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = inject("postgresUrl");
  const name = `cw_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString() });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
