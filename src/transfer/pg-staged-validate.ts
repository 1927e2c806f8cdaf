// PostgreSQL fast path of the mapping import, step 2: the checks across rows and against the
// database, as SQL over pg_temp.import_rows (pg-staged-stage.ts). What staged-validate.ts does on
// SQLite, statement for statement: one row per channel SKU goes to pg_temp.import_groups with its
// listing, its current mapping and what the import does to it (change: create / update / delete /
// unchanged; null when rejected), replace mode's removals to pg_temp.import_removals. Errors and
// counts are the in-memory plan's (plan-mapping-import.ts): the same reasons, in the same order.
import { type RawBuilder, sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { ImportCounts } from "./import-store.ts";
import { sqlNewId } from "./pg-staged-apply.ts";
import { type ErrorRow, reasonOf } from "./staged-reasons.ts";
import { rowKind } from "./staged-stage.ts";
import type { StagedCheckOptions } from "./staged-validate.ts";

// The first reason a row without an error of its own is rejected for, or null.
const crossRowKind = (options: StagedCheckOptions) => sql`case
  when r.action <> g.action then ${sql.lit(rowKind.action)}
  when g.n > 1 and r.internal_sku <> '' and exists (select 1 from pg_temp.import_rows p
    where p.gkey = r.gkey and p.internal_sku = r.internal_sku
      and p.row_no < r.row_no and p.quantity is not null) then ${sql.lit(rowKind.duplicate)}
  when r.internal_sku <> '' and r.variant_id is null then ${sql.lit(rowKind.unknownVariant)}
  when r.row_no = g.first_row and g.action = 'upsert' and g.listing_type = 'parent' then ${sql.lit(rowKind.parent)}
  when r.row_no = g.first_row and g.action = 'upsert' and g.new_listing
    and g.effective_seller_id <> ${options.channelSellerId}::text and not exists (select 1 from listings l
      where l.account_id = ${options.accountId} and l.channel_id = ${options.channelId}
        and l.seller_id = g.effective_seller_id)
    then ${sql.lit(rowKind.unknownSeller)}
end`;

/** Counts the changes and sends every rejected row, with its reason, to onErrors. */
export async function validatePgStagedRows(trx: Db, options: StagedCheckOptions): Promise<ImportCounts> {
  const { accountId, channelId } = options;
  await sql`create temp table import_groups (
      gkey text collate "C" not null, channel_sku text collate "C" not null, first_row integer not null, seller_id text collate "C" not null,
      action text not null, n integer not null, effective_seller_id text collate "C" not null,
      listing_id text not null, listing_type text, rejected boolean not null default false,
      mapping_id text not null, origin text, change text, new_listing boolean not null) on commit drop`.execute(
    trx,
  );
  // Each channel SKU's group (values of its first row), its listing and mapping, and its change.
  // The mappings' components are counted in one join (cur), not a look-up per group (that ran 3.8
  // of a 300k-row re-import's 7 s); cur filters fm by nothing, as a filter on a CTE is estimated
  // at 0.5% of its rows and the plan then falls back to a look-up per group. A one-row group (most
  // of a file) is unchanged when its mapping has one component, its row's variant and quantity.
  // A larger one: the staged components are the mapping's when there are as many (cur) and each
  // staged (variant, quantity) is one of them (same), counted with joins; a valid group names
  // each variant once, as a mapping does. A group found invalid
  // later gets no change. A channel SKU without a listing or mapping gets the ids apply makes them with
  // (new_listing: the listing is to be made), so apply writes without looking them up again.
  await sql`insert into pg_temp.import_groups (gkey, channel_sku, first_row, seller_id, action, n,
      effective_seller_id, listing_id, listing_type, mapping_id, origin, change, new_listing)
    with f as (
      select g.gkey, r.channel_sku, g.first_row, r.seller_id, r.action, g.n, r.variant_id as first_variant,
        r.quantity as first_quantity,
        case when r.seller_id = '' then ${options.channelSellerId}::text else r.seller_id end as effective_seller_id
      from (select gkey, min(row_no) as first_row, count(*) as n from pg_temp.import_rows
            where channel_sku <> '' group by gkey) g
      join pg_temp.import_rows r on r.row_no = g.first_row
    ), fm as materialized (
      select f.*, l.id as listing_id, l.type as listing_type, m.id as mapping_id, m.origin
      from f left join listings l on l.account_id = ${accountId} and l.channel_id = ${channelId}
        and l.seller_id = f.effective_seller_id and l.channel_sku = f.channel_sku
      left join mappings m on m.account_id = ${accountId} and m.listing_id = l.id
    ), cur as (
      select c.mapping_id, count(*) as k, min(c.variant_id) as first_variant, min(c.quantity) as first_quantity
      from fm join mapping_components c on c.account_id = ${accountId} and c.mapping_id = fm.mapping_id
      group by c.mapping_id
    ), same as (
      select fm.gkey, count(*) as k from fm
      join pg_temp.import_rows r on r.gkey = fm.gkey
      join mapping_components c on c.account_id = ${accountId} and c.mapping_id = fm.mapping_id
        and c.variant_id = r.variant_id and c.quantity = r.quantity
      where fm.action = 'upsert' and fm.mapping_id is not null and fm.n > 1
      group by fm.gkey
    )
    select fm.gkey, fm.channel_sku, fm.first_row, fm.seller_id, fm.action, fm.n, fm.effective_seller_id,
      coalesce(fm.listing_id, ${sqlNewId("fm")}), fm.listing_type, coalesce(fm.mapping_id, ${sqlNewId("fm")}),
      fm.origin,
      case
        when fm.action = 'delete' then case when fm.mapping_id is null then 'unchanged' else 'delete' end
        when fm.mapping_id is null then 'create'
        when fm.n = 1 then case when cur.k = 1 and cur.first_variant = fm.first_variant
            and cur.first_quantity = fm.first_quantity then 'unchanged' else 'update' end
        when fm.n = coalesce(cur.k, 0) and fm.n = coalesce(same.k, 0) then 'unchanged'
        else 'update'
      end,
      fm.listing_id is null
    from fm left join cur on cur.mapping_id = fm.mapping_id left join same on same.gkey = fm.gkey`.execute(
    trx,
  );
  await sql`alter table pg_temp.import_groups add primary key (gkey)`.execute(trx);
  await sql`analyze pg_temp.import_groups`.execute(trx);

  const kindOf = crossRowKind(options);
  await sql`update pg_temp.import_rows as r set kind = ${kindOf}
    from pg_temp.import_groups g
    where g.gkey = r.gkey and r.kind is null and ${kindOf} is not null`.execute(trx);
  const rejected = await countOf(
    trx,
    sql`select count(*) as n from pg_temp.import_rows where kind is not null`,
  );
  if (rejected > 0) {
    // a bundle is applied whole or not at all; a seller id no listing has is likely a typo in one
    // row of a bundle, so the channel SKU's rows of other sellers are not applied either
    const unknownSellers = await countOf(
      trx,
      sql`select count(*) as n from pg_temp.import_rows where kind = ${rowKind.unknownSeller}`,
    );
    if (unknownSellers > 0) {
      await sql`update pg_temp.import_rows set kind = ${rowKind.notApplied} where kind is null
        and channel_sku in (select channel_sku from pg_temp.import_rows where kind = ${rowKind.unknownSeller})`.execute(
        trx,
      );
    }
    await sql`update pg_temp.import_groups set rejected = true, change = null
      where gkey in (select gkey from pg_temp.import_rows where kind is not null)`.execute(trx);
    await sql`update pg_temp.import_rows set kind = ${rowKind.notApplied}
      where kind is null and gkey in (select gkey from pg_temp.import_groups where rejected)`.execute(trx);
  }

  await sql`create temp table import_removals (listing_id text not null, mapping_id text not null,
    origin text not null) on commit drop`.execute(trx);
  if (options.replace) {
    await sql`insert into pg_temp.import_removals select m.listing_id, m.id, m.origin from mappings m
      where m.account_id = ${accountId} and m.channel_id = ${channelId}
        and not exists (select 1 from pg_temp.import_groups g where g.listing_id = m.listing_id)`.execute(
      trx,
    );
  }
  const counts: ImportCounts = { create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 };
  const byChange = await sql<{ change: "create" | "update" | "delete" | "unchanged"; n: number }>`
    select change, count(*) as n from pg_temp.import_groups where change is not null group by change`.execute(
    trx,
  );
  for (const { change, n } of byChange.rows) counts[change] += Number(n);
  counts.delete += await countOf(trx, sql`select count(*) as n from pg_temp.import_removals`);
  if (rejected > 0) {
    // with the rows of their bundles now
    counts.rejectedRows = await countOf(
      trx,
      sql`select count(*) as n from pg_temp.import_rows where kind is not null`,
    );
    await sendRowErrors(trx, options.onErrors);
  }
  return counts;
}

async function countOf(trx: Db, query: RawBuilder<{ n: number }>): Promise<number> {
  const { rows } = await query.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Every rejected row with its reason, in file order, through a cursor of the transaction a page
 * at a time (the sink writes in the same transaction meanwhile).
 */
async function sendRowErrors(trx: Db, onErrors: RowErrorSink): Promise<void> {
  await sql`declare import_errors_cursor no scroll cursor for
    select r.row_no, r.kind, r.channel_sku, r.internal_sku, r.seller_id,
      r.action, r.err_column, r.err_value, r.err_reason, g.first_row,
      g.seller_id as group_seller_id, g.action as group_action,
      case r.kind
        when ${sql.lit(rowKind.duplicate)} then (select min(p.row_no) from pg_temp.import_rows p
          where p.gkey = r.gkey and p.internal_sku = r.internal_sku and p.quantity is not null)
        when ${sql.lit(rowKind.notApplied)} then coalesce((select min(p.row_no) from pg_temp.import_rows p
          where p.gkey = r.gkey and p.kind <> ${sql.lit(rowKind.notApplied)}),
          -- not applied for another seller's row of the channel SKU (read only then: no index)
          (select min(p.row_no) from pg_temp.import_rows p
            where p.channel_sku = r.channel_sku and p.kind = ${sql.lit(rowKind.unknownSeller)}))
      end as other_row
    from pg_temp.import_rows r left join pg_temp.import_groups g on g.gkey = r.gkey
    where r.kind is not null order by r.row_no`.execute(trx);
  for (;;) {
    const { rows } = await sql<ErrorRow>`fetch forward 5000 from import_errors_cursor`.execute(trx);
    if (rows.length === 0) break;
    await onErrors(rows.map((r) => ({ row: Number(r.row_no), ...reasonOf(r) })));
  }
  // (a failed transaction closes it with everything else)
  await sql`close import_errors_cursor`.execute(trx);
}
