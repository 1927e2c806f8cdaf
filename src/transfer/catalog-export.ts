// Export of an account's catalog in the catalog file format, one row per variant, read product
// page by product page through the catalog area's listProducts. The header names every option of
// the catalog, so the option names are read first, in one statement over the variants' option
// objects; rows stream, and memory holds one page.

import { sql } from "kysely";
import type { Product } from "../catalog/catalog-store.ts";
import { listProducts } from "../catalog/list-products.ts";
import type { Db } from "../db/database.ts";
import { isPostgres } from "../db/dialect.ts";
import { exportedProductKey } from "./catalog-diff.ts";
import { catalogHeader } from "./catalog-file.ts";
import type { Cell } from "./table-output.ts";

const pageSize = 500;

async function* productPages(db: Db, accountId: string): AsyncGenerator<Product[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listProducts(db, { accountId, cursor, limit: pageSize });
    yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** The option names of the account's variants (each variant's options are a JSON object), sorted. */
export async function listCatalogOptionNames(db: Db, accountId: string): Promise<string[]> {
  const names = isPostgres(db)
    ? sql<{ name: string }>`select distinct json_object_keys(options::json) as name from variants
        where account_id = ${accountId} and options <> '{}'`
    : sql<{ name: string }>`select distinct o.key as name from variants v, json_each(v.options) o
        where v.account_id = ${accountId} and v.options <> '{}'`;
  const { rows } = await names.execute(db);
  return rows.map((row) => row.name).sort();
}

async function* catalogRows(db: Db, accountId: string, optionNames: string[]): AsyncGenerator<Cell[]> {
  for await (const page of productPages(db, accountId)) {
    for (const product of page) {
      const key = exportedProductKey(product);
      for (const v of product.variants) {
        yield [
          v.sku,
          key,
          product.name,
          v.name ?? "",
          v.barcode ?? "",
          v.costPrice?.amount ?? "",
          v.costPrice?.currency ?? "",
          v.price?.amount ?? "",
          v.price?.currency ?? "",
          v.archived ? "true" : "false",
          ...optionNames.map((name) => v.options[name] ?? ""),
        ];
      }
    }
  }
}

export async function generateCatalogTable(
  db: Db,
  options: { accountId: string },
): Promise<{ header: string[]; rows: AsyncGenerator<Cell[]> }> {
  const optionNames = await listCatalogOptionNames(db, options.accountId);
  return { header: catalogHeader(optionNames), rows: catalogRows(db, options.accountId, optionNames) };
}
