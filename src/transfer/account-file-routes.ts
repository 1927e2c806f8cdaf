// Routes of the account-level bulk files (catalog, stock): export, template, import (upload ->
// preview), and import status, error file and apply (import-routes.ts), registered per kind by catalog-routes.ts and
// stock-routes.ts. Paths are static (`/products/export`, ...) so Fastify prefers them over the
// areas' own `/:productId` routes.
import { z } from "zod";
import type { Db } from "../db/database.ts";
import { multipartBody } from "../http/multipart-body.ts";
import type { App } from "../http/types.ts";
import type { OnePassImport } from "./apply-staged-import.ts";
import { createImport, type ImportValidation, presentImport } from "./create-import.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { StoredImportApply } from "./import-progress.ts";
import { registerImportRoutes } from "./import-routes.ts";
import type { ImportKind, ImportRecord } from "./import-store.ts";
import type { FileFormat } from "./row-source.ts";
import { AccountImportParams, AccountTransferParams, FileFormatQuery, ImportResponse } from "./schemas.ts";
import { type Cell, sendTableFile, type TableRows } from "./table-output.ts";
import { receiveUpload } from "./upload-request.ts";

export type AccountFileKind = {
  /** URL of the area's collection, e.g. /api/v1/accounts/:accountId/products */
  base: string;
  tags: string[];
  /** file and sheet name, e.g. "catalog" */
  name: string;
  uploadQuery: z.ZodObject;
  importKind: (query: Record<string, unknown>) => ImportKind;
  table: (accountId: string) => Promise<{ header: string[]; rows: TableRows }>;
  template: (format: FileFormat) => { header: string[]; rows: Cell[][]; exampleNote: string };
  /** validates in the upload's transaction (db), the rejected rows to onErrors */
  validate: (
    db: Db,
    options: { accountId: string; kind: ImportKind; path: string; onErrors: RowErrorSink },
  ) => Promise<ImportValidation>;
  getImport: (db: Db, options: { accountId: string; importId: string }) => Promise<ImportRecord>;
  /** an upload with apply=true: validated and applied in one pass */
  importAndApply: (options: OnePassImport & { kind: ImportKind }) => Promise<ImportRecord>;
  apply: (options: StoredImportApply) => Promise<ImportRecord>;
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
        description:
          "With apply=true the file is validated and applied in one pass and one transaction (status applied); a file with invalid rows then writes nothing unless validRowsOnly=true, and is answered as a preview. The options may come as query parameters or as form fields. An Idempotency-Key header makes the same request sent again answer the first import (sent with another channel, file or options: 422 IDEMPOTENCY_KEY_REUSED). Errors: 400 INVALID_FILE (unreadable file, naming the row), 413 PAYLOAD_TOO_LARGE, 422 MISSING_COLUMN.",
        params: AccountTransferParams,
        querystring: kind.uploadQuery,
        consumes: ["multipart/form-data"],
        body: multipartBody(kind.uploadQuery.shape, `the ${name} file, CSV or XLSX`),
        response: { 201: ImportResponse, 200: ImportResponse },
      },
    },
    async (request, reply) => {
      const { accountId } = request.params;
      const importKind = kind.importKind(request.query as Record<string, unknown>);
      const upload = await receiveUpload(request, accountId);
      const uploaded = {
        accountId,
        fileName: upload.fileName,
        idempotencyKey: upload.idempotencyKey,
        actorUserId: request.caller.userId,
        path: upload.path,
      };
      const record = upload.apply
        ? await kind.importAndApply({ ...uploaded, kind: importKind, validRowsOnly: upload.validRowsOnly })
        : await createImport(app.db, {
            ...uploaded,
            kind: importKind,
            channelId: null,
            mode: "merge",
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

  registerImportRoutes(app, {
    imports: `${base}/imports`,
    tags,
    params: AccountImportParams,
    getImport: (db, { accountId, importId }) => kind.getImport(db, { accountId, importId }),
    errorFileUrl: ({ accountId, importId }) => errorFileUrl(accountId, importId),
    apply: ({ accountId, importId }, applying) => kind.apply({ accountId, importId, ...applying }),
  });
}

export const ValidRowsOnlyField = z.string().optional();
export const ApplyField = z.string().optional();
