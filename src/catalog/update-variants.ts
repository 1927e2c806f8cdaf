// Many variant changes at once (a catalog import of thousands of price, barcode or option
// changes), in the caller's transaction: the variants are read and written 500 at a time, one
// select and one UPDATE ... FROM (VALUES ...) per chunk, where updateVariant costs three
// statements per variant (a round trip each on PostgreSQL). SKUs do not change here (updateVariant
// does that, with its conflict checks); archiving or restoring any variant bumps every channel's
// mapping version once, as updateVariant does for one.
import { sql } from "kysely";
import { bumpAccountMappingVersions } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import type { UpdateVariantBody } from "./schemas.ts";
import { changesOf } from "./update-variant.ts";

export type VariantChange = { variantId: string; input: Omit<UpdateVariantBody, "sku"> };

// the columns written, with the type PostgreSQL needs them cast to from a VALUES list
const written = [
  ["name", "text"],
  ["name_search", "text"],
  ["barcode", "text"],
  ["barcode_gtin", "text"],
  ["options", "text"],
  ["length_mm", "integer"],
  ["width_mm", "integer"],
  ["height_mm", "integer"],
  ["weight_g", "integer"],
  ["cost_amount", "bigint"],
  ["cost_currency", "text"],
  ["price_amount", "bigint"],
  ["price_currency", "text"],
  ["archived", "integer"],
] as const;

type WrittenColumn = (typeof written)[number][0];

const chunkSize = 500;

/** Applies every change (each variant at most once); answers how many variants were written. */
export async function updateVariants(
  db: Db,
  options: { accountId: string; changes: VariantChange[] },
): Promise<number> {
  const { accountId, changes } = options;
  const now = nowIso();
  let archivedChanged = false;
  for (let i = 0; i < changes.length; i += chunkSize) {
    const chunk = changes.slice(i, i + chunkSize);
    const current = await db
      .selectFrom("variants")
      .innerJoin("products", (join) =>
        join
          .onRef("products.account_id", "=", "variants.account_id")
          .onRef("products.id", "=", "variants.product_id"),
      )
      .select([...written.map(([column]) => `variants.${column}` as const), "variants.id"])
      .select("products.name as product_name")
      .where("variants.account_id", "=", accountId)
      .where(
        "variants.id",
        "in",
        chunk.map((change) => change.variantId),
      )
      .execute();
    const byId = new Map(current.map((row) => [row.id, row]));
    const tuples = chunk.map(({ variantId, input }) => {
      const row = byId.get(variantId);
      if (!row) throw new AppError("VARIANT_NOT_FOUND", "Variant not found.", { variantId });
      const set = changesOf(input, row.product_name) as Partial<Record<WrittenColumn, unknown>>;
      if (set.archived !== undefined && Number(set.archived) !== Number(row.archived)) archivedChanged = true;
      const values = written.map(([column]) => (column in set ? set[column] : row[column]) ?? null);
      return sql`(${sql.join([variantId, ...values])})`;
    });
    // VALUES columns are column1, column2, ... on both dialects: column1 is the id
    const assignments = written.map(
      ([column, type], index) =>
        sql`${sql.ref(column)} = cast(${sql.ref(`x.column${index + 2}`)} as ${sql.raw(type)})`,
    );
    await sql`update variants set ${sql.join(assignments)}, updated_at = ${now}
      from (values ${sql.join(tuples)}) as x
      where variants.account_id = ${accountId} and variants.id = x.column1`.execute(db);
  }
  if (archivedChanged) await bumpAccountMappingVersions(db, accountId);
  return changes.length;
}
