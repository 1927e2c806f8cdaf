// Undo: restores every listing an operation changed to its `before` state, as a new recorded
// operation (kind "undo"), provided nothing newer changed those listings since; otherwise
// UNDO_CONFLICT names each conflicting channel SKU and the operation that changed it.
import { lockMappingWrites } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import { getListingsByIds } from "../listings/listing-lookup.ts";
import { type MappingState, sameState } from "../mappings/mapping-state.ts";
import { loadMappingsByListings, stateOf } from "../mappings/mapping-store.ts";
import { mappingEntity, writeMappings } from "../mappings/write-mappings.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import {
  findLaterChanges,
  getOperationRecord,
  markUndone,
  type OperationEntry,
  selectEntries,
} from "./operation-store.ts";

export type UndoResult = {
  operationId: string;
  undoneOperationId: string;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
};

async function loadAllEntries(db: Db, accountId: string, operationId: string): Promise<OperationEntry[]> {
  const entries: OperationEntry[] = [];
  for (;;) {
    const last = entries[entries.length - 1];
    const page = await selectEntries(db, { accountId, operationId, afterSeq: last?.seq, limit: 5000 });
    entries.push(...page);
    if (page.length < 5000) return entries;
  }
}

export async function undoOperation(
  db: Db,
  options: { accountId: string; operationId: string; actorUserId: string | null },
): Promise<UndoResult> {
  const { accountId, operationId } = options;
  return db.transaction().execute(async (trx) => {
    const operation = await getOperationRecord(trx, accountId, operationId);
    if (
      operation.undoneAt !== null ||
      !(await markUndone(trx, { accountId, operationId, userId: options.actorUserId, now: nowIso() }))
    ) {
      throw new AppError("ALREADY_UNDONE", "This operation was already undone.", {
        operationId,
        undoneAt: operation.undoneAt,
        undoneBy: operation.undoneBy,
      });
    }
    const entries = await loadAllEntries(trx, accountId, operationId);
    const unsupported = entries.find((e) => e.entity !== mappingEntity);
    if (unsupported || operation.channelId === null) {
      throw new AppError("NOT_UNDOABLE", `Operations of kind ${operation.kind} cannot be undone.`, {
        operationId,
      });
    }
    // the states compared below are the committed ones: later writes of the channel wait
    await lockMappingWrites(trx, accountId, operation.channelId);
    const listingIds = entries.map((e) => e.entityId);
    const current = await loadMappingsByListings(trx, accountId, listingIds);
    const conflicts = entries.filter((entry) => {
      const now = current.get(entry.entityId);
      return !sameState(now ? stateOf(now) : null, (entry.after as MappingState | null) ?? null);
    });
    if (conflicts.length > 0) {
      const ids = conflicts.map((c) => c.entityId);
      const listings = await getListingsByIds(trx, accountId, ids);
      const later = await findLaterChanges(trx, { accountId, afterId: operationId, entityIds: ids });
      const details = conflicts.map((c) => ({
        listingId: c.entityId,
        channelSku: listings.get(c.entityId)?.channelSku ?? null,
        changedBy: later.get(c.entityId) ?? null,
      }));
      throw new AppError(
        "UNDO_CONFLICT",
        `${conflicts.length} listing(s) changed since this operation: ${details
          .slice(0, 10)
          .map((d) => d.channelSku ?? d.listingId)
          .join(", ")}. Undo the newer operations first.`,
        details,
      );
    }
    const result = await writeMappings(trx, {
      accountId,
      channelId: operation.channelId,
      actorUserId: options.actorUserId,
      origin: "manual",
      kind: "undo",
      summary: `Undid: ${operation.summary}`,
      changes: entries.map((entry) => {
        const before = entry.before as MappingState | null;
        return before
          ? { listingId: entry.entityId, components: before.components, origin: before.origin }
          : { listingId: entry.entityId, components: null };
      }),
    });
    return { ...result, undoneOperationId: operationId };
  });
}
