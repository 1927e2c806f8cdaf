// Data access for the mappings and mapping_components tables: chunked loads by listing or
// mapping id and batched multi-row writes, so bulk changes never cost a round trip per row.
import type { Db } from "../db/database.ts";
import { type Component, type MappingState, sortComponents } from "./mapping-state.ts";

// Rows per statement: keeps bound parameters far below SQLite's and PostgreSQL's limits.
export const chunkSize = 500;

export type MappingRecord = {
  id: string;
  channelId: string;
  listingId: string;
  origin: string;
  components: Component[];
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
};

export function chunksOf<T>(values: T[], size = chunkSize): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

export function stateOf(record: MappingRecord): MappingState {
  return { origin: record.origin, components: sortComponents(record.components) };
}

type MappingRow = {
  id: string;
  channel_id: string;
  listing_id: string;
  origin: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
};

const mappingColumns = [
  "id",
  "channel_id",
  "listing_id",
  "origin",
  "created_at",
  "created_by",
  "updated_at",
  "updated_by",
] as const;

async function attachComponents(db: Db, accountId: string, rows: MappingRow[]): Promise<MappingRecord[]> {
  const byMapping = new Map<string, Component[]>();
  for (const chunk of chunksOf(rows.map((r) => r.id))) {
    const components = await db
      .selectFrom("mapping_components")
      .select(["mapping_id", "variant_id", "quantity"])
      .where("account_id", "=", accountId)
      .where("mapping_id", "in", chunk)
      .execute();
    for (const c of components) {
      const list = byMapping.get(c.mapping_id) ?? [];
      list.push({ variantId: c.variant_id, quantity: Number(c.quantity) });
      byMapping.set(c.mapping_id, list);
    }
  }
  return rows.map((row) => ({
    id: row.id,
    channelId: row.channel_id,
    listingId: row.listing_id,
    origin: row.origin,
    components: sortComponents(byMapping.get(row.id) ?? []),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }));
}

/** Current mappings of these listings, keyed by listing id (unmapped listings are absent). */
export async function loadMappingsByListings(
  db: Db,
  accountId: string,
  listingIds: string[],
): Promise<Map<string, MappingRecord>> {
  const rows: MappingRow[] = [];
  for (const chunk of chunksOf([...new Set(listingIds)])) {
    rows.push(
      ...(await db
        .selectFrom("mappings")
        .select(mappingColumns)
        .where("account_id", "=", accountId)
        .where("listing_id", "in", chunk)
        .execute()),
    );
  }
  const records = await attachComponents(db, accountId, rows);
  return new Map(records.map((r) => [r.listingId, r]));
}

export async function loadMappingsByIds(
  db: Db,
  accountId: string,
  mappingIds: string[],
): Promise<MappingRecord[]> {
  const rows: MappingRow[] = [];
  for (const chunk of chunksOf([...new Set(mappingIds)])) {
    rows.push(
      ...(await db
        .selectFrom("mappings")
        .select(mappingColumns)
        .where("account_id", "=", accountId)
        .where("id", "in", chunk)
        .execute()),
    );
  }
  return attachComponents(db, accountId, rows);
}

/** One page of a channel's mappings in id order, optionally restricted to some listings/origin. */
export async function selectChannelMappings(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    afterId?: string | undefined;
    limit: number;
    origin?: string | undefined;
    listingIds?: string[] | undefined;
  },
): Promise<MappingRecord[]> {
  let query = db
    .selectFrom("mappings")
    .select(mappingColumns)
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId);
  if (options.afterId) query = query.where("id", ">", options.afterId);
  if (options.origin) query = query.where("origin", "=", options.origin);
  if (options.listingIds) query = query.where("listing_id", "in", options.listingIds);
  const rows = await query.orderBy("id").limit(options.limit).execute();
  return attachComponents(db, options.accountId, rows);
}

/** Listing ids of every mapping of the channel (for delete-all and family rules). */
export async function listMappedListingIds(db: Db, accountId: string, channelId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("mappings")
    .select("listing_id")
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .execute();
  return rows.map((r) => r.listing_id);
}

