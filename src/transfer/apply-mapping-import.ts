// Applies a previewed mapping import in ONE transaction: the file is validated again against the
// database as it is now, listings are made for unknown channel SKUs (as manual mapping does, in batches), and
// every change goes through writeMappings as one undoable operation with origin "import".
// A crash before commit leaves the channel exactly as it was.
import type { Db } from "../db/database.ts";
import { loadMappingsByListings, type MappingRecord } from "../mappings/mapping-store.ts";
import { type MappingChange, writeCheckedMappings } from "../mappings/write-mappings.ts";
import { AppError } from "../shared/errors.ts";
import { ensureListingsBulk } from "./ensure-listings.ts";
import { getImport, type ImportRecord, markImportApplied, saveImportPreview } from "./import-store.ts";
import { planMappingImport } from "./plan-mapping-import.ts";

export async function applyMappingImport(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    importId: string;
    actorUserId: string | null;
    validRowsOnly: boolean;
    dryRun: boolean;
    onRow?: (rowsRead: number) => void;
  },
): Promise<ImportRecord> {
  const { accountId, channelId, importId } = options;
  const record = await getImport(db, { accountId, importId, kind: "mappings", channelId });
  if (record.status === "applied" || options.dryRun) return record;
  await db.transaction().execute(async (trx) => {
    const plan = await planMappingImport(trx, {
      accountId,
      channelId,
      path: record.filePath,
      mode: record.mode,
      ...(options.onRow ? { onRow: options.onRow } : {}),
    });
    if (plan.errors.length > 0 && !options.validRowsOnly) {
      throw new AppError(
        "IMPORT_HAS_ERRORS",
        `${plan.errors.length} row(s) are invalid; nothing was written. Fix them or apply with validRowsOnly=true.`,
        { rejectedRows: plan.errors.length, errors: plan.errors.slice(0, 20) },
      );
    }
    const missing = new Map<string, string[]>();
    for (const change of plan.changes) {
      if (change.listingId !== null) continue;
      const list = missing.get(change.sellerId);
      if (list) list.push(change.channelSku);
      else missing.set(change.sellerId, [change.channelSku]);
    }
    const madeIds = new Map<string, Map<string, string>>();
    let listingsCreated = 0;
    for (const [sellerId, channelSkus] of missing) {
      const made = await ensureListingsBulk(trx, { accountId, channelId, sellerId, channelSkus });
      madeIds.set(sellerId, made.ids);
      listingsCreated += made.created;
    }
    // The plan checked every target and read its current mapping in this transaction.
    const current = new Map<string, MappingRecord>();
    const changes: MappingChange[] = plan.changes.map((change) => {
      if (change.existing) current.set(change.existing.listingId, change.existing);
      return {
        listingId: change.listingId ?? madeIds.get(change.sellerId)?.get(change.channelSku) ?? "",
        components: change.components,
      };
    });
    for (const listingId of plan.removals) changes.push({ listingId, components: null });
    for (const [listingId, record] of await loadMappingsByListings(trx, accountId, plan.removals)) {
      current.set(listingId, record);
    }
    const result =
      changes.length > 0
        ? await writeCheckedMappings(
            trx,
            {
              accountId,
              channelId,
              actorUserId: options.actorUserId,
              origin: "import",
              kind: "import",
              summary: `Imported ${record.fileName} (${record.mode})`,
              changes,
            },
            current,
          )
        : null;
    const summary = {
      created: result?.created ?? 0,
      updated: result?.updated ?? 0,
      deleted: result?.deleted ?? 0,
      unchanged: plan.counts.unchanged + (result?.unchanged ?? 0),
      rejectedRows: plan.errors.length,
      listingsCreated,
      operationId: result?.operationId ?? null,
    };
    await saveImportPreview(trx, {
      accountId,
      importId,
      rowsTotal: plan.totalRows,
      counts: plan.counts,
      errors: plan.errors,
    });
    await markImportApplied(trx, { accountId, importId, summary, operationId: summary.operationId });
  });
  return getImport(db, { accountId, importId });
}
