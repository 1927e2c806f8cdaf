// Deleting mappings: one, a selection, or every mapping of a channel. Each is one recorded,
// undoable operation (design invariant 7); "delete all" needs the exact confirmation value.
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { getListing } from "../listings/listing-lookup.ts";
import { AppError } from "../shared/errors.ts";
import { listMappedListingIds, loadMappingsByIds } from "./mapping-store.ts";
import { getMappingRecord } from "./present-mappings.ts";
import { type WriteMappingsResult, writeMappings } from "./write-mappings.ts";

export const deleteAllConfirmation = "delete-all";

export async function deleteMapping(
  db: Db,
  options: { accountId: string; channelId: string; mappingId: string; actorUserId: string | null },
): Promise<WriteMappingsResult> {
  return db.transaction().execute(async (trx) => {
    await lockMappingWrites(trx, options.accountId, options.channelId);
    const record = await getMappingRecord(trx, options);
    const listing = await getListing(trx, options.accountId, options.channelId, record.listingId);
    return writeMappings(trx, {
      accountId: options.accountId,
      channelId: options.channelId,
      actorUserId: options.actorUserId,
      origin: record.origin,
      kind: "delete",
      summary: `Deleted the mapping of ${listing.channelSku}`,
      changes: [{ listingId: record.listingId, components: null }],
    });
  });
}

/** Select-many delete: every id must be a mapping of this channel, else nothing is deleted. */
export async function deleteSelectedMappings(
  db: Db,
  options: { accountId: string; channelId: string; mappingIds: string[]; actorUserId: string | null },
): Promise<WriteMappingsResult> {
  return db.transaction().execute(async (trx) => {
    await getChannel(trx, options.accountId, options.channelId);
    await lockMappingWrites(trx, options.accountId, options.channelId);
    const records = await loadMappingsByIds(trx, options.accountId, options.mappingIds);
    const found = new Set(records.filter((r) => r.channelId === options.channelId).map((r) => r.id));
    options.mappingIds.forEach((id, index) => {
      if (!found.has(id)) {
        throw new AppError("MAPPING_NOT_FOUND", `mappingIds.${index}: no mapping ${id} in this channel.`, {
          field: `mappingIds.${index}`,
          value: id,
        });
      }
    });
    return writeMappings(trx, {
      accountId: options.accountId,
      channelId: options.channelId,
      actorUserId: options.actorUserId,
      origin: "manual",
      kind: "delete-many",
      summary: `Deleted ${records.length} selected mapping(s)`,
      changes: records.map((r) => ({ listingId: r.listingId, components: null })),
    });
  });
}

export function checkDeleteAllConfirmation(confirm: string | undefined): void {
  if (confirm !== deleteAllConfirmation) {
    throw new AppError(
      "CONFIRMATION_REQUIRED",
      `Deleting every mapping of a channel needs confirm=${deleteAllConfirmation}.`,
      { field: "confirm", value: confirm ?? null },
    );
  }
}

export async function deleteAllMappings(
  db: Db,
  options: { accountId: string; channelId: string; actorUserId: string | null; confirm: string | undefined },
): Promise<WriteMappingsResult> {
  checkDeleteAllConfirmation(options.confirm);
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, options.accountId, options.channelId);
    await lockMappingWrites(trx, options.accountId, channel.id);
    const listingIds = await listMappedListingIds(trx, options.accountId, channel.id);
    return writeMappings(trx, {
      accountId: options.accountId,
      channelId: channel.id,
      actorUserId: options.actorUserId,
      origin: "manual",
      kind: "delete-all",
      summary: `Deleted all ${listingIds.length} mapping(s) of ${channel.name}`,
      changes: listingIds.map((listingId) => ({ listingId, components: null })),
    });
  });
}