/** Mappings of the channel that use any of these variants: variant id -> listing ids. */
export async function findListingsUsingVariants(
  db: Db,
  options: { accountId: string; channelId: string; variantIds: string[] },
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const chunk of chunksOf([...new Set(options.variantIds)])) {
    const rows = await db
      .selectFrom("mapping_components as c")
      .innerJoin("mappings as m", (join) =>
        join.onRef("m.account_id", "=", "c.account_id").onRef("m.id", "=", "c.mapping_id"),
      )
      .select(["c.variant_id", "m.listing_id"])
      .where("c.account_id", "=", options.accountId)
      .where("m.channel_id", "=", options.channelId)
      .where("c.variant_id", "in", chunk)
      .execute();
    for (const row of rows) {
      const list = found.get(row.variant_id) ?? [];
      list.push(row.listing_id);
      found.set(row.variant_id, list);
    }
  }
  return found;
}

/** Distinct variants used by any mapping of the channel. */
export async function listMappedVariantIds(db: Db, accountId: string, channelId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("mapping_components as c")
    .innerJoin("mappings as m", (join) =>
      join.onRef("m.account_id", "=", "c.account_id").onRef("m.id", "=", "c.mapping_id"),
    )
    .select("c.variant_id")
    .distinct()
    .where("c.account_id", "=", accountId)
    .where("m.channel_id", "=", channelId)
    .execute();
  return rows.map((r) => r.variant_id);
}

export type NewMappingRow = {
  id: string;
  listingId: string;
  origin: string;
  actorUserId: string | null;
  now: string;
};

export async function insertMappingRows(
  db: Db,
  accountId: string,
  channelId: string,
  rows: NewMappingRow[],
): Promise<void> {
  for (const chunk of chunksOf(rows)) {
    await db
      .insertInto("mappings")
      .values(
        chunk.map((r) => ({
          account_id: accountId,
          id: r.id,
          channel_id: channelId,
          listing_id: r.listingId,
          origin: r.origin,
          created_by: r.actorUserId,
          created_at: r.now,
          updated_by: r.actorUserId,
          updated_at: r.now,
        })),
      )
      .execute();
  }
}

export async function insertComponentRows(
  db: Db,
  accountId: string,
  rows: Array<{ mappingId: string; variantId: string; quantity: number }>,
): Promise<void> {
  for (const chunk of chunksOf(rows, 1000)) {
    await db
      .insertInto("mapping_components")
      .values(
        chunk.map((r) => ({
          account_id: accountId,
          mapping_id: r.mappingId,
          variant_id: r.variantId,
          quantity: r.quantity,
        })),
      )
      .execute();
  }
}

export async function deleteComponentRows(db: Db, accountId: string, mappingIds: string[]): Promise<void> {
  for (const chunk of chunksOf(mappingIds)) {
    await db
      .deleteFrom("mapping_components")
      .where("account_id", "=", accountId)
      .where("mapping_id", "in", chunk)
      .execute();
  }
}

export async function deleteMappingRows(db: Db, accountId: string, mappingIds: string[]): Promise<void> {
  await deleteComponentRows(db, accountId, mappingIds);
  for (const chunk of chunksOf(mappingIds)) {
    await db.deleteFrom("mappings").where("account_id", "=", accountId).where("id", "in", chunk).execute();
  }
}

/** Marks remapped rows as changed (one statement per chunk and origin). */
export async function touchMappingRows(
  db: Db,
  options: {
    accountId: string;
    mappingIds: string[];
    origin: string;
    actorUserId: string | null;
    now: string;
  },
): Promise<void> {
  for (const chunk of chunksOf(options.mappingIds)) {
    await db
      .updateTable("mappings")
      .set({ origin: options.origin, updated_by: options.actorUserId, updated_at: options.now })
      .where("account_id", "=", options.accountId)
      .where("id", "in", chunk)
      .execute();
  }
}
