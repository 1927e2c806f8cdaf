// The few places where SQLite and PostgreSQL differ, kept in one file.
import { type ColumnDataType, type Expression, type Kysely, PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: dialect checks accept a Kysely of any schema
type AnyKysely = Kysely<any>;

export type DialectName = "sqlite" | "postgres";

export function isPostgres(db: AnyKysely): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function dialectOf(db: AnyKysely): DialectName {
  return isPostgres(db) ? "postgres" : "sqlite";
}

/**
 * Column type for SKUs and other keys. SQLite compares text byte by byte; on PostgreSQL the
 * "C" collation gives the same exact, byte-ordered comparison, so prefix range scans use the index.
 */
export function keyText(db: Kysely<unknown>): ColumnDataType | Expression<unknown> {
  return isPostgres(db) ? sql`text collate "C"` : "text";
}

/** Upper bound for a prefix range scan: every string starting with `prefix` sorts below it. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/**
 * Readies a transaction for set-based bulk statements over staged rows (a 1M-row import):
 * PostgreSQL's JIT would compile each large statement anew, which cost more than it saved
 * (0.8 s of a 300k-row import's validation). Lasts until the transaction ends; nothing on SQLite.
 */
export async function prepareBulkTransaction(trx: AnyKysely): Promise<void> {
  if (isPostgres(trx)) await sql`set local jit = off`.execute(trx);
}

/**
 * Waits for, then holds until the transaction ends, the lock named `name` (e.g. one account's
 * catalog imports), so bulk writes that plan all their changes before writing them run one after
 * the other and the second plans on what the first committed. A PostgreSQL advisory lock; a
 * SQLite write transaction runs alone anyway. `onWait` is called when another transaction holds
 * the lock, before waiting for it.
 */
export async function lockBulkWrites(trx: AnyKysely, name: string, onWait?: () => void): Promise<void> {
  if (!isPostgres(trx)) return;
  const key = sql`hashtextextended(${name}, 0)`;
  if (onWait) {
    const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${key}) as got`.execute(
      trx,
    );
    if (rows[0]?.got) return;
    onWait();
  }
  await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}
