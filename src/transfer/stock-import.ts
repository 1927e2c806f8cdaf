// Validates a stock file against the database without writing (unknown SKUs and locations are
// rejected per row; each row is classified create / update / unchanged against the current
// levels) and applies it: the changed levels go through the inventory area's setStockLevels in
// one transaction, so a crash or a bad row writes nothing. The file is staged in SQL
// (stock-stage.ts) and planned and written a page of rows at a time, so memory stays flat.
import { findVariantsBySkus } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { lockBulkWrites } from "../db/dialect.ts";
import { validateLocations } from "../inventory/channel-locations.ts";
import { type StockLevelInput, setStockLevels } from "../inventory/set-stock.ts";
import { getStockLevels } from "../inventory/stock-lookup.ts";
import { AppError } from "../shared/errors.ts";
import {
  applyStoredImport,
  finishApply,
  importInOnePass,
  type OnePassImport,
  type StagedWriteOptions,
} from "./apply-staged-import.ts";
import type { ImportValidation } from "./create-import.ts";
import { importErrorSink, type RowErrorSink } from "./import-errors.ts";
import type { StoredImportApply } from "./import-progress.ts";
import { getImport, type ImportCounts, type ImportRecord, type RowError } from "./import-store.ts";
import { openRowSource } from "./row-source.ts";
import { hasStagedErrors, rejectStagedRow, sendStagedErrors } from "./row-stage.ts";
import { readStockRows } from "./stock-file.ts";
import { dropStockStage, readStagedStock, stageStockRows, stockRowsTable } from "./stock-stage.ts";

const maxLevel = 1_000_000_000;
const pageRows = 1000;

/** Why a location cannot hold stock, or null; looked up once per location of the file. */
async function locationProblem(db: Db, accountId: string, location: string): Promise<string | null> {
  try {
    await validateLocations(db, { accountId, locations: [{ location, field: "location" }] });
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return 'is neither "default" nor the id of a fulfillment channel of this account';
  }
}

/**
 * Stages the file in the caller's transaction and plans it a page of rows at a time, handing
 * each page's changed levels to `write` (none: a preview, nothing written). The rejected rows go
 * to `onErrors` in file order at the end.
 */
