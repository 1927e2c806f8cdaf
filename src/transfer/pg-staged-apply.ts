// PostgreSQL fast path of the mapping import, step 3: the writes, as INSERT/UPDATE/DELETE ... SELECT
// over the staged tables (pg-staged-validate.ts decided each channel SKU's change), inside the
// caller's transaction. What staged-apply.ts writes on SQLite, and so what writeCheckedMappings
// writes for the same changes: missing listings (as ensureListing makes them: single, active), mappings with
// origin "import", one operation whose audit entries hold each listing's state before and after
// as `{ origin, components }` JSON, byte for byte JSON.stringify's (components ordered by variant
// id), and one version bump.
import { type RawBuilder, sql } from "kysely";
import { bumpMappingVersion, loggedListingLimit } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import { mappingEntity } from "../mappings/write-mappings.ts";
import { recordOperation } from "../operations/record-operation.ts";
import { nowIso } from "../shared/ids.ts";
import type { StagedWriteResult } from "./staged-apply.ts";
import { newIdParts } from "./staged-ids.ts";

/** A new id per channel SKU, made in SQL like staged-apply.ts's (the scheme: newIdParts). */
export function sqlNewId(group: string): RawBuilder<string> {
  const { head, high, low } = newIdParts();
  return sql<string>`(${head}::text || to_hex(${high}::integer) || '-'
    || lpad(to_hex((${low}::bigint << 28) + ${sql.ref(`${group}.first_row`)}), 12, '0'))`;
}

// A component as JSON text, as JSON.stringify writes { variantId, quantity }; a list of them
// ordered by variant id byte by byte, as sortComponents orders them.
const componentsOf = (alias: string) =>
  sql.raw(`string_agg('{"variantId":' || to_json(${alias}.variant_id)::text || ',"quantity":' || ${alias}.quantity || '}',
    ',' order by ${alias}.variant_id collate "C")`);

/** `{ origin, components }` as JSON text from the origin and the components' list. */
const stateJson = (origin: RawBuilder<unknown>, list: RawBuilder<unknown>) =>
  sql`'{"origin":' || to_json(${origin})::text || ',"components":[' || coalesce(${list}, '') || ']}'`;

const analyzeAfterRows = 1000;

