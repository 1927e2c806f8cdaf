// Validates a stock file against the database without writing (unknown SKUs and locations are
// rejected per row; each row is classified create / update / unchanged against the current
// levels) and applies it: the changed levels go through the inventory area's setStockLevels in
// one transaction, so a crash or a bad row writes nothing.
import { findVariantsBySkus } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { validateLocations } from "../inventory/channel-locations.ts";
import { listStockLevels } from "../inventory/list-stock.ts";
import { type StockLevelInput, setStockLevels } from "../inventory/set-stock.ts";
import { AppError } from "../shared/errors.ts";
import { applyPlannedImport } from "./apply-planned-import.ts";
import { getImport, type ImportCounts, type ImportRecord } from "./import-store.ts";
import { openRowSource } from "./row-source.ts";
import { readStockFile } from "./stock-file.ts";

export type StockPlan = {
  totalRows: number;
  counts: ImportCounts;
  errors: Array<{ row: number; column: string; value: string; reason: string }>;
  levels: StockLevelInput[];
};

const maxLevel = 1_000_000_000;

/** Every current level of the account: "sku\0location" -> level. */
export async function loadStockLevels(
  db: Db,
  accountId: string,
): Promise<Map<string, { onHand: number; reserved: number }>> {
  const levels = new Map<string, { onHand: number; reserved: number }>();
  let cursor: string | undefined;
  for (;;) {
    const page = await listStockLevels(db, { accountId, cursor, limit: 5000 });
    for (const level of page.items) levels.set(`${level.sku}\u0000${level.location}`, level);
    if (!page.nextCursor) return levels;
    cursor = page.nextCursor;
  }
}

async function locationProblems(
  db: Db,
  accountId: string,
  locations: Set<string>,
): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  for (const location of locations) {
    try {
      await validateLocations(db, { accountId, locations: [{ location, field: "location" }] });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.set(location, 'is neither "default" nor the id of a fulfillment channel of this account');
    }
  }
  return problems;
}

export async function planStockImport(
  db: Db,
  options: { accountId: string; path: string; onRow?: (rowsRead: number) => void },
): Promise<StockPlan> {
  const { accountId } = options;
  const source = await openRowSource({ path: options.path });
  const read = await readStockFile({
    source,
    restore: source.format === "csv",
    ...(options.onRow ? { onRow: options.onRow } : {}),
  });
  const variants = await findVariantsBySkus(
    db,
    accountId,
    read.rows.map((r) => r.sku),
  );
  const badLocations = await locationProblems(db, accountId, new Set(read.rows.map((r) => r.location)));
  const current = await loadStockLevels(db, accountId);
  const counts: ImportCounts = { create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 };
  const levels: StockLevelInput[] = [];
  const fail = (row: number, column: string, value: string, reason: string) =>
    read.rowErrors.set(row, { row, column, value, reason });
  for (const row of read.rows) {
    if (!variants.has(row.sku)) {
      fail(row.row, "sku", row.sku, "is not the SKU of a variant in this account");
      continue;
    }
    const locationProblem = badLocations.get(row.location);
    if (locationProblem) {
      fail(row.row, "location", row.location, locationProblem);
      continue;
    }
    if (row.onHand > maxLevel || (row.reserved ?? 0) > maxLevel) {
      fail(
        row.row,
        row.onHand > maxLevel ? "on_hand" : "reserved",
        String(Math.max(row.onHand, row.reserved ?? 0)),
        `is more than ${maxLevel}`,
      );
      continue;
    }
    const existing = current.get(`${row.sku}\u0000${row.location}`);
    const reserved = row.reserved ?? existing?.reserved ?? 0;
    if (existing && existing.onHand === row.onHand && existing.reserved === reserved) {
      counts.unchanged += 1;
      continue;
    }
    counts[existing ? "update" : "create"] += 1;
    levels.push({ sku: row.sku, location: row.location, onHand: row.onHand, reserved });
  }
  const errors = [...read.rowErrors.values()].sort((a, b) => a.row - b.row);
  counts.rejectedRows = errors.length;
  return { totalRows: read.totalRows, counts, errors, levels };
}

export async function applyStockImport(
  db: Db,
  options: {
    accountId: string;
    importId: string;
    validRowsOnly: boolean;
    dryRun: boolean;
    onRow?: (rowsRead: number) => void;
  },
): Promise<ImportRecord> {
  const { accountId, importId } = options;
  const record = await getImport(db, { accountId, importId, kind: "stock" });
  if (record.status === "applied" || options.dryRun) return record;
  return applyPlannedImport(db, {
    accountId,
    importId,
    validRowsOnly: options.validRowsOnly,
    plan: (trx) =>
      planStockImport(trx, {
        accountId,
        path: record.filePath,
        ...(options.onRow ? { onRow: options.onRow } : {}),
      }),
    write: async (trx, plan) => {
      if (plan.levels.length > 0) await setStockLevels(trx, { accountId, levels: plan.levels });
      return {
        created: plan.counts.create,
        updated: plan.counts.update,
        unchanged: plan.counts.unchanged,
        rejectedRows: plan.errors.length,
      };
    },
  });
}
