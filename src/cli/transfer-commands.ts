// `crosswalk import mappings|catalog|stock FILE` and `crosswalk export mappings|catalog|stock`:
// the API's import machinery against the configured database: an import is validated and applied
// in one pass (a dry run validates and records the preview only).
// The summary is JSON on stdout (or stderr when the export itself goes to stdout), with the first
// rejected rows (import-report.ts); progress is a \r line on stderr. Exit 1 when rows were
// rejected or the file could not be used.
import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { type Command, Option } from "commander";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { importAndApplyMappings } from "../transfer/apply-mapping-import.ts";
import { importAndApplyCatalog } from "../transfer/catalog-apply.ts";
import { generateCatalogTable } from "../transfer/catalog-export.ts";
import { type CatalogSourceKind, runCatalogImport } from "../transfer/catalog-import.ts";
import { catalogImportKind } from "../transfer/catalog-routes.ts";
import { createImport, type ImportValidation } from "../transfer/create-import.ts";
import { generateMappingRows } from "../transfer/export-mappings.ts";
import type { RowErrorSink } from "../transfer/import-errors.ts";
import type { ImportKind, ImportMode, ImportRecord } from "../transfer/import-store.ts";
import { mappingHeader } from "../transfer/mapping-file.ts";
import { planMappingImport } from "../transfer/plan-mapping-import.ts";
import { createProgress } from "../transfer/progress.ts";
import type { FileFormat } from "../transfer/row-source.ts";
import { generateStockRows } from "../transfer/stock-export.ts";
import { stockHeader } from "../transfer/stock-file.ts";
import { importAndApplyStock, runStockImport } from "../transfer/stock-import.ts";
import { createTableStream, type TableRows } from "../transfer/table-output.ts";
import { exitCodes, type GlobalOptions, printJson, reportFailure, withDatabase } from "./context.ts";
import { importReport } from "./import-report.ts";

type ImportOptions = {
  account: string;
  channel?: string;
  dryRun?: boolean;
  mode?: string;
  validRowsOnly?: boolean;
  progress?: boolean;
  source?: string;
  errorFile?: string;
};
type ExportOptions = { account: string; channel?: string; output?: string; format?: string };

/** The channel the command names exists (withDatabase checked the account): a clear error. */
async function assertScope(db: Db, kind: TransferKind, options: { account: string; channel?: string }) {
  if (kind.needsChannel) await getChannel(db, options.account, options.channel ?? "");
}

/** --format, or the output file's ending (.xlsx), or CSV. */
function exportFormat(options: ExportOptions): FileFormat {
  if (options.format) return options.format as FileFormat;
  return options.output?.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv";
}

export type TransferKind = {
  name: "mappings" | "catalog" | "stock";
  needsChannel: boolean;
  validate: (
    db: Db,
    o: {
      accountId: string;
      channelId: string;
      path: string;
      mode: ImportMode;
      kind: ImportKind;
      onRow: (n: number) => void;
      onErrors: RowErrorSink;
    },
  ) => Promise<ImportValidation>;
  header: string[];
  rows: (db: Db, o: { accountId: string; channelId: string }) => TableRows;
  /** a header known only from the data (the catalog's option columns); replaces header + rows */
  table?: (db: Db, o: { accountId: string }) => Promise<{ header: string[]; rows: TableRows }>;
  /** validate and apply in one pass (no separate preview) when not a dry run */
  importAndApply: (
    db: Db,
    o: {
      accountId: string;
      channelId: string;
      path: string;
      fileName: string;
      mode: ImportMode;
      kind: ImportKind;
      validRowsOnly: boolean;
      /** another import of the channel (catalog, stock: of the account) holds the lock: this one waits */
      onWait: () => void;
      onRow: (n: number) => void;
      /** the writes begin: how many changes (null: not known before they are planned) */
      onWrite: (changes: number | null) => void;
    },
  ) => Promise<ImportRecord>;
  /** the import kind recorded for an import (default: the name) */
  importKind?: (o: ImportOptions) => ImportKind;
  /** extra import options: [flags, description] */
  importOptions?: Option[];
};

const mappingKind: TransferKind = {
  name: "mappings",
  needsChannel: true,
  validate: (db, o) => planMappingImport(db, o),
  importAndApply: (db, o) =>
    importAndApplyMappings(db, { ...o, actorUserId: null, idempotencyKey: null, keepFile: true }),
  header: mappingHeader,
  rows: (db, o) => generateMappingRows(db, o),
};

/** What the CLI's one-pass catalog and stock imports record besides the file. */
const cliImport = { idempotencyKey: null, actorUserId: null, keepFile: true };

const catalogKind: TransferKind = {
  name: "catalog",
  needsChannel: false,
  validate: (db, o) => runCatalogImport(db, { ...o, kind: o.kind as CatalogSourceKind }),
  importAndApply: (db, o) =>
    importAndApplyCatalog(db, { ...cliImport, ...o, kind: o.kind as CatalogSourceKind }),
  header: [],
  rows: () => [],
  table: (db, o) => generateCatalogTable(db, o),
  importKind: (o) => catalogImportKind(o.source),
  importOptions: [
    new Option("--source <source>", "read a WooCommerce or Shopify product export as the catalog").choices([
      "file",
      "woocommerce",
      "shopify",
    ]),
  ],
};

