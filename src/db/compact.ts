// `crosswalk compact`: gives back the space of deleted rows. SQLite keeps a file's free pages
// after a big delete (a "replace" import that removed 1M mappings leaves the file its size), and
// VACUUM writes the database anew without them. On PostgreSQL, VACUUM ANALYZE makes dead rows'
// space reusable and refreshes the planner's statistics (autovacuum does both in time anyway).
import { sql } from "kysely";
import type { Db } from "./database.ts";
import { rawSqlite } from "./database.ts";

export type CompactResult = { bytesBefore: number; bytesAfter: number } | { vacuumed: true };

function sqliteBytes(raw: NonNullable<ReturnType<typeof rawSqlite>>): number {
  const pages = Number(raw.pragma("page_count", { simple: true }));
  return pages * Number(raw.pragma("page_size", { simple: true }));
}

/** Must run outside any transaction: VACUUM cannot run inside one. */
export async function compactDatabase(db: Db): Promise<CompactResult> {
  const raw = rawSqlite(db);
  if (!raw) {
    await sql`vacuum analyze`.execute(db);
    return { vacuumed: true };
  }
  const bytesBefore = sqliteBytes(raw);
  raw.exec("vacuum");
  // the rewritten pages went through the write-ahead log: copy them home and cut the log
  raw.pragma("wal_checkpoint(TRUNCATE)");
  return { bytesBefore, bytesAfter: sqliteBytes(raw) };
}
