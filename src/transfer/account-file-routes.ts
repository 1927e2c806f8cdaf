// Routes of the account-level bulk files (catalog, stock): export, template, import (upload ->
// preview), import status and error file (import-read-routes.ts) and apply, registered per kind by catalog-routes.ts and
// stock-routes.ts. Paths are static (`/products/export`, ...) so Fastify prefers them over the
// areas' own `/:productId` routes.
import { z } from "zod";
import { type Db, readerOf } from "../db/database.ts";
import type { App } from "../http/types.ts";
import { createImport, type ImportValidation, presentImport } from "./create-import.ts";
import type { RowErrorSink } from "./import-errors.ts";
import { startImportApply } from "./import-progress.ts";
import { registerImportReadRoutes } from "./import-read-routes.ts";
import type { ImportKind, ImportRecord } from "./import-store.ts";
import type { FileFormat } from "./row-source.ts";
import {
  AccountImportParams,
  AccountTransferParams,
  ApplyImportQuery,
  FileFormatQuery,
  ImportResponse,
} from "./schemas.ts";
import { type Cell, sendTableFile, type TableRows } from "./table-output.ts";
import { receiveUpload } from "./upload-request.ts";

export type AccountFileKind = {
  /** URL of the area's collection, e.g. /api/v1/accounts/:accountId/products */
  base: string;
  tags: string[];
  /** file and sheet name, e.g. "catalog" */
  name: string;
  uploadQuery: z.ZodType<Record<string, unknown>>;
  importKind: (query: Record<string, unknown>) => ImportKind;
  table: (accountId: string) => Promise<{ header: string[]; rows: TableRows }>;
  template: (format: FileFormat) => { header: string[]; rows: Cell[][]; exampleNote: string };
  /** validates in the upload's transaction (db), the rejected rows to onErrors */
  validate: (
    db: Db,
    options: { accountId: string; kind: ImportKind; path: string; onErrors: RowErrorSink },
  ) => Promise<ImportValidation>;
  getImport: (db: Db, options: { accountId: string; importId: string }) => Promise<ImportRecord>;
  apply: (options: {
    accountId: string;
    importId: string;
    dryRun: boolean;
    validRowsOnly: boolean;
    onRow?: (rowsRead: number) => void;
  }) => Promise<ImportRecord>;
};

export function registerAccountFileRoutes(app: App, kind: AccountFileKind) {
  const { base, tags, name } = kind;
  const errorFileUrl = (accountId: string, importId: string) =>
    `${base.replace(":accountId", accountId)}/imports/${importId}/errors`;

  app.get(
    `${base}/export`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: `Export the ${name} file (CSV or XLSX)`,
        params: AccountTransferParams,
        querystring: FileFormatQuery,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const table = await kind.table(request.params.accountId);
      return sendTableFile(reply, { fileName: `${name}`, format, ...table, sheetName: name });
    },
  );

  app.get(
    `${base}/template`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: `The ${name} file template`,
        params: AccountTransferParams,
        querystring: FileFormatQuery,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      return sendTableFile(reply, {
        fileName: `${name}-template`,
        format,
        ...kind.template(format),
        sheetName: name,
      });
    },
  );

  app.post(
    `${base}/imports`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: `Upload a ${name} file: validated in full, nothing written, answered with a preview`,
        params: AccountTransferParams,
        querystring: kind.uploadQuery,
        response: { 201: ImportResponse, 200: ImportResponse },
      },
    },
    async (request, reply) => {
      const { accountId } = request.params;
      const importKind = kind.importKind(request.query as Record<string, unknown>);
      const upload = await receiveUpload(request, accountId);
      const record = await createImport(app.db, {
        accountId,
        kind: importKind,
        channelId: null,
        mode: "merge",
        fileName: upload.fileName,
        idempotencyKey: upload.idempotencyKey,
        actorUserId: request.caller.userId,
        path: upload.path,
        validate: (trx, path, onErrors) =>
          kind.validate(trx, { accountId, kind: importKind, path, onErrors }),
      });
      const body = await presentImport(app.db, {
        accountId,
        record,
        errorFileUrl: errorFileUrl(accountId, record.id),
      });
      return reply.status(record.filePath === upload.path ? 201 : 200).send(body);
    },
  );

  registerImportReadRoutes(app, {
    imports: `${base}/imports`,
    tags,
    params: AccountImportParams,
    getImport: (db, { accountId, importId }) => kind.getImport(db, { accountId, importId }),
    errorFileUrl: ({ accountId, importId }) => errorFileUrl(accountId, importId),
  });

  app.post(
    `${base}/imports/:importId/apply`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Apply an import in one transaction (dryRun stops at the preview)",
        description:
          "With async=true the answer is 202 at once (status applying) and the apply goes on: poll GET .../imports/{importId} for its progress, then status applied, or failed with the reason (e.g. IMPORT_HAS_ERRORS).",
        params: AccountImportParams,
        querystring: ApplyImportQuery,
        response: { 200: ImportResponse, 202: ImportResponse },
      },
    },
    async (request, reply) => {
      const { accountId, importId } = request.params;
      const { dryRun, validRowsOnly } = request.query;
      const errorFile = errorFileUrl(accountId, importId);
      if (request.query.async && !dryRun) {
        const stored = await kind.getImport(readerOf(app.db), { accountId, importId });
        startImportApply(
          stored,
          ({ onRow }) => kind.apply({ accountId, importId, dryRun, validRowsOnly, onRow }),
          (error) => request.log.warn({ err: error, importId }, "async import apply failed"),
        );
        const body = await presentImport(readerOf(app.db), {
          accountId,
          record: stored,
          errorFileUrl: errorFile,
        });
        return reply.status(body.status === "applied" ? 200 : 202).send(body);
      }
      const record = await kind.apply({ accountId, importId, dryRun, validRowsOnly });
      return presentImport(app.db, { accountId, record, errorFileUrl: errorFile });
    },
  );
}

export const ValidRowsOnlyField = z.string().optional();
