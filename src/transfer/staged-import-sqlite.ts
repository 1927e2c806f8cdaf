// The mapping import on SQLite, staged in SQL: the file is streamed into TEMP tables on the
// connection and checked, counted and applied with set-based statements, so neither rows nor
// planned changes are held in memory (a 1M-row file used to need gigabytes). Preview and apply
// each stage the file again from disk; apply does it inside its own transaction, so it decides
// on the database as it is then. The one-pass import (importAndApplyMappings) stages it once.
// PostgreSQL's twin is pg-staged-import.ts.
import { getChannel } from "../channels/get-channel.ts";
import { type Db, rawSqlite } from "../db/database.ts";
import type { ImportValidation } from "./create-import.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { ImportMode } from "./import-store.ts";
import { dropStagedTables, type Sqlite, stageMappingRows } from "./staged-stage.ts";
import { validateStagedRows } from "./staged-validate.ts";

export type StagedImportOptions = {
  accountId: string;
  channelId: string;
  path: string;
  mode: ImportMode;
  onRow?: ((rowsRead: number) => void) | undefined;
  /** receives the rejected rows, in file order */
  onErrors: RowErrorSink;
};

/**
 * Stages and validates the file on `db`'s connection (a transaction: the TEMP tables live until
 * dropStagedTables). Throws INVALID_FILE for a file that cannot be read.
 */
export async function stageMappingImport(
  db: Db,
  raw: Sqlite,
  options: StagedImportOptions,
): Promise<ImportValidation> {
  const { accountId, channelId } = options;
  const channel = await getChannel(db, accountId, channelId);
  const totalRows = await stageMappingRows(raw, {
    accountId,
    channelSellerId: channel.sellerId,
    path: options.path,
    onRow: options.onRow,
  });
  const counts = await validateStagedRows(raw, {
    accountId,
    channelId,
    channelSellerId: channel.sellerId,
    replace: options.mode === "replace",
    onErrors: options.onErrors,
  });
  return { totalRows, counts };
}

/** The preview (nothing written): stages in a transaction of its own and drops the tables again. */
export async function previewStagedMappingImport(
  db: Db,
  options: StagedImportOptions,
): Promise<ImportValidation> {
  const run = async (trx: Db) => {
    const raw = rawSqlite(trx);
    if (!raw) throw new Error("previewStagedMappingImport needs a SQLite database");
    try {
      return await stageMappingImport(trx, raw, options);
    } finally {
      dropStagedTables(raw);
    }
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
