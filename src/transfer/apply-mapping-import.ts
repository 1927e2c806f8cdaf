// Applies a previewed mapping import in ONE transaction: the file is validated again against the
// database as it is now, listings are made for unknown channel SKUs (as manual mapping does, in batches), and
// every change is written as one undoable operation with origin "import": on SQLite by set-based SQL over
// the staged file (staged-apply.ts), on PostgreSQL through writeCheckedMappings.
// A crash before commit leaves the channel exactly as it was.
import { type Db, rawSqlite } from "../db/database.ts";
import { loadMappingsByListings, type MappingRecord } from "../mappings/mapping-store.ts";
import { type MappingChange, writeCheckedMappings } from "../mappings/write-mappings.ts";
import { AppError } from "../shared/errors.ts";
import type { ImportValidation } from "./create-import.ts";
import { ensureListingsBulk } from "./ensure-listings.ts";
import {
  getImport,
  type ImportRecord,
  markImportApplied,
  type RowError,
  saveImportPreview,
} from "./import-store.ts";
import { type MappingPlan, planMappingChanges } from "./plan-mapping-import.ts";
import { writeStagedMappings } from "./staged-apply.ts";
import { stageMappingImport } from "./staged-import-sqlite.ts";
import { dropStagedTables } from "./staged-stage.ts";

type ApplyOptions = {
  accountId: string;
  channelId: string;
  importId: string;
  actorUserId: string | null;
  validRowsOnly: boolean;
  dryRun: boolean;
  onRow?: (rowsRead: number) => void;
};

type Applied = {
  created: number;
  updated: number;
  deleted: number;
  listingsCreated: number;
  operationId: string | null;
};

function refuseInvalidRows(errors: RowError[], validRowsOnly: boolean): void {
  if (errors.length > 0 && !validRowsOnly) {
    throw new AppError(
      "IMPORT_HAS_ERRORS",
      `${errors.length} row(s) are invalid; nothing was written. Fix them or apply with validRowsOnly=true.`,
      { rejectedRows: errors.length, errors: errors.slice(0, 20) },
    );
  }
}

export async function applyMappingImport(db: Db, options: ApplyOptions): Promise<ImportRecord> {
  const { accountId, importId } = options;
  const record = await getImport(db, { accountId, importId, kind: "mappings", channelId: options.channelId });
  if (record.status === "applied" || options.dryRun) return record;
  await db.transaction().execute(async (trx) => {
    const raw = rawSqlite(trx);
    const staged = { ...options, path: record.filePath, mode: record.mode };
    let plan: ImportValidation;
    let applied: Applied;
    if (raw) {
      try {
        plan = await stageMappingImport(trx, raw, staged);
        refuseInvalidRows(plan.errors, options.validRowsOnly);
        applied = await writeStagedMappings(trx, raw, {
          ...options,
          summary: `Imported ${record.fileName} (${record.mode})`,
        });
      } finally {
        dropStagedTables(raw);
      }
    } else {
      const planned = await planMappingChanges(trx, staged);
      plan = planned;
      refuseInvalidRows(plan.errors, options.validRowsOnly);
      applied = await writePlannedMappings(trx, options, record, planned);
    }
    const summary = {
      created: applied.created,
      updated: applied.updated,
      deleted: applied.deleted,
      unchanged: plan.counts.unchanged,
      rejectedRows: plan.errors.length,
      listingsCreated: applied.listingsCreated,
      operationId: applied.operationId,
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

/** The PostgreSQL path: the planned changes written through writeCheckedMappings. */
async function writePlannedMappings(
  trx: Db,
  options: ApplyOptions,
  record: ImportRecord,
  plan: MappingPlan,
): Promise<Applied> {
  const { accountId, channelId } = options;
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
  for (const [listingId, mapping] of await loadMappingsByListings(trx, accountId, plan.removals)) {
    current.set(listingId, mapping);
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
  return {
    created: result?.created ?? 0,
    updated: result?.updated ?? 0,
    deleted: result?.deleted ?? 0,
    listingsCreated,
    operationId: result?.operationId ?? null,
  };
}
