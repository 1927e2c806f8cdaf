// SQLite fast path of the mapping import, step 3: the writes, as INSERT/UPDATE/DELETE ... SELECT
// over the staged tables (staged-validate.ts decided each channel SKU's change), inside the
// caller's transaction. It writes what writeCheckedMappings writes for the same changes: missing
// listings (as ensureListing makes them: single, active), mappings with origin "import", one operation
// whose audit entries hold each listing's state before and after as `{ origin, components }`
// JSON with components ordered by variant id (what undo reads back), and one version bump.
import { bumpMappingVersion, loggedListingLimit } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import { mappingEntity } from "../mappings/write-mappings.ts";
import { recordOperation } from "../operations/record-operation.ts";
import { nowIso } from "../shared/ids.ts";
import type { Sqlite } from "./staged-stage.ts";

export type StagedWriteResult = {
  created: number;
  updated: number;
  deleted: number;
  listingsCreated: number;
  operationId: string | null;
};

// The states as JSON text, byte for byte what JSON.stringify makes of a MappingState (keys in
// that order, components by variant id), put together as text: wrapping the array in json()
// to nest it in json_object parsed it again for every entry.
const stateJson = (origin: string, components: string) =>
  `'{"origin":' || json_quote(${origin}) || ',"components":' || ${components} || '}'`;

/** `{ origin, components }` of a mapping as it is in the database now. */
const currentState = (mappingId: string, origin: string) =>
  stateJson(
    origin,
    `(select json_group_array(json_object('variantId', c.variant_id, 'quantity', c.quantity) order by c.variant_id)
      from mapping_components c where c.account_id = @accountId and c.mapping_id = ${mappingId})`,
  );

/** `{ origin: "import", components }` of a channel SKU's staged rows (one row: put together as text). */
const stagedState = stateJson(
  "'import'",
  `case when g.n = 1 then (select '[{"variantId":' || json_quote(r.variant_id) || ',"quantity":' || r.quantity || '}]'
      from temp.import_rows r where r.row_no = g.first_row)
    else (select json_group_array(json_object('variantId', r.variant_id, 'quantity', r.quantity) order by r.variant_id)
      from temp.import_rows r where r.gkey = g.gkey and r.internal_sku <> '') end`,
);

export async function writeStagedMappings(
  db: Db,
  raw: Sqlite,
  options: { accountId: string; channelId: string; actorUserId: string | null; summary: string },
): Promise<StagedWriteResult> {
  const { accountId, channelId } = options;
  const now = nowIso();
  const actor = options.actorUserId;
  const run = (text: string, params: Record<string, unknown> = {}) =>
    raw.prepare(text).run({ accountId, ...params }).changes;
  const count = (text: string) => Number(raw.prepare(text).pluck().get());

  const listingsCreated = run(
    `insert into listings (account_id, id, channel_id, seller_id, channel_sku, type, status, missing_on_channel, created_at, updated_at)
    select @accountId, g.listing_id, @channelId, g.effective_seller_id, g.channel_sku, 'single', 'active', 0, @now, @now
    from temp.import_groups g where g.change = 'create' and g.new_listing`,
    { channelId, now },
  );

  const created = count("select count(*) from temp.import_groups where change = 'create'");
  const updated = count("select count(*) from temp.import_groups where change = 'update'");
  const deleted =
    count("select count(*) from temp.import_groups where change = 'delete'") +
    count("select count(*) from temp.import_removals");
  if (created + updated + deleted === 0) {
    return { created, updated, deleted, listingsCreated, operationId: null };
  }

  const operationId = await recordOperation(db, {
    accountId,
    channelId,
    kind: "import",
    actorUserId: actor,
    summary: options.summary,
    entries: [],
  });
  // audit entries first: their `before` is read from the mappings as they are before the writes
  const listed = run(
    `insert into audit_entries (account_id, operation_id, seq, entity, entity_id, before, after)
    select @accountId, @operationId, row_number() over (order by g.first_row) - 1, @entity, g.listing_id,
      case when g.change = 'create' then null else ${currentState("g.mapping_id", "g.origin")} end,
      case when g.change = 'delete' then null else ${stagedState} end
    from temp.import_groups g where g.change in ('create', 'update', 'delete')`,
    { operationId, entity: mappingEntity },
  );
  run(
    `insert into audit_entries (account_id, operation_id, seq, entity, entity_id, before, after)
    select @accountId, @operationId, @listed + row_number() over (order by x.listing_id) - 1, @entity,
      x.listing_id, ${currentState("x.mapping_id", "x.origin")}, null
    from temp.import_removals x`,
    { operationId, entity: mappingEntity, listed },
  );

  const dropped = `select mapping_id from temp.import_groups where change in ('update', 'delete')
    union all select mapping_id from temp.import_removals`;
  run(`delete from mapping_components where account_id = @accountId and mapping_id in (${dropped})`);
  run(
    `delete from mappings where account_id = @accountId and id in (select mapping_id from temp.import_groups
      where change = 'delete' union all select mapping_id from temp.import_removals)`,
  );
  run(
    `update mappings set origin = 'import', updated_by = @actor, updated_at = @now
    where account_id = @accountId and id in (select mapping_id from temp.import_groups where change = 'update')`,
    { actor, now },
  );
  run(
    `insert into mappings (account_id, id, channel_id, listing_id, origin, created_by, created_at, updated_by, updated_at)
    select @accountId, g.mapping_id, @channelId, g.listing_id, 'import', @actor, @now, @actor, @now
    from temp.import_groups g where g.change = 'create'`,
    { channelId, actor, now },
  );
  // a channel SKU of one row finds it by row number; a bundle's rows by channel SKU
  run(
    `insert into mapping_components (account_id, mapping_id, variant_id, quantity)
    select @accountId, g.mapping_id, r.variant_id, r.quantity
    from temp.import_groups g join temp.import_rows r on r.row_no = g.first_row
    where g.change in ('create', 'update') and g.n = 1`,
  );
  run(
    `insert into mapping_components (account_id, mapping_id, variant_id, quantity)
    select @accountId, g.mapping_id, r.variant_id, r.quantity
    from temp.import_groups g join temp.import_rows r on r.gkey = g.gkey and r.internal_sku <> ''
    where g.change in ('create', 'update') and g.n > 1`,
  );
  const changes = created + updated + deleted;
  const changed =
    changes > loggedListingLimit
      ? null
      : (raw
          .prepare(`select listing_id from temp.import_groups where change in ('create', 'update', 'delete')
            union all select listing_id from temp.import_removals`)
          .pluck()
          .all() as string[]);
  await bumpMappingVersion(db, accountId, channelId, changed);
  return { created, updated, deleted, listingsCreated, operationId };
}
