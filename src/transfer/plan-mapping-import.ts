// Validates a mapping file against the database without writing: resolves internal SKUs to
// variants of this account and channel SKUs to listings, rejects what cannot be applied, and
// classifies every listing as create / update / delete / unchanged. Preview and apply share it,
// so apply decides on the database as it is at that moment.
import { getChannel } from "../channels/get-channel.ts";
import { type Db, rawSqlite } from "../db/database.ts";
import { sameComponents } from "../mappings/mapping-state.ts";
import { listMappedListingIds, type MappingRecord } from "../mappings/mapping-store.ts";
import { AppError } from "../shared/errors.ts";
import type { ImportValidation } from "./create-import.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { ImportCounts, ImportMode, RowError } from "./import-store.ts";
import { collectRowErrors, type MappingGroup, readMappingFile, rejectGroup } from "./mapping-file.ts";
import { createMappingLookups } from "./mapping-lookups.ts";
import { dropPgStagedTables, stagePgMappingImport } from "./pg-staged-import.ts";
import { openRowSource } from "./row-source.ts";
import { previewStagedMappingImport } from "./staged-import-sqlite.ts";
import { unknownSellerReason } from "./staged-reasons.ts";

export type PlannedChange = {
  channelSku: string;
  sellerId: string;
  /** null: the listing does not exist yet and is created on apply */
  listingId: string | null;
  components: Array<{ variantId: string; quantity: number }> | null;
  kind: "create" | "update" | "delete";
  /** the listing's mapping as read while planning (update and delete); apply writes against it */
  existing: MappingRecord | null;
};

export type MappingPlan = {
  totalRows: number;
  counts: ImportCounts;
  errors: RowError[];
  changes: PlannedChange[];
  /** replace mode: listings of the channel that are mapped but absent from the file */
  removals: string[];
};

type PlanOptions = {
  accountId: string;
  channelId: string;
  path: string;
  mode: ImportMode;
  onRow?: (rowsRead: number) => void;
};

/**
 * The preview of a mapping import (nothing written): staged in SQL, on SQLite and on PostgreSQL;
 * the rejected rows go to onErrors.
 */
