// The catalog import's rows staged in SQL, so that a catalog file of any size is checked and
// planned without holding it: each row, checked on its own (catalog-file.ts), goes into a TEMP
// table of the caller's transaction; the checks across rows run as SQL over it (the same SKU twice,
// one product name per product_key), then what the catalog knows of each SKU and product key is
// filled in before anything is written. catalog-import.ts plans and writes a page of groups at a
// time from here; the rejected rows are read back in file order at the end.
import { sql } from "kysely";
import { fillProductKeyOwners, fillProductsOfSkus } from "../catalog/staged-lookups.ts";
import type { Db } from "../db/database.ts";
import { prepareBulkTransaction } from "../db/dialect.ts";
import { type CatalogRow, groupKeyOf, rowDataText, type StagedCatalogRow } from "./catalog-file.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { RowError } from "./import-store.ts";
import {
  analyzeStaged,
  dropTempTables,
  sendStagedErrors,
  stagedInserter,
  stagedKeyType,
} from "./row-stage.ts";

export const catalogRowsTable = "import_catalog_rows";
const rowsTable = catalogRowsTable;
const groupsTable = "import_catalog_groups";
const sharedTable = "import_catalog_shared";
const helperTables = ["import_catalog_firsts", "import_catalog_names", "import_catalog_causes", sharedTable];
const stagedTables = [rowsTable, groupsTable, ...helperTables];

/** Drops the staged tables. */
export async function dropCatalogStage(db: Db): Promise<void> {
  await dropTempTables(db, stagedTables);
}

/** Creates the staged rows table and fills it from `batches`. */
export async function stageCatalogRows(db: Db, batches: AsyncIterable<StagedCatalogRow[]>): Promise<void> {
  await dropCatalogStage(db);
  await prepareBulkTransaction(db);
  const key = stagedKeyType(db);
  await sql`create temp table ${sql.table(rowsTable)} (seq integer primary key, row_no integer not null,
    sku ${key} not null, product_key ${key} not null, group_key ${key}, named text, data text,
    dropped integer not null default 0, product_id text,
    err_column text, err_value text, err_reason text)`.execute(db);
  const inserter = stagedInserter(db, {
    table: rowsTable,
    columns: [
      "seq",
      "row_no",
      "sku",
      "product_key",
      "group_key",
      "named",
      "data",
      "err_column",
      "err_value",
      "err_reason",
    ],
  });
  let seq = 0;
  for await (const batch of batches) {
    for (const { row, catalogRow: r, error } of batch) {
      await inserter.add([
        seq++,
        row,
        ...(r
          ? [r.sku, r.productKey, groupKeyOf(r), r.productName ?? null, rowDataText(r)]
          : ["", "", null, null, null]),
        error?.column ?? null,
        error?.value ?? null,
        error?.reason ?? null,
      ]);
    }
  }
  await inserter.flush();
  await sql`create index import_catalog_rows_sku on ${sql.table(rowsTable)} (sku)`.execute(db);
  await sql`create index import_catalog_rows_group on ${sql.table(rowsTable)} (group_key, seq)`.execute(db);
  await analyzeStaged(db, rowsTable);
}

/**
 * The checks across rows: a SKU repeated with the same data is one row (the repeats are
 * dropped), with different data both rows are rejected; rows of one product_key that name the
 * product differently are rejected. A row keeps its own first problem.
 */
