// Hot-path queries compiled once per database and run with new parameters, skipping Kysely's
// per-call query building and compiling (the auth hook and version checks run on every request).
import type { CompiledQuery } from "kysely";
import type { Db } from "./database.ts";

type Cache = Map<string, CompiledQuery>;
const compiledByDb = new WeakMap<object, Cache>();

/**
 * Runs `build(db)` once per database to get the compiled query, then executes it with `parameters`
 * in the order the builder used them. Only for queries whose parameters are exactly those values.
 */
export async function runPrepared<Row>(
  db: Db,
  name: string,
  build: (db: Db) => { compile(): CompiledQuery<Row> },
  parameters: readonly unknown[],
): Promise<Row[]> {
  let cache = compiledByDb.get(db);
  if (!cache) {
    cache = new Map();
    compiledByDb.set(db, cache);
  }
  let compiled = cache.get(name);
  if (!compiled) {
    compiled = build(db).compile();
    cache.set(name, compiled);
  }
  const result = await db.executeQuery<Row>({ ...(compiled as CompiledQuery<Row>), parameters });
  return result.rows;
}
