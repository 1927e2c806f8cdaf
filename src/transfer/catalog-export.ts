// Export of an account's catalog in the catalog file format, one row per variant, read product
// page by product page through the catalog area's listProducts. The option columns are known
// only after a first pass over the variants (a header must be written before the rows), so the
// export reads the catalog twice; rows stream, and memory holds one page.
import type { Product } from "../catalog/catalog-store.ts";
import { listProducts } from "../catalog/list-products.ts";
import type { Db } from "../db/database.ts";
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

export async function listCatalogOptionNames(db: Db, accountId: string): Promise<string[]> {
  const names = new Set<string>();
  for await (const page of productPages(db, accountId))
    for (const product of page)
      for (const variant of product.variants)
        for (const name of Object.keys(variant.options)) names.add(name);
  return [...names].sort();
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
