// prepareBulkTransaction: on PostgreSQL the JIT is off inside the bulk transaction and back to the
// server's setting after it; on SQLite the transaction runs as before. And SQLite's write-ahead
// log does not keep the size a bulk import grew it to.
import { statSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdInTransaction } from "../../test/support/hold-lock.ts";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/test-database.ts";
import { isPostgres, lockBulkWrites, prepareBulkTransaction } from "./dialect.ts";

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

describe("named bulk-write locks on postgres", () => {
  it("tell the caller it waits when another transaction holds the lock, and not when it is free", async () => {
    const database = await createTestDatabase("postgres");
    const { db } = database;
    const waits: string[] = [];
    await db.transaction().execute((trx) => lockBulkWrites(trx, "free", () => waits.push("free")));
    const holder = await holdInTransaction(db, (trx) => lockBulkWrites(trx, "busy"));
    const waiter = db.transaction().execute((trx) =>
      lockBulkWrites(trx, "busy", () => {
        waits.push("busy");
        void holder.release();
      }),
    );
    await waiter;
    await holder.release();
    expect(waits).toEqual(["busy"]);
    await database.close();
  });
});

describe("SQLite's write-ahead log", () => {
  it("is cut back to 64 MB after a large transaction, at the next write", async () => {
    const database = await createTestDatabase("sqlite");
    const { db, sqlitePath } = database;
    const walSize = () => statSync(`${sqlitePath}-wal`).size;
    await sql`create table scratch (blob blob)`.execute(db);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 80; i++) await sql`insert into scratch values (zeroblob(1048576))`.execute(trx);
    });
    expect(walSize()).toBeGreaterThan(80 * 1024 * 1024);
    await sql`delete from scratch`.execute(db);
    expect(walSize()).toBeLessThanOrEqual(64 * 1024 * 1024 + 64 * 1024);
    await database.close();
  });
});
