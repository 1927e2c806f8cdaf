// The routes every kind of import has under its upload URL: GET .../imports/{importId} (status,
// progress, summary), GET .../imports/{importId}/errors (the error file) and POST
// .../imports/{importId}/apply (in the request, or in the background with async=true).
// Registered by the mapping routes (channel imports) and the account-file routes (catalog, stock).
import type { z } from "zod";
import { type Db, readerOf } from "../db/database.ts";
import type { App } from "../http/types.ts";
import { presentImport } from "./create-import.ts";
import { sendErrorFile } from "./error-file.ts";
import { type ApplyProgress, runningImport, startImportApply } from "./import-progress.ts";
import type { ImportRecord } from "./import-store.ts";
import { ApplyImportQuery, FileFormatQuery, ImportResponse } from "./schemas.ts";

/** How a kind of import is applied (progress callbacks: only when applied in the background). */
export type ApplyImport<P> = (
  params: P,
  options: { dryRun: boolean; validRowsOnly: boolean; actorUserId: string | null } & ApplyProgress,
) => Promise<ImportRecord>;

export function registerImportRoutes<P extends { accountId: string; importId: string }>(
  app: App,
  options: {
    /** the imports' collection URL, e.g. /api/v1/accounts/:accountId/products/imports */
    imports: string;
    tags: string[];
    params: z.ZodType<P>;
    /** the import the params name (not found when it is another kind's or another channel's) */
    getImport: (db: Db, params: P) => Promise<ImportRecord>;
    errorFileUrl: (params: P) => string;
    apply: ApplyImport<P>;
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
      const runningBefore = runningImport(params.importId);
      const record = await options.getImport(db, params);
      return presentImport(db, {
        accountId: params.accountId,
        record,
        errorFileUrl: options.errorFileUrl(params),
        runningBefore,
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

  app.post(
    `${options.imports}/:importId/apply`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Apply an import in one transaction (dryRun stops at the preview)",
        description:
          "With async=true the answer is 202 at once (status applying) and the apply goes on: poll GET .../imports/{importId} for its progress, then status applied, or failed with the reason (e.g. IMPORT_HAS_ERRORS).",
        params: options.params,
        querystring: ApplyImportQuery,
        response: { 200: ImportResponse, 202: ImportResponse },
      },
    },
    async (request, reply) => {
      const params = request.params as P;
      const { dryRun, validRowsOnly } = request.query;
      const applying = { dryRun, validRowsOnly, actorUserId: request.caller.userId };
      const errorFileUrl = options.errorFileUrl(params);
      if (request.query.async && !dryRun) {
        const stored = await options.getImport(readerOf(app.db), params);
        startImportApply(
          stored,
          (progress) => options.apply(params, { ...applying, ...progress }),
          (error) => request.log.warn({ err: error, importId: params.importId }, "async import apply failed"),
        );
        const body = await presentImport(readerOf(app.db), {
          accountId: params.accountId,
          record: stored,
          errorFileUrl,
        });
        return reply.status(body.status === "applied" ? 200 : 202).send(body);
      }
      const record = await options.apply(params, applying);
      return presentImport(app.db, { accountId: params.accountId, record, errorFileUrl });
    },
  );
}
