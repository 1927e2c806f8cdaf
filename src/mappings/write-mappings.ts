// The one bulk writer of mappings: file imports, auto-mapping on download, accepted
// suggestions, delete all, select-many delete, family remaps and undo all go through it.
// It must run inside the caller's transaction: it loads the current state in chunks, skips
// what would not change, writes with batched multi-row statements, records one operation with
// an audit entry per changed listing and bumps the channel's mapping version once.
import { getVariantsByIds } from "../catalog/variant-lookup.ts";
import { bumpMappingVersion } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import { getListingsByIds } from "../listings/listing-lookup.ts";
import { type AuditEntry, recordOperation } from "../operations/record-operation.ts";
import { AppError, isUniqueViolation } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import {
  type Component,
  checkComponents,
  type MappingState,
  sameComponents,
  sortComponents,
} from "./mapping-state.ts";
import {
  deleteComponentRows,
  deleteMappingRows,
  insertComponentRows,
  insertMappingRows,
  loadMappingsByListings,
  type MappingRecord,
  type NewMappingRow,
  stateOf,
  touchMappingRows,
} from "./mapping-store.ts";

export type MappingChange = {
  listingId: string;
  components: Component[] | null;
  /** Overrides the operation's origin for this listing (undo restores each listing's own). */
  origin?: string;
};

export type WriteMappingsOptions = {
  accountId: string;
  channelId: string;
  actorUserId: string | null;
  origin: string;
  kind: string;
  summary: string;
  changes: MappingChange[];
};

export type WriteMappingsResult = {
  operationId: string;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
};

export const mappingEntity = "mapping";

async function checkTargets(db: Db, options: WriteMappingsOptions): Promise<void> {
  const seen = new Set<string>();
  const variantIds = new Set<string>();
  options.changes.forEach((change, index) => {
    if (seen.has(change.listingId)) {
      throw new AppError("VALIDATION_FAILED", `changes.${index} names listing ${change.listingId} twice.`, {
        field: `changes.${index}.listingId`,
        value: change.listingId,
      });
    }
    seen.add(change.listingId);
    if (change.components) {
      checkComponents(change.components, `changes.${index}.components`);
      for (const c of change.components) variantIds.add(c.variantId);
    }
  });
  const listings = await getListingsByIds(db, options.accountId, [...seen]);
  options.changes.forEach((change, index) => {
    const listing = listings.get(change.listingId);
    if (!listing || listing.channelId !== options.channelId) {
      throw new AppError("LISTING_NOT_FOUND", "Listing not found in this channel.", {
        field: `changes.${index}.listingId`,
        value: change.listingId,
      });
    }
    if (change.components && listing.type === "parent") {
      throw new AppError(
        "PARENT_NOT_MAPPABLE",
        `Listing ${listing.channelSku} is a parent (a variation group); map its variations instead.`,
        { field: `changes.${index}.listingId`, value: listing.channelSku },
      );
    }
  });
  const variants = await getVariantsByIds(db, options.accountId, [...variantIds]);
  for (const variantId of variantIds) {
    if (!variants.has(variantId)) {
      throw new AppError("VARIANT_NOT_FOUND", `Variant ${variantId} not found in this account.`, {
        field: "variantId",
        value: variantId,
      });
    }
  }
}

/**
 * Checks and writes the changes of one channel's mappings. The caller's transaction holds the
 * channel's write lock (lockMappingWrites), taken before it read what it changes.
 */
export async function writeMappings(db: Db, options: WriteMappingsOptions): Promise<WriteMappingsResult> {
  await checkTargets(db, options);
  const current = await loadMappingsByListings(
    db,
    options.accountId,
    options.changes.map((c) => c.listingId),
  );
  return writeCheckedMappings(db, options, current);
}

/**
 * writeMappings for a caller that has already checked every target in this transaction (each
 * listing once, in this channel, not a parent when mapped; every variant in this account;
 * components valid) and read the listings' current mappings (`current`, by listing id; a
 * listing absent from it is unmapped). A bulk import checks and reads all of that while
 * planning, so doing it again here would double the reads of a 1M-row apply.
 */
export async function writeCheckedMappings(
  db: Db,
  options: WriteMappingsOptions,
  current: Map<string, MappingRecord>,
): Promise<WriteMappingsResult> {
  const now = nowIso();
  const entries: AuditEntry[] = [];
  const inserts: NewMappingRow[] = [];
  const components: Array<{ mappingId: string; variantId: string; quantity: number }> = [];
  const removed: string[] = [];
  const touched = new Map<string, string[]>();
  let unchanged = 0;
  let created = 0;
  let updated = 0;

  for (const change of options.changes) {
    const existing = current.get(change.listingId);
    const origin = change.origin ?? options.origin;
    const before: MappingState | null = existing ? stateOf(existing) : null;
    if (change.components === null) {
      if (!existing) {
        unchanged += 1;
        continue;
      }
      removed.push(existing.id);
      entries.push({ entity: mappingEntity, entityId: change.listingId, before, after: null });
      continue;
    }
    if (existing && sameComponents(existing.components, change.components)) {
      unchanged += 1;
      continue;
    }
    const after: MappingState = { origin, components: sortComponents(change.components) };
    let mappingId: string;
    if (existing) {
      mappingId = existing.id;
      // appended in place: copying the list on every update made a large remap quadratic
      const list = touched.get(origin);
      if (list) list.push(existing.id);
      else touched.set(origin, [existing.id]);
      updated += 1;
    } else {
      mappingId = newId();
      inserts.push({
        id: mappingId,
        listingId: change.listingId,
        origin,
        actorUserId: options.actorUserId,
        now,
      });
      created += 1;
    }
    for (const c of after.components) components.push({ mappingId, ...c });
    entries.push({ entity: mappingEntity, entityId: change.listingId, before, after });
  }

  const replaced = [...touched.values()].flat();
  await deleteComponentRows(db, options.accountId, replaced);
  await deleteMappingRows(db, options.accountId, removed);
  for (const [origin, mappingIds] of touched) {
    await touchMappingRows(db, {
      accountId: options.accountId,
      mappingIds,
      origin,
      actorUserId: options.actorUserId,
      now,
    });
  }
  try {
    await insertMappingRows(db, options.accountId, options.channelId, inserts);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "MAPPING_EXISTS",
        "A listing in this change was mapped meanwhile; remap it instead.",
        {
          field: "listingId",
        },
      );
    }
    throw error;
  }
  await insertComponentRows(db, options.accountId, components);
  const operationId = await recordOperation(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    kind: options.kind,
    actorUserId: options.actorUserId,
    summary: options.summary,
    entries,
  });
  await bumpMappingVersion(
    db,
    options.accountId,
    options.channelId,
    entries.map((e) => e.entityId),
  );
  return { operationId, created, updated, deleted: removed.length, unchanged };
}
