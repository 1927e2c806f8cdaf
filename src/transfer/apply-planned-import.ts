// The apply of an import whose plan holds its rows in memory (catalog, stock files), in ONE
// transaction: the import is claimed first (a second apply finds it applied), the file is
// planned again against the database as it is now, its rejected rows replace the preview's, and
// IMPORT_HAS_ERRORS refuses it unless validRowsOnly. A crash before commit writes nothing.
import type { Db } from "../db/database.ts";
import type { ImportValidation } from "./create-import.ts";
import { refuseInvalidRows, saveImportErrors } from "./import-errors.ts";
import {
  claimImport,
  getImport,
  type ImportRecord,
  markImportApplied,
  type RowError,
  saveImportPreview,
} from "./import-store.ts";

export async function applyPlannedImport<P extends ImportValidation & { errors: RowError[] }>(
  db: Db,
  options: {
    accountId: string;
    importId: string;
    validRowsOnly: boolean;
    plan: (trx: Db) => Promise<P>;
    /** writes the valid rows; answers the summary the import keeps */
    write: (trx: Db, plan: P) => Promise<Record<string, unknown>>;
  },
): Promise<ImportRecord> {
  const { accountId, importId } = options;
  await db.transaction().execute(async (trx) => {
    if (!(await claimImport(trx, { accountId, importId }))) return;
    const plan = await options.plan(trx);
    await saveImportErrors(trx, { accountId, importId, errors: plan.errors });
    await refuseInvalidRows(trx, {
      accountId,
      importId,
      rejectedRows: plan.errors.length,
      validRowsOnly: options.validRowsOnly,
    });
    const summary = await options.write(trx, plan);
    await saveImportPreview(trx, { accountId, importId, rowsTotal: plan.totalRows, counts: plan.counts });
    await markImportApplied(trx, { accountId, importId, summary, operationId: null });
  });
  return getImport(db, { accountId, importId });
}