export async function checkStagedCatalogRows(db: Db): Promise<void> {
  const rows = sql.table(rowsTable);
  const firsts = sql.table("import_catalog_firsts");
  await sql`create temp table ${firsts} as select sku, min(seq) as first_seq from ${rows}
    where sku <> '' and data is not null group by sku having count(*) > 1`.execute(db);
  await sql`create unique index import_catalog_firsts_sku on ${firsts} (sku)`.execute(db);
  await sql`update ${rows} set dropped = 1 where seq in (select r.seq from ${rows} r
    join ${firsts} f on f.sku = r.sku join ${rows} fr on fr.seq = f.first_seq
    where r.seq > f.first_seq and r.data = fr.data)`.execute(db);
  const reason = (other: ReturnType<typeof sql>) =>
    sql`'is also on row ' || cast((${other}) as text) || ' with different data; keep one of the two rows'`;
  await sql`update ${rows} set err_column = 'sku', err_value = sku, err_reason = ${reason(
    sql`select fr.row_no from ${firsts} f join ${rows} fr on fr.seq = f.first_seq where f.sku = ${rows}.sku`,
  )}
    where err_reason is null and dropped = 0 and data is not null
      and sku in (select sku from ${firsts}) and seq not in (select first_seq from ${firsts})`.execute(db);
  const later = sql`from ${rows} r where r.sku = ${rows}.sku and r.seq > ${rows}.seq and r.dropped = 0 and r.data is not null`;
  await sql`update ${rows} set err_column = 'sku', err_value = sku, err_reason = ${reason(sql`select min(r.row_no) ${later}`)}
    where err_reason is null and seq in (select first_seq from ${firsts}) and exists (select 1 ${later})`.execute(
    db,
  );

  const names = sql.table("import_catalog_names");
  await sql`create temp table ${names} as select group_key, min(seq) as named_seq from ${rows}
    where dropped = 0 and data is not null and named is not null group by group_key`.execute(db);
  await sql`create unique index import_catalog_names_group on ${names} (group_key)`.execute(db);
  const first = (column: string) =>
    sql`(select fr.${sql.ref(column)} from ${names} n join ${rows} fr on fr.seq = n.named_seq
      where n.group_key = ${rows}.group_key)`;
  await sql`update ${rows} set err_column = 'product_name', err_value = named,
      err_reason = 'differs from row ' || cast(${first("row_no")} as text) || ' of the same product_key ("' || ${first("named")} || '")'
    where err_reason is null and dropped = 0 and data is not null and named is not null and named <> ${first("named")}`.execute(
    db,
  );
}

/**
 * The groups (a product_key, or a SKU alone) in file order, with what the catalog knows: each
 * row's product (by its SKU) and each product key's products. Filled before anything is written,
 * so a write of one group never changes how a later group is resolved.
 */
export async function resolveStagedCatalogGroups(db: Db, accountId: string): Promise<void> {
  const rows = sql.table(rowsTable);
  const groups = sql.table(groupsTable);
  await fillProductsOfSkus(db, {
    accountId,
    table: rowsTable,
    where: "dropped = 0 and data is not null and sku <> ''",
  });
  await sql`create temp table ${groups} as select group_key, min(seq) as first_seq, max(product_key) as product_key,
      cast(null as integer) as key_products, cast(null as text) as key_product_id,
      cast(null as text) as key_variant_product_id
    from ${rows} where dropped = 0 and data is not null group by group_key`.execute(db);
  await sql`create unique index import_catalog_groups_seq on ${groups} (first_seq)`.execute(db);
  await analyzeStaged(db, groupsTable);
  await fillProductKeyOwners(db, { accountId, table: groupsTable });
  // the products more than one group may change (by a known SKU, or by product key)
  await sql`create temp table ${sql.table(sharedTable)} as select product_id from (
      select group_key, product_id from ${rows}
        where product_id is not null and dropped = 0 and data is not null
      union
      select group_key, coalesce(key_product_id, key_variant_product_id) as product_id from ${groups}
        where coalesce(key_product_id, key_variant_product_id) is not null
    ) owners group by product_id having count(*) > 1`.execute(db);
  await sql`create unique index import_catalog_shared_product on ${sql.table(sharedTable)} (product_id)`.execute(
    db,
  );
}

/** Which of these products more than one group of the file may change. */
export async function findSharedProducts(db: Db, productIds: string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const { rows } = await sql<{ product_id: string }>`select product_id from ${sql.table(sharedTable)}
    where product_id in (${sql.join(productIds)})`.execute(db);
  return new Set(rows.map((r) => r.product_id));
}

