// Products by their product_key: a catalog import puts a new SKU into the existing product its
// row's product_key names, so the key is looked up for every product group of the file.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("products_key").on("products").columns(["account_id", "product_key"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("products_key").execute();
}
