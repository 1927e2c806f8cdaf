// prepareBulkTransaction: on PostgreSQL the JIT is off inside the bulk transaction and back to the
// server's setting after it; on SQLite the transaction runs as before.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/test-database.ts";
import { isPostgres, prepareBulkTransaction } from "./dialect.ts";

describe.each(dialects)("bulk transactions on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.close());

  it("turns PostgreSQL's JIT off for the transaction only", async () => {
    const { db } = database;
    const jitOf = async (on: typeof db) => (await sql<{ jit: string }>`show jit`.execute(on)).rows[0]?.jit;
    const inside = await db.transaction().execute(async (trx) => {
      await prepareBulkTransaction(trx);
      return isPostgres(trx)
        ? jitOf(trx)
        : (await sql<{ one: number }>`select 1 as one`.execute(trx)).rows[0]?.one;
    });
    if (dialect === "sqlite") {
      expect(inside).toBe(1);
      return;
    }
    expect(inside).toBe("off");
    // the pool's connections keep the server's setting
    const server = (
      await sql<{ setting: string }>`select boot_val as setting from pg_settings where name = 'jit'`.execute(
        db,
      )
    ).rows[0]?.setting;
    expect(server).toBe("on");
    expect(await jitOf(db)).toBe("on");
  });
});
