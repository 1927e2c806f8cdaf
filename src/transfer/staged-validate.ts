// SQLite fast path of the mapping import, step 2: the checks across rows and against the
// database, as SQL over temp.import_rows (staged-stage.ts). One row per channel SKU goes to
// temp.import_groups with its listing, its current mapping and what the import does to it
// (change: create / update / delete / unchanged; null when rejected). A channel SKU without a
// listing or mapping gets the ids apply gives them (new_listing: the listing is to be made). Errors and counts are
// the same as the PostgreSQL path's (plan-mapping-import.ts): the same reasons, in the same order.
import type { RowErrorSink } from "./import-errors.ts";
import type { ImportCounts, RowError } from "./import-store.ts";
import { newIdParams, sqlNewId } from "./staged-ids.ts";
import { type ErrorRow, reasonOf } from "./staged-reasons.ts";
import { rowKind, type Sqlite } from "./staged-stage.ts";

// The first reason a row without an error of its own is rejected for, or null.
const crossRowKind = `case
  when r.action <> g.action then ${rowKind.action}
  when g.n > 1 and r.internal_sku <> '' and exists (select 1 from temp.import_rows p
    where p.gkey = r.gkey and p.internal_sku = r.internal_sku
      and p.row_no < r.row_no and p.quantity is not null) then ${rowKind.duplicate}
  when r.internal_sku <> '' and r.variant_id is null then ${rowKind.unknownVariant}
  when r.row_no = g.first_row and g.action = 'upsert' and g.listing_type = 'parent' then ${rowKind.parent}
  when r.row_no = g.first_row and g.action = 'upsert' and g.new_listing = 1
    and g.effective_seller_id <> @channelSellerId and not exists (select 1 from listings l
      where l.account_id = @accountId and l.channel_id = @channelId and l.seller_id = g.effective_seller_id)
    then ${rowKind.unknownSeller}
end`;

/**
 * What the import does to a channel SKU (f: its staged group, m: its current mapping). The staged
 * components are the mapping's when there are as many and each staged (variant, quantity) is one
 * of them: a valid group names each variant once, as a mapping does (a one-row group, most of a
 * file, compares its first row's variant and quantity, carried in f, in one read of the mapping's
 * components). A group found invalid later gets no change.
 */
const changeOf = `case
  when f.action = 'delete' then case when m.id is null then 'unchanged' else 'delete' end
  when m.id is null then 'create'
  when f.n = 1 then (select case when count(*) = 1 and min(c.variant_id) = f.first_variant
      and min(c.quantity) = f.first_quantity then 'unchanged' else 'update' end
    from mapping_components c where c.account_id = @accountId and c.mapping_id = m.id)
  when f.n = (select count(*) from mapping_components c where c.account_id = @accountId and c.mapping_id = m.id)
    and not exists (select 1 from temp.import_rows r where r.gkey = f.gkey
      and not exists (select 1 from mapping_components c where c.account_id = @accountId
        and c.mapping_id = m.id and c.variant_id = r.variant_id and c.quantity = r.quantity)) then 'unchanged'
  else 'update'
end`;

/** What both dialects' checks of the staged rows take (channelSellerId: the channel's seller id). */
export type StagedCheckOptions = {
  accountId: string;
  channelId: string;
  channelSellerId: string;
  replace: boolean;
  onErrors: RowErrorSink;
};

