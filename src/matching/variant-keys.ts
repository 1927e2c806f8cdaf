// Lean variant look-ups for automatic mapping: only what the exact rule needs (variant id and
// whether it is archived), answered by position in the caller's key list so nothing is keyed by
// string twice. A download may bring a million listings, so each chunk of keys is ONE bound
// parameter (a JSON array on SQLite, a text[] on PostgreSQL) that drives an index probe per key.
// Reads the catalog's variants table directly (read-only) for that reason: the catalog's own
// look-ups build full variant records, which costs several times the join a download needs.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { dialectOf } from "../db/dialect.ts";

export type VariantHit = { id: string; archived: boolean };

const chunkSize = 50_000;

type HitRow = { position: number | string; id: string; archived: number | string };

/**
 * For each key, the variants whose `column` equals it exactly (undefined when none). Keys may
 * repeat; each position gets its own answer.
 */
export async function findVariantHits(
  db: Db,
  options: { accountId: string; column: "sku" | "barcode_gtin"; keys: string[] },
): Promise<Array<VariantHit[] | undefined>> {
  const { accountId, column, keys } = options;
  const hits: Array<VariantHit[] | undefined> = new Array(keys.length);
  const postgres = dialectOf(db) === "postgres";
  for (let start = 0; start < keys.length; start += chunkSize) {
    const chunk = keys.slice(start, start + chunkSize);
    // The keys drive the loop (CROSS JOIN fixes that order on SQLite): one index probe per key.
    const source = postgres
      ? sql`unnest(${sql.val(chunk)}::text[]) with ordinality as k(value, position)`
      : sql`(select key + 1 as position, value from json_each(${JSON.stringify(chunk)})) as k`;
    const { rows } = await sql<HitRow>`select k.position as position, v.id as id, v.archived as archived
      from ${source} cross join variants v
      where v.account_id = ${accountId} and v.${sql.ref(column)} = k.value`.execute(db);
    for (const row of rows) {
      const at = start + Number(row.position) - 1;
      const hit = { id: row.id, archived: Number(row.archived) === 1 };
      const list = hits[at];
      if (list) list.push(hit);
      else hits[at] = [hit];
    }
  }
  return hits;
}