export async function runStockImport(
  db: Db,
  options: {
    accountId: string;
    path: string;
    onWait?: (() => void) | undefined;
    onRow?: ((rowsRead: number) => void) | undefined;
    onErrors: RowErrorSink;
    write?: (levels: StockLevelInput[]) => Promise<void>;
    /** the apply will be refused if a row is rejected: once one is, plan on without writing */
    refuseRejected?: boolean;
    /** called once the file is read and checked, as the planning and writing of pages begins */
    onWriting?: (() => void) | undefined;
  },
): Promise<ImportValidation> {
  if (!db.isTransaction) return db.transaction().execute((trx) => runStockImport(trx, options));
  const { accountId } = options;
  let totalRows = 0;
  // two applies of the account's stock files: the second plans on what the first wrote
  if (options.write) await lockBulkWrites(db, `stock-import:${accountId}`, options.onWait);
  const source = await openRowSource({ path: options.path });
  try {
    await stageStockRows(
      db,
      readStockRows({
        source,
        restore: source.format === "csv",
        onRow: (rowsRead) => {
          totalRows = rowsRead;
          options.onRow?.(rowsRead);
        },
      }),
    );
    const counts: ImportCounts = { create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 };
    const locations = new Map<string, string | null>();
    let writing =
      options.write !== undefined && !(options.refuseRejected && (await hasStagedErrors(db, stockRowsTable)));
    if (writing) options.onWriting?.();
    let afterSeq = -1;
    for (;;) {
      const page = await readStagedStock(db, { afterSeq, limit: pageRows });
      const last = page.at(-1);
      if (!last) break;
      afterSeq = last.seq;
      const variants = await findVariantsBySkus(
        db,
        accountId,
        page.map((r) => r.sku),
      );
      for (const { location } of page) {
        if (!locations.has(location)) locations.set(location, await locationProblem(db, accountId, location));
      }
      const current = new Map<string, { onHand: number; reserved: number }>();
      const levels = await getStockLevels(db, {
        accountId,
        variantIds: [...new Set([...variants.values()].map((v) => v.id))],
        locations: [...new Set(page.map((r) => r.location))],
      });
      for (const level of levels) current.set(`${level.variantId}\u0000${level.location}`, level);
      const changed: StockLevelInput[] = [];
      const rejected: Array<{ seq: number; error: RowError }> = [];
      for (const row of page) {
        const reject = (column: string, value: string, reason: string) =>
          rejected.push({ seq: row.seq, error: { row: row.row, column, value, reason } });
        const variant = variants.get(row.sku);
        if (!variant) {
          reject("sku", row.sku, "is not the SKU of a variant in this account");
          continue;
        }
        const problem = locations.get(row.location);
        if (problem) {
          reject("location", row.location, problem);
          continue;
        }
        if (row.onHand > maxLevel || (row.reserved ?? 0) > maxLevel) {
          reject(
            row.onHand > maxLevel ? "on_hand" : "reserved",
            String(Math.max(row.onHand, row.reserved ?? 0)),
            `is more than ${maxLevel}`,
          );
          continue;
        }
        const existing = current.get(`${variant.id}\u0000${row.location}`);
        const reserved = row.reserved ?? existing?.reserved ?? 0;
        if (existing && existing.onHand === row.onHand && existing.reserved === reserved) {
          counts.unchanged += 1;
          continue;
        }
        counts[existing ? "update" : "create"] += 1;
        changed.push({ sku: row.sku, location: row.location, onHand: row.onHand, reserved });
      }
      for (const { seq, error } of rejected) await rejectStagedRow(db, stockRowsTable, seq, error);
      if (rejected.length > 0 && options.refuseRejected) writing = false;
      if (writing && changed.length > 0) await options.write?.(changed);
    }
    counts.rejectedRows = await sendStagedErrors(db, stockRowsTable, options.onErrors);
    return { totalRows, counts };
  } finally {
    await source.close();
    await dropStockStage(db);
  }
}

/**
 * Validates the file against the database as it is now and writes it a page at a time (it stops
 * writing once a row is rejected, unless validRowsOnly); answers the rejected rows (finishApply).
 */
async function validateAndWrite(trx: Db, options: StagedWriteOptions): Promise<number> {
  const { accountId, importId } = options;
  const validation = await runStockImport(trx, {
    ...options,
    onErrors: await importErrorSink(trx, { accountId, importId }),
    write: async (levels) => {
      await setStockLevels(trx, { accountId, levels });
    },
    refuseRejected: !options.validRowsOnly,
  });
  return finishApply(trx, {
    ...options,
    validation,
    summary: (counts) => ({
      created: counts.create,
      updated: counts.update,
      unchanged: counts.unchanged,
      rejectedRows: counts.rejectedRows,
    }),
  });
}

export async function applyStockImport(db: Db, options: StoredImportApply): Promise<ImportRecord> {
  const record = await getImport(db, { ...options, kind: "stock" });
  return applyStoredImport(db, {
    ...options,
    record,
    write: (trx, path, onWriting) => validateAndWrite(trx, { ...options, path, onWriting }),
  });
}

/** A stock import validated and applied in one pass (see importInOnePass). */
export async function importAndApplyStock(db: Db, options: OnePassImport): Promise<ImportRecord> {
  const { accountId } = options;
  return importInOnePass(db, {
    ...options,
    kind: "stock",
    write: (trx, importId) =>
      validateAndWrite(trx, { ...options, importId, onWriting: () => options.onWrite?.(null) }),
    validate: (trx, path, onErrors) => runStockImport(trx, { accountId, path, onErrors }),
  });
}