export type StagedGroup = {
  key: string;
  rows: Array<CatalogRow & { productId: string | null }>;
  /** a row of the group is rejected */
  rejected: boolean;
  keyProducts: number;
  keyProductId: string | null;
  keyVariantProductId: string | null;
};

/** Up to `limit` groups after the group at `afterSeq`, in file order; answers them and the last seq. */
export async function readStagedGroups(
  db: Db,
  options: { afterSeq: number; limit: number },
): Promise<{ groups: StagedGroup[]; lastSeq: number }> {
  const { rows: page } = await sql<{
    group_key: string;
    first_seq: number;
    key_products: number | null;
    key_product_id: string | null;
    key_variant_product_id: string | null;
  }>`select group_key, first_seq, key_products, key_product_id, key_variant_product_id
    from ${sql.table(groupsTable)} where first_seq > ${options.afterSeq} order by first_seq limit ${options.limit}`.execute(
    db,
  );
  const last = page.at(-1);
  if (!last) return { groups: [], lastSeq: options.afterSeq };
  const groups = new Map<string, StagedGroup>();
  for (const g of page) {
    groups.set(g.group_key, {
      key: g.group_key,
      rows: [],
      rejected: false,
      keyProducts: Number(g.key_products ?? 0),
      keyProductId: g.key_product_id,
      keyVariantProductId: g.key_variant_product_id,
    });
  }
  const { rows } = await sql<{
    row_no: number;
    group_key: string;
    data: string;
    product_id: string | null;
    bad: number;
  }>`
    select r.row_no, r.group_key, r.data, r.product_id, case when r.err_reason is null then 0 else 1 end as bad
    from ${sql.table(rowsTable)} r where r.dropped = 0 and r.data is not null and r.group_key in
      (select group_key from ${sql.table(groupsTable)} where first_seq > ${options.afterSeq} and first_seq <= ${last.first_seq})
    order by r.seq`.execute(db);
  for (const r of rows) {
    const group = groups.get(r.group_key);
    if (!group) continue;
    group.rows.push({
      ...(JSON.parse(r.data) as CatalogRow),
      row: Number(r.row_no),
      productId: r.product_id,
    });
    if (Number(r.bad) === 1) group.rejected = true;
  }
  return { groups: [...groups.values()], lastSeq: Number(last.first_seq) };
}

/** Records why a row's group is rejected, unless the row has a problem of its own already. */
export async function rejectStagedRows(db: Db, errors: RowError[]): Promise<void> {
  for (const error of errors) {
    await sql`update ${sql.table(rowsTable)} set err_column = ${error.column}, err_value = ${error.value},
      err_reason = ${error.reason} where row_no = ${error.row} and err_reason is null`.execute(db);
  }
}

/**
 * Rejects the other rows of every product with a rejected row ("not applied"), then hands the
 * rejected rows to `onErrors` in file order, a page at a time; answers how many there are.
 */
export async function sendStagedCatalogErrors(db: Db, onErrors: RowErrorSink): Promise<number> {
  const rows = sql.table(rowsTable);
  const causes = sql.table("import_catalog_causes");
  await sql`create temp table ${causes} as select group_key, min(row_no) as cause from ${rows}
    where dropped = 0 and data is not null and err_reason is not null group by group_key`.execute(db);
  await sql`create unique index import_catalog_causes_group on ${causes} (group_key)`.execute(db);
  await sql`update ${rows} set err_column = 'product_key', err_value = product_key,
      err_reason = 'not applied: row ' || cast((select c.cause from ${causes} c where c.group_key = ${rows}.group_key) as text)
        || ' of the same product is invalid'
    where err_reason is null and dropped = 0 and data is not null
      and group_key in (select group_key from ${causes})`.execute(db);
  return sendStagedErrors(db, rowsTable, onErrors);
}
