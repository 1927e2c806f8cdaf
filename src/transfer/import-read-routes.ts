// The two read routes every kind of import has, under its upload URL: GET .../imports/{importId}
// (status, progress, summary) and GET .../imports/{importId}/errors (the error file). Registered
// by the mapping routes (channel imports) and the account-file routes (catalog, stock).
import type { z } from "zod";
import { type Db, readerOf } from "../db/database.ts";
import type { App } from "../http/types.ts";
import { presentImport } from "./create-import.ts";
import { sendErrorFile } from "./error-file.ts";
import type { ImportRecord } from "./import-store.ts";
import { FileFormatQuery, ImportResponse } from "./schemas.ts";

export function registerImportReadRoutes<P extends { accountId: string; importId: string }>(
  app: App,
  options: {
    /** the imports' collection URL, e.g. /api/v1/accounts/:accountId/products/imports */
    imports: string;
    tags: string[];
    params: z.ZodType<P>;
    /** the import the params name (not found when it is another kind's or another channel's) */
    getImport: (db: Db, params: P) => Promise<ImportRecord>;
    errorFileUrl: (params: P) => string;
  },
): void {
  const { tags } = options;
  app.get(
    `${options.imports}/:importId`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "An import's status, progress and summary",
        params: options.params,
        response: { 200: ImportResponse },
      },
    },
    async (request) => {
      const params = request.params as P;
      // on the read connection: a poll is answered while an import holds the writing one
      const db = readerOf(app.db);
      const record = await options.getImport(db, params);
      return presentImport(db, {
        accountId: params.accountId,
        record,
        errorFileUrl: options.errorFileUrl(params),
      });
    },
  );

  app.get(
    `${options.imports}/:importId/errors`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "The rejected rows with an error column",
        params: options.params,
        querystring: FileFormatQuery,
      },
    },
    async (request, reply) => {
      const params = request.params as P;
      const record = await options.getImport(app.db, params);
      return sendErrorFile(reply, app.db, {
        accountId: params.accountId,
        record,
        format: request.query.format,
      });
    },
  );
}