export async function writePgStagedMappings(
  trx: Db,
  options: { accountId: string; channelId: string; actorUserId: string | null; summary: string },
): Promise<StagedWriteResult> {
  const { accountId, channelId } = options;
  const now = nowIso();
  const actor = options.actorUserId;
  const run = async (query: RawBuilder<unknown>) => Number((await query.execute(trx)).numAffectedRows ?? 0);

  // The ids of new listings and mappings were given in validation (pg-staged-validate.ts), rising
  // with the file's order: rows inserted in that order append to the keys' indexes (in channel SKU
  // order, as a hash aggregate may leave them, a 300k-row import's listings took 11 s, not 5).
  const listingsCreated = await run(sql`insert into listings (account_id, id, channel_id, seller_id,
      channel_sku, type, status, missing_on_channel, created_at, updated_at)
    select ${accountId}::text, g.listing_id, ${channelId}::text, g.effective_seller_id, g.channel_sku, 'single',
      'active', 0, ${now}::text, ${now}::text
    from pg_temp.import_groups g where g.change = 'create' and g.new_listing order by g.first_row
    on conflict (account_id, channel_id, seller_id, channel_sku) do nothing`);
  // The foreign-key checks of the inserts below look rows up in tables this transaction just grew:
  // with statistics from when they were small, PostgreSQL may check each row by a sequential scan
  // (seen: a 50k-row import stuck for minutes). Fresh statistics make it use the keys' indexes.
  if (listingsCreated >= analyzeAfterRows) await sql`analyze listings`.execute(trx);
  const { rows: toMake } = await sql<{ n: number }>`select count(*) as n from pg_temp.import_groups
    where change = 'create' and new_listing`.execute(trx);
  if (listingsCreated < Number(toMake[0]?.n ?? 0)) {
    // another transaction made some of these listings meanwhile: map those
    await sql`update pg_temp.import_groups g set listing_id = l.id from listings l
      where g.change = 'create' and g.new_listing and l.account_id = ${accountId}
        and l.channel_id = ${channelId} and l.seller_id = g.effective_seller_id and l.channel_sku = g.channel_sku
        and l.id <> g.listing_id`.execute(trx);
  }

  const { rows } = await sql<{ created: number; updated: number; deleted: number }>`select
      count(*) filter (where change = 'create') as created,
      count(*) filter (where change = 'update') as updated,
      count(*) filter (where change = 'delete') + (select count(*) from pg_temp.import_removals) as deleted
    from pg_temp.import_groups`.execute(trx);
  const created = Number(rows[0]?.created ?? 0);
  const updated = Number(rows[0]?.updated ?? 0);
  const deleted = Number(rows[0]?.deleted ?? 0);
  if (created + updated + deleted === 0) {
    return { created, updated, deleted, listingsCreated, operationId: null };
  }

  const operationId = await recordOperation(trx, {
    accountId,
    channelId,
    kind: "import",
    actorUserId: actor,
    summary: options.summary,
    entries: [],
  });
  // audit entries first: their `before` is read from the mappings as they are before the writes
  const listed =
    await run(sql`insert into audit_entries (account_id, operation_id, seq, entity, entity_id, before, after)
    select ${accountId}::text, ${operationId}::text, row_number() over (order by g.first_row) - 1,
      ${mappingEntity}::text, g.listing_id,
      case when g.change = 'create' then null else ${stateJson(sql`g.origin`, sql`b.list`)} end,
      case when g.change = 'delete' then null else ${stateJson(sql`'import'::text`, sql`s.list`)} end
    from pg_temp.import_groups g
    left join (select c.mapping_id, ${componentsOf("c")} as list from mapping_components c
      where c.account_id = ${accountId} and c.mapping_id in
        (select mapping_id from pg_temp.import_groups where change in ('update', 'delete'))
      group by c.mapping_id) b on b.mapping_id = g.mapping_id
    left join (select r.gkey, ${componentsOf("r")} as list from pg_temp.import_rows r
      where r.internal_sku <> '' and r.gkey in
        (select gkey from pg_temp.import_groups where change in ('create', 'update'))
      group by r.gkey) s on s.gkey = g.gkey
    where g.change in ('create', 'update', 'delete')`);
  await sql`insert into audit_entries (account_id, operation_id, seq, entity, entity_id, before, after)
    select ${accountId}::text, ${operationId}::text, ${listed}::bigint + row_number() over (order by x.listing_id collate "C") - 1,
      ${mappingEntity}::text, x.listing_id, ${stateJson(sql`x.origin`, sql`b.list`)}, null
    from pg_temp.import_removals x
    left join (select c.mapping_id, ${componentsOf("c")} as list from mapping_components c
      where c.account_id = ${accountId} and c.mapping_id in (select mapping_id from pg_temp.import_removals)
      group by c.mapping_id) b on b.mapping_id = x.mapping_id`.execute(trx);

  const dropped = sql`select mapping_id from pg_temp.import_groups where change in ('update', 'delete')
    union all select mapping_id from pg_temp.import_removals`;
  await sql`delete from mapping_components where account_id = ${accountId} and mapping_id in (${dropped})`.execute(
    trx,
  );
  await sql`delete from mappings where account_id = ${accountId} and id in (select mapping_id
    from pg_temp.import_groups where change = 'delete' union all select mapping_id from pg_temp.import_removals)`.execute(
    trx,
  );
  await sql`update mappings set origin = 'import', updated_by = ${actor}, updated_at = ${now}
    where account_id = ${accountId}
      and id in (select mapping_id from pg_temp.import_groups where change = 'update')`.execute(trx);
  await sql`insert into mappings (account_id, id, channel_id, listing_id, origin, created_by, created_at,
      updated_by, updated_at)
    select ${accountId}::text, g.mapping_id, ${channelId}::text, g.listing_id, 'import', ${actor}::text,
      ${now}::text, ${actor}::text, ${now}::text
    from pg_temp.import_groups g where g.change = 'create' order by g.first_row`.execute(trx);
  if (created >= analyzeAfterRows) await sql`analyze mappings`.execute(trx);
  await sql`insert into mapping_components (account_id, mapping_id, variant_id, quantity)
    select ${accountId}::text, g.mapping_id, r.variant_id, r.quantity
    from pg_temp.import_groups g
    join pg_temp.import_rows r on r.gkey = g.gkey and r.internal_sku <> ''
    where g.change in ('create', 'update') order by g.first_row, r.row_no`.execute(trx);
  const changed =
    created + updated + deleted > loggedListingLimit
      ? null
      : (
          await sql<{ listing_id: string }>`select listing_id from pg_temp.import_groups
            where change in ('create', 'update', 'delete')
            union all select listing_id from pg_temp.import_removals`.execute(trx)
        ).rows.map((r) => r.listing_id);
  await bumpMappingVersion(trx, accountId, channelId, changed);
  return { created, updated, deleted, listingsCreated, operationId };
}