const stockKind: TransferKind = {
  name: "stock",
  needsChannel: false,
  validate: (db, o) => runStockImport(db, o),
  importAndApply: (db, o) => importAndApplyStock(db, { ...cliImport, ...o }),
  header: stockHeader,
  rows: (db, o) => generateStockRows(db, o),
};

const kinds: TransferKind[] = [mappingKind, catalogKind, stockKind];

async function runImport(kind: TransferKind, file: string, options: ImportOptions, globals: GlobalOptions) {
  const showProgress = options.progress === true || process.stderr.isTTY === true;
  await withDatabase(globals, async ({ db }) => {
    await assertScope(db, kind, options);
    const accountId = options.account;
    const channelId = options.channel ?? "";
    const mode = (options.mode ?? "merge") as ImportMode;
    const importKind = kind.importKind ? kind.importKind(options) : kind.name;
    if (!options.dryRun) {
      const importing = createProgress({ label: "importing", enabled: showProgress });
      const record = await kind.importAndApply(db, {
        accountId,
        channelId,
        path: resolve(file),
        fileName: file,
        mode,
        kind: importKind,
        validRowsOnly: options.validRowsOnly === true,
        onWait: () => {
          const what = kind.needsChannel ? "channel's mappings" : `account's ${kind.name}`;
          process.stderr.write(`waiting for another import of this ${what} to finish...\n`);
        },
        onRow: importing.update,
        onWrite: (changes) => {
          importing.done();
          const what = changes === null ? "the changes" : `${changes} changes`;
          if (showProgress) process.stderr.write(`writing ${what} in one transaction...\n`);
        },
      });
      importing.done();
      printJson(await importReport(db, record, { accountId, errorFile: options.errorFile }));
      if (record.counts.rejectedRows > 0) process.exitCode = exitCodes.failed;
      return;
    }
    const validating = createProgress({ label: "validating", enabled: showProgress });
    const record = await createImport(db, {
      accountId,
      kind: importKind,
      channelId: kind.needsChannel ? channelId : null,
      mode,
      fileName: file,
      idempotencyKey: null,
      actorUserId: null,
      path: resolve(file),
      keepFile: true,
      validate: (trx, path, onErrors) =>
        kind.validate(trx, {
          accountId,
          channelId,
          path,
          mode,
          kind: importKind,
          onRow: validating.update,
          onErrors,
        }),
    });
    validating.done();
    printJson(await importReport(db, record, { accountId, errorFile: options.errorFile }));
    if (record.counts.rejectedRows > 0) process.exitCode = exitCodes.failed;
  }).catch(reportFailure);
}

async function runExport(kind: TransferKind, options: ExportOptions, globals: GlobalOptions) {
  const format = exportFormat(options);
  await withDatabase(globals, async ({ db }) => {
    await assertScope(db, kind, options);
    const table = kind.table
      ? await kind.table(db, { accountId: options.account })
      : {
          header: kind.header,
          rows: kind.rows(db, { accountId: options.account, channelId: options.channel ?? "" }),
        };
    const stream = createTableStream({ format, ...table, sheetName: kind.name });
    if (options.output) {
      await pipeline(stream, createWriteStream(options.output));
      printJson({ kind: kind.name, format, output: options.output });
    } else {
      await pipeline(stream, process.stdout);
    }
  }).catch(reportFailure);
}

export function registerTransferCommands(program: Command) {
  const importCommand = program
    .command("import")
    .description("Import a bulk file: every row validated, then applied in one transaction");
  const exportCommand = program.command("export").description("Export a bulk file (CSV or XLSX)");
  for (const kind of kinds) {
    const imp = importCommand
      .command(`${kind.name} <file>`)
      .description(`Import a ${kind.name} file (CSV or XLSX), validated and applied in one pass`)
      .requiredOption("--account <id>", "account id")
      .option("--dry-run", "validate and print the preview; write nothing")
      .option("--valid-rows-only", "apply the valid rows even when some are rejected")
      .option("--progress", "show progress on stderr even when it is not a terminal")
      .option(
        "--error-file <file>",
        "when rows are rejected, write them with an error column to this file (CSV, or XLSX when it ends in .xlsx)",
      );
    if (kind.needsChannel) {
      imp
        .requiredOption("--channel <id>", "channel id")
        .addOption(
          new Option(
            "--mode <mode>",
            "merge (default) or replace: delete the channel's mappings the file does not name",
          )
            .choices(["merge", "replace"])
            .default("merge"),
        );
    }
    for (const option of kind.importOptions ?? []) imp.addOption(option);
    imp.action(async (file: string, options: ImportOptions, command: Command) =>
      runImport(kind, file, options, command.optsWithGlobals<GlobalOptions>()),
    );
    const exp = exportCommand
      .command(kind.name)
      .description(`Export ${kind.name} as CSV or XLSX`)
      .requiredOption("--account <id>", "account id")
      .option("-o, --output <file>", "write to this file instead of stdout")
      .addOption(
        new Option(
          "--format <format>",
          "csv or xlsx (default: xlsx when the output file ends in .xlsx, else csv)",
        ).choices(["csv", "xlsx"]),
      );
    if (kind.needsChannel) exp.requiredOption("--channel <id>", "channel id");
    exp.action(async (options: ExportOptions, command: Command) =>
      runExport(kind, options, command.optsWithGlobals<GlobalOptions>()),
    );
  }
}