export async function planMappingImport(
  db: Db,
  options: PlanOptions & { onErrors: RowErrorSink },
): Promise<ImportValidation> {
  if (rawSqlite(db)) return previewStagedMappingImport(db, options);
  // staged in TEMP tables of a transaction of its own, dropped again
  const run = async (trx: Db) => {
    try {
      return await stagePgMappingImport(trx, options);
    } finally {
      await dropPgStagedTables(trx);
    }
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function channelHasSeller(db: Db, channel: { accountId: string; id: string }, sellerId: string) {
  const listing = await db
    .selectFrom("listings")
    .select("id")
    .where("account_id", "=", channel.accountId)
    .where("channel_id", "=", channel.id)
    .where("seller_id", "=", sellerId)
    .limit(1)
    .executeTakeFirst();
  return listing !== undefined;
}

/**
 * Every change the import would make, read into memory: the reference model the staged paths
 * (staged-import-sqlite.ts, pg-staged-import.ts) are tested against.
 */
export async function planMappingChanges(db: Db, options: PlanOptions): Promise<MappingPlan> {
  const { accountId, channelId } = options;
  const channel = await getChannel(db, accountId, channelId);
  const lookups = createMappingLookups(db, accountId, channelId);
  const source = await openRowSource({ path: options.path });
  const restore = source.format === "csv";
  const read = await readMappingFile({
    source,
    restore,
    channelSellerId: channel.sellerId,
    ...(options.onRow ? { onRow: options.onRow } : {}),
  });
  if (read.totalRows === 0) {
    throw new AppError("INVALID_FILE", "The file has a header but no rows.", {
      row: 2,
      reason: "no data rows",
    });
  }

  const skus = new Set<string>();
  for (const group of read.groups.values()) for (const c of group.components) skus.add(c.sku);
  const variants = await lookups.variantIds([...skus]);
  for (const group of read.groups.values()) {
    for (const c of group.components) {
      if (!variants.has(c.sku)) {
        rejectGroup(read, group, {
          row: c.row,
          column: "internal_sku",
          value: c.sku,
          reason: "is not the SKU of a variant in this account",
        });
      }
    }
  }

  const bySeller = new Map<string, MappingGroup[]>();
  for (const group of read.groups.values()) {
    const sellerId = group.sellerId || channel.sellerId;
    const list = bySeller.get(sellerId);
    if (list) list.push(group);
    else bySeller.set(sellerId, [group]);
  }
  const listingOf = new Map<MappingGroup, string>();
  // channel SKU -> its first row naming a seller id no listing has
  const unknownSellerRows = new Map<string, number>();
  for (const [sellerId, groups] of bySeller) {
    const listings = await lookups.listings(
      sellerId,
      groups.map((g) => g.channelSku),
    );
    const knownSeller = sellerId === channel.sellerId || (await channelHasSeller(db, channel, sellerId));
    for (const group of groups) {
      const listing = listings.get(group.channelSku);
      if (!listing) {
        if (!knownSeller && group.action === "upsert") {
          const row = group.rows[0] ?? 0;
          // the seller is the row's reason only when the row has none of its own yet
          const reasonOfRow = !read.rowErrors.has(row);
          rejectGroup(read, group, {
            row,
            column: "seller_id",
            value: group.sellerId,
            reason: unknownSellerReason,
          });
          const first = unknownSellerRows.get(group.channelSku);
          if (reasonOfRow && (first === undefined || row < first))
            unknownSellerRows.set(group.channelSku, row);
        }
        continue;
      }
      listingOf.set(group, listing.id);
      if (listing.type === "parent" && group.action === "upsert") {
        rejectGroup(read, group, {
          row: group.rows[0] ?? 0,
          column: "channel_sku",
          value: group.channelSku,
          reason: "is a parent listing (a variation group); map its variations instead",
        });
      }
    }
  }

  // such a seller id is likely a typo in one row of a bundle: the channel SKU's rows of other
  // sellers are not applied either, so no bundle is made of what is left
  for (const group of read.groups.values()) {
    const cause = unknownSellerRows.get(group.channelSku);
    if (cause === undefined || group.rejected) continue;
    for (const row of group.rows) {
      read.rowErrors.set(row, {
        row,
        column: "channel_sku",
        value: group.channelSku,
        reason: `not applied: row ${cause} of the same channel_sku is invalid`,
      });
    }
    group.rejected = true;
  }

  const current = await lookups.mappings([...listingOf.values()]);
  const counts: ImportCounts = { create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 };
  const changes: PlannedChange[] = [];
  for (const group of read.groups.values()) {
    if (group.rejected) continue;
    const listingId = listingOf.get(group) ?? null;
    const existing = listingId ? current.get(listingId) : undefined;
    const sellerId = group.sellerId || channel.sellerId;
    if (group.action === "delete") {
      if (!existing || !listingId) counts.unchanged += 1;
      else {
        counts.delete += 1;
        changes.push({
          channelSku: group.channelSku,
          sellerId,
          listingId,
          components: null,
          kind: "delete",
          existing,
        });
      }
      continue;
    }
    const components = group.components.map((c) => ({
      variantId: variants.get(c.sku) ?? "",
      quantity: c.quantity,
    }));
    if (existing && sameComponents(existing.components, components)) {
      counts.unchanged += 1;
      continue;
    }
    const kind = existing ? "update" : "create";
    counts[kind] += 1;
    changes.push({
      channelSku: group.channelSku,
      sellerId,
      listingId,
      components,
      kind,
      existing: existing ?? null,
    });
  }

  let removals: string[] = [];
  if (options.mode === "replace") {
    const named = new Set(listingOf.values());
    removals = (await listMappedListingIds(db, accountId, channelId)).filter((id) => !named.has(id));
    counts.delete += removals.length;
  }
  const errors = collectRowErrors(read);
  counts.rejectedRows = errors.length;
  return { totalRows: read.totalRows, counts, errors, changes, removals };
}
