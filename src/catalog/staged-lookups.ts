// Look-ups of the catalog for a staged catalog import (src/transfer/catalog-stage.ts): the import's
// rows wait in a TEMP table of the caller's transaction, and these fill in, in one statement each,
// what the catalog knows about them, so that a file of any size is resolved without holding it.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** Sets `product_id` of each staged row (columns sku, product_id) to the product of its SKU's variant. */
export async function fillProductsOfSkus(
  db: Db,
  options: { accountId: string; table: string; where: string },
): Promise<void> {
  const table = sql.table(options.table);
  await sql`update ${table} set product_id = (select v.product_id from variants v
      where v.account_id = ${options.accountId} and v.sku = ${table}.sku)
    where ${sql.raw(options.where)}`.execute(db);
}

/**
 * For each staged group with a product key (columns product_key, key_products, key_product_id,
 * key_variant_product_id): how many products have that key and one of them, and the
 * product of the variant whose SKU the key is (an export writes that for a product without a key).
 */
export async function fillProductKeyOwners(
  db: Db,
  options: { accountId: string; table: string },
): Promise<void> {
  const table = sql.table(options.table);
  const { accountId } = options;
  const keyed = sql`from products p where p.account_id = ${accountId} and p.product_key = ${table}.product_key`;
  await sql`update ${table} set
      key_products = (select count(*) ${keyed}),
      key_product_id = (select p.id ${keyed} limit 1),
      key_variant_product_id = (select v.product_id from variants v
        where v.account_id = ${accountId} and v.sku = ${table}.product_key)
    where product_key <> ''`.execute(db);
}
