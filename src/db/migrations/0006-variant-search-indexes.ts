// Variant search pages by (key, id). With id as the last index column, SQLite and PostgreSQL read
// a prefix range in page order and stop at the limit, instead of sorting every SKU or name that
// starts with the search term (1000s of rows on a 1M catalog). Replaces the 0001 search indexes.
import type { Kysely } from "kysely";

const indexes = [
  { name: "variants_sku_search", column: "sku_search" },
  { name: "variants_barcode", column: "barcode_gtin" },
  { name: "variants_name_search", column: "name_search" },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, column } of indexes) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on("variants").columns(["account_id", column, "id"]).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name, column } of indexes) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on("variants").columns(["account_id", column]).execute();
  }
}
