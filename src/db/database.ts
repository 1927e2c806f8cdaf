// Opens the configured database: SQLite (better-sqlite3, WAL) by default, PostgreSQL when a
// postgres:// URL is given. Callers pass the returned Kysely instance to use cases.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { DialectName } from "./dialect.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export type DatabaseConfig = { url?: string | undefined; sqlitePath?: string | undefined };

export type DatabaseHandle = { db: Db; dialect: DialectName; describe: string; close: () => Promise<void> };

export const defaultSqlitePath = "./data/crosswalk.db";

// bigint columns (money) and count(*) come back from pg as strings; they fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function resolveDatabaseConfig(options: { db?: string | undefined } = {}): DatabaseConfig {
  const url = process.env.DATABASE_URL;
  if (options.db) return { sqlitePath: options.db };
  if (url?.startsWith("postgres://") || url?.startsWith("postgresql://")) return { url };
  return { sqlitePath: process.env.CROSSWALK_DB ?? defaultSqlitePath };
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.url) {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection dropped by the server (restart, admin command) must not crash the
    // process; the pool replaces it on the next query.
    pool.on("error", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") process.stderr.write(`postgres idle connection error: ${error.message}\n`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pgClients.set(db.getExecutor().adapter, recordPoolClients(pool));
    const where = new URL(config.url);
    return {
      db,
      dialect: "postgres",
      describe: `postgres://${where.host}${where.pathname}`,
      close: () => db.destroy(),
    };
  }
  const path = config.sqlitePath ?? defaultSqlitePath;
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  // New databases get 8 KiB pages: a bulk import writes some 15 B-tree entries per mapping, and
  // fewer, larger pages made a 1M-row import about 15% faster at the same peak memory (16 KiB:
  // a little faster, 40 MB more). An existing file keeps its page size.
  sqlite.pragma("page_size = 8192");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  // A 1M-row import grows the write-ahead log to some 2 GB; once it is checkpointed, the log is
  // cut back to this size instead of keeping its largest size on disk while the server runs.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 10000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  rawConnections.set(db.getExecutor().adapter, sqlite);
  // A second, read-only connection: in WAL mode it reads the last commit while the first one is
  // inside a long transaction (a 1M-row import holds it for seconds), see readerOf.
  const reader =
    path === ":memory:"
      ? null
      : new Kysely<Database>({
          dialect: new SqliteDialect({ database: withStatementCache(openReader(path)) }),
        });
  if (reader) readers.set(db.getExecutor().adapter, reader);
  const close = async () => {
    await reader?.destroy();
    await db.destroy();
  };
  return { db, dialect: "sqlite", describe: `sqlite:${path}`, close };
}

function openReader(path: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(path, { readonly: true });
  sqlite.pragma("busy_timeout = 10000");
  return sqlite;
}

const readers = new WeakMap<object, Db>();

/**
 * Where to run reads that must not wait for another request's transaction: on SQLite a second,
 * read-only connection seeing the last commit (every request shares the one writing connection,
 * and Kysely holds it for a whole transaction); on PostgreSQL the pool itself. Used by the
 * authentication of every request and by import status polls, so the server still answers them
 * while an import writes. Not inside a transaction: it would not see the transaction's writes.
 */
export function readerOf(db: Db): Db {
  if (db.isTransaction) return db;
  return readers.get(db.getExecutor().adapter) ?? db;
}

// Kysely's SQLite dialect runs every query on this one connection, and a Kysely transaction
// (trx) is that same connection between its BEGIN and COMMIT. Bulk paths (a 1M-row import or
// export) reach the connection directly so they can run prepared statements row by row without
// building and compiling a Kysely query per batch; inside `db.transaction()` their writes are part
// of the transaction. Keyed by the query adapter, which Kysely creates once per instance and
// hands on unchanged to every transaction of it.
const rawConnections = new WeakMap<object, SqliteDatabase.Database>();

/** The better-sqlite3 connection behind `db` or its transaction; undefined on PostgreSQL. */
export function rawSqlite(db: Db): SqliteDatabase.Database | undefined {
  return rawConnections.get(db.getExecutor().adapter);
}

/**
 * Runs `read` on the SQLite connection behind `db` while Kysely holds it for this caller (in a
 * transaction: the transaction's hold), so the statements never run inside another request's
 * open transaction; undefined on PostgreSQL. `read` is synchronous: nothing else can interleave.
 */
export async function readRawSqlite<T>(
  db: Db,
  read: (raw: SqliteDatabase.Database) => T,
): Promise<T | undefined> {
  const raw = rawSqlite(db);
  if (!raw) return undefined;
  if (db.isTransaction) return read(raw);
  return db.connection().execute(async () => read(raw));
}

// PostgreSQL bulk paths (COPY of a 1M-row import) need the pg client that runs a Kysely
// transaction, which Kysely keeps to itself. The pool records every client it connects by its
// server process id, so the transaction's client is found by asking the server for its pid.
// Keyed by the query adapter, as rawConnections is.
type PgClient = pg.PoolClient & { processID: number | null };
const pgClients = new WeakMap<object, Map<number, PgClient>>();

function recordPoolClients(pool: pg.Pool): Map<number, PgClient> {
  const clients = new Map<number, PgClient>();
  pool.on("connect", (client) => {
    const pid = (client as PgClient).processID;
    if (pid !== null) clients.set(pid, client as PgClient);
  });
  pool.on("remove", (client) => {
    const pid = (client as PgClient).processID;
    if (pid !== null && clients.get(pid) === client) clients.delete(pid);
  });
  return clients;
}

/**
 * The pg client running `trx` (a Kysely transaction: only then do all its queries share one
 * connection); undefined on SQLite. While the transaction's callback runs, nothing else uses
 * the client, so a caller may run a COPY on it between the transaction's queries.
 */
export async function rawPostgres(trx: Db): Promise<pg.PoolClient | undefined> {
  const clients = pgClients.get(trx.getExecutor().adapter);
  if (!clients) return undefined;
  if (!trx.isTransaction) throw new Error("rawPostgres needs a transaction");
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  const pid = rows[0]?.pid;
  return pid === undefined ? undefined : clients.get(pid);
}

const statementCacheSize = 256;

/**
 * Kysely prepares every SQLite statement anew; preparing costs as much as running a small query.
 * This keeps the most recent statements by SQL text and reuses one unless it is still iterating.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        if (cache.size >= statementCacheSize) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
