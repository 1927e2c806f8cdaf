// The mapping import on PostgreSQL, staged in SQL: the file is copied (COPY FROM STDIN) into TEMP
// tables on the transaction's connection and checked, counted and applied with set-based
// statements, so neither rows nor planned changes are held in memory (the in-memory plan,
// plan-mapping-import.ts, kept the whole file and ran ~100x a plain COPY). The PostgreSQL twin of
// staged-import-sqlite.ts: same checks, counts, errors and writes. Preview and apply each stage
// the file again from disk; apply does it inside its own transaction, so it decides on the
// database as it is then.
//   pg-staged-stage.ts     rows -> pg_temp.import_rows (COPY, variants resolved in one join)
//   pg-staged-validate.ts  cross-row checks, changes per channel SKU, removals, counts, errors
//   pg-staged-apply.ts     listings, mappings, components, audit entries, one operation
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { prepareBulkTransaction } from "../db/dialect.ts";
import type { ImportValidation } from "./create-import.ts";
import { stagePgMappingRows } from "./pg-staged-stage.ts";
import { validatePgStagedRows } from "./pg-staged-validate.ts";
import type { StagedImportOptions } from "./staged-import-sqlite.ts";

export { writePgStagedMappings } from "./pg-staged-apply.ts";
export { dropPgStagedTables } from "./pg-staged-stage.ts";

/**
 * Stages and validates the file in `trx` (a PostgreSQL transaction: the TEMP tables live until
 * dropPgStagedTables or the transaction's end). Throws INVALID_FILE for a file that cannot be read.
 */
export async function stagePgMappingImport(trx: Db, options: StagedImportOptions): Promise<ImportValidation> {
  const { accountId, channelId } = options;
  const channel = await getChannel(trx, accountId, channelId);
  await prepareBulkTransaction(trx);
  const totalRows = await stagePgMappingRows(trx, {
    accountId,
    channelSellerId: channel.sellerId,
    path: options.path,
    onRow: options.onRow,
  });
  const counts = await validatePgStagedRows(trx, {
    accountId,
    channelId,
    channelSellerId: channel.sellerId,
    replace: options.mode === "replace",
    onErrors: options.onErrors,
  });
  return { totalRows, counts };
}
