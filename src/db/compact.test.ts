// compactDatabase (`crosswalk compact`): SQLite gives the deleted rows' pages back to the file
// system and keeps every row left; PostgreSQL vacuums the tables.
import { statSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/test-database.ts";
import { compactDatabase } from "./compact.ts";

describe.each(dialects)("compacting the database on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.close());

  it("gives back the space of deleted rows and keeps the others", async () => {
    const { db } = database;
    const blob = "x".repeat(2000);
    // 3,000 rows of 2 KB, in statements of 500 (PostgreSQL caps a statement's parameters)
    for (let from = 0; from < 3000; from += 500) {
      await db
        .insertInto("audit_entries")
        .values(
          Array.from({ length: 500 }, (_, i) => ({
            account_id: "a",
            operation_id: from + i === 0 ? "kept" : "gone",
            seq: from + i,
            entity: "mapping",
            entity_id: `m${from + i}`,
            before: blob,
            after: null,
          })),
        )
        .execute();
    }
    await db.deleteFrom("audit_entries").where("operation_id", "=", "gone").execute();

    const result = await compactDatabase(db);

    const kept = await db.selectFrom("audit_entries").select(["entity_id", "before"]).execute();
    expect(kept).toEqual([{ entity_id: "m0", before: blob }]);
    if (dialect === "sqlite") {
      if (!("bytesBefore" in result)) throw new Error("SQLite reports sizes");
      // about 6 MB of rows were deleted
      expect(result.bytesBefore - result.bytesAfter).toBeGreaterThan(4_000_000);
      expect(statSync(database.sqlitePath ?? "").size).toBe(result.bytesAfter);
      expect(statSync(`${database.sqlitePath}-wal`).size).toBe(0);
    } else {
      expect(result).toEqual({ vacuumed: true });
      const { rows } = await sql<{ vacuumed: boolean }>`select last_vacuum is not null as vacuumed
        from pg_stat_user_tables where relname = 'audit_entries'`.execute(db);
      expect(rows[0]?.vacuumed).toBe(true);
    }
  });
});