/** Counts the changes and sends every rejected row, with its reason, to onErrors. */
export async function validateStagedRows(raw: Sqlite, options: StagedCheckOptions): Promise<ImportCounts> {
  const { accountId, channelId } = options;
  raw.exec(
    `create temp table import_groups (
      gkey text primary key, channel_sku text not null, first_row integer not null, seller_id text not null,
      action text not null, n integer not null, effective_seller_id text not null,
      listing_id text, listing_type text, rejected integer not null default 0,
      mapping_id text, origin text, change text, new_listing integer not null) without rowid`,
  );
  // bare columns next to min(): SQLite takes them from the row holding the minimum (the first)
  raw
    .prepare(
      `insert into temp.import_groups (gkey, channel_sku, first_row, seller_id, action, n, effective_seller_id,
        listing_id, listing_type, mapping_id, origin, change, new_listing)
      select f.gkey, f.channel_sku, f.first_row, f.seller_id, f.action, f.n, f.effective_seller_id,
        coalesce(l.id, ${sqlNewId("listingIds", "f")}), l.type, coalesce(m.id, ${sqlNewId("mappingIds", "f")}),
        m.origin, ${changeOf}, l.id is null
      from (select gkey, channel_sku, min(row_no) as first_row, seller_id, action, count(*) as n,
              variant_id as first_variant, quantity as first_quantity,
              case when seller_id = '' then @channelSellerId else seller_id end as effective_seller_id
            from temp.import_rows where channel_sku <> '' group by gkey) f
      left join listings l on l.account_id = @accountId and l.channel_id = @channelId
        and l.seller_id = f.effective_seller_id and l.channel_sku = f.channel_sku
      left join mappings m on m.account_id = @accountId and m.listing_id = l.id`,
    )
    .run({
      accountId,
      channelId,
      channelSellerId: options.channelSellerId,
      ...newIdParams("listingIds"),
      ...newIdParams("mappingIds"),
    });
  raw
    .prepare(
      `update temp.import_rows as r set kind = ${crossRowKind}
      from temp.import_groups g
      where g.gkey = r.gkey and r.kind is null and ${crossRowKind} is not null`,
    )
    .run({ accountId, channelId, channelSellerId: options.channelSellerId });
  const rejected = raw.prepare("select count(*) from temp.import_rows where kind is not null").pluck().get();
  if (Number(rejected) > 0) {
    // a bundle is applied whole or not at all; a seller id no listing has is likely a typo in one
    // row of a bundle, so the channel SKU's rows of other sellers are not applied either
    const unknownSellers = raw
      .prepare(`select count(*) from temp.import_rows where kind = ${rowKind.unknownSeller}`)
      .pluck()
      .get();
    if (Number(unknownSellers) > 0) {
      raw.exec(
        `update temp.import_rows set kind = ${rowKind.notApplied} where kind is null
        and channel_sku in (select channel_sku from temp.import_rows where kind = ${rowKind.unknownSeller})`,
      );
    }
    raw.exec(
      `update temp.import_groups set rejected = 1, change = null
      where gkey in (select gkey from temp.import_rows where kind is not null)`,
    );
    raw.exec(
      `update temp.import_rows set kind = ${rowKind.notApplied}
      where kind is null and gkey in (select gkey from temp.import_groups where rejected = 1)`,
    );
  }

  raw.exec(
    "create temp table import_removals (listing_id text not null, mapping_id text not null, origin text not null)",
  );
  if (options.replace) {
    raw.exec("create index temp.import_groups_listing on import_groups (listing_id)");
    raw
      .prepare(
        `insert into temp.import_removals select m.listing_id, m.id, m.origin from mappings m
        where m.account_id = @accountId and m.channel_id = @channelId
          and not exists (select 1 from temp.import_groups g where g.listing_id = m.listing_id)`,
      )
      .run({ accountId, channelId });
  }
  const counts: ImportCounts = { create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 };
  const byChange = raw
    .prepare("select change, count(*) as n from temp.import_groups where change is not null group by change")
    .all() as Array<{ change: "create" | "update" | "delete" | "unchanged"; n: number }>;
  for (const { change, n } of byChange) counts[change] += Number(n);
  counts.delete += Number(raw.prepare("select count(*) from temp.import_removals").pluck().get());
  if (Number(rejected) > 0) {
    // with the rows of their bundles now
    counts.rejectedRows = Number(
      raw.prepare("select count(*) from temp.import_rows where kind is not null").pluck().get(),
    );
    await sendRowErrors(raw, options.onErrors);
  }
  return counts;
}

const errorPage = 5000;

/**
 * Every rejected row with its reason, in file order, a page at a time: the sink writes on this
 * connection, which cannot run a statement while a read of it is open.
 */
async function sendRowErrors(raw: Sqlite, onErrors: RowErrorSink): Promise<void> {
  const page = raw.prepare(
    `select r.row_no, r.kind, r.channel_sku, r.internal_sku, r.seller_id, r.action,
      r.err_column, r.err_value, r.err_reason, g.first_row,
      g.seller_id as group_seller_id, g.action as group_action,
      case r.kind
        when ${rowKind.duplicate} then (select min(p.row_no) from temp.import_rows p
          where p.gkey = r.gkey and p.internal_sku = r.internal_sku and p.quantity is not null)
        when ${rowKind.notApplied} then coalesce((select min(p.row_no) from temp.import_rows p
          where p.gkey = r.gkey and p.kind <> ${rowKind.notApplied}),
          -- not applied for another seller's row of the channel SKU (read only then: no index)
          (select min(p.row_no) from temp.import_rows p
            where p.channel_sku = r.channel_sku and p.kind = ${rowKind.unknownSeller}))
      end as other_row
    from temp.import_rows r left join temp.import_groups g on g.gkey = r.gkey
    where r.kind is not null and r.row_no > ? order by r.row_no limit ${errorPage}`,
  );
  page.raw();
  let after = 0;
  for (;;) {
    const rows = (page.all(after) as unknown[][]).map(errorRowOf);
    if (rows.length === 0) return;
    const errors: RowError[] = rows.map((r) => ({ row: Number(r.row_no), ...reasonOf(r) }));
    await onErrors(errors);
    if (rows.length < errorPage) return;
    after = Number(rows[rows.length - 1]?.row_no);
  }
}

/**
 * A page row, read as an array: better-sqlite3 made each 13-column row object slowly (a file of
 * 1M rejected rows reads them all).
 */
function errorRowOf(v: unknown[]): ErrorRow {
  return {
    row_no: v[0],
    kind: v[1],
    channel_sku: v[2],
    internal_sku: v[3],
    seller_id: v[4],
    action: v[5],
    err_column: v[6],
    err_value: v[7],
    err_reason: v[8],
    first_row: v[9],
    group_seller_id: v[10],
    group_action: v[11],
    other_row: v[12],
  } as ErrorRow;
}
