// HTTP routes for mapping files: export, template, import (upload -> preview), import status,
// error file and apply. They live under /mappings/ next to the mappings area's routes; the
// paths are static (`/mappings/export`, ...) so Fastify prefers them over `/mappings/:mappingId`.
import { getChannel } from "../channels/get-channel.ts";
import { multipartBody } from "../http/multipart-body.ts";
import type { App } from "../http/types.ts";
import { applyMappingImport, importAndApplyMappings } from "./apply-mapping-import.ts";
import { createImport, presentImport } from "./create-import.ts";
import { generateMappingRows } from "./export-mappings.ts";
import { registerImportRoutes } from "./import-routes.ts";
import { getImport } from "./import-store.ts";
import { mappingExampleRow, mappingHeader } from "./mapping-file.ts";
import { planMappingImport } from "./plan-mapping-import.ts";
import {
  ChannelImportParams,
  ChannelTransferParams,
  FileFormatQuery,
  ImportResponse,
  UploadQuery,
} from "./schemas.ts";
import { fileNamePart, sendTableFile } from "./table-output.ts";
import { receiveUpload } from "./upload-request.ts";

const tags = ["mapping files"];
const base = "/api/v1/accounts/:accountId/channels/:channelId/mappings";

function errorFileUrl(accountId: string, channelId: string, importId: string): string {
  return `/api/v1/accounts/${accountId}/channels/${channelId}/mappings/imports/${importId}/errors`;
}

export function registerMappingFileRoutes(app: App) {
  app.get(
    `${base}/export`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Export the channel's mappings (CSV or XLSX)",
        params: ChannelTransferParams,
        querystring: FileFormatQuery,
      },
    },
    async (request, reply) => {
      const { accountId, channelId } = request.params;
      const { format } = request.query;
      const channel = await getChannel(app.db, accountId, channelId);
      return sendTableFile(reply, {
        // named for the channel as the user knows it; its id when the name leaves nothing
        fileName: `mappings-${fileNamePart(channel.name) || channelId}`,
        format,
        header: mappingHeader,
        rows: generateMappingRows(app.db, { accountId, channelId }),
        sheetName: "mappings",
      });
    },
  );

  app.get(
    `${base}/template`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "The canonical mapping file template",
        params: ChannelTransferParams,
        querystring: FileFormatQuery,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      await getChannel(app.db, request.params.accountId, request.params.channelId);
      return sendTableFile(reply, {
        fileName: `mapping-template`,
        format,
        header: mappingHeader,
        rows: format === "xlsx" ? [[...mappingExampleRow]] : [],
        sheetName: "mappings",
        exampleNote:
          "Example row: one row per component; a bundle is several rows with the same channel_sku. Replace or delete this row.",
      });
    },
  );

  app.post(
    `${base}/imports`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Upload a mapping file: validated in full, nothing written, answered with a preview",
        description:
          "With apply=true the file is validated and applied in one pass and one transaction (status applied); a file with invalid rows then writes nothing unless validRowsOnly=true, and is answered as a preview. The options may come as query parameters or as form fields. An Idempotency-Key header makes the same request sent again answer the first import (sent with another channel, file or options: 422 IDEMPOTENCY_KEY_REUSED). Errors: 400 INVALID_FILE (unreadable file, naming the row), 413 PAYLOAD_TOO_LARGE, 422 MISSING_COLUMN.",
        params: ChannelTransferParams,
        querystring: UploadQuery,
        consumes: ["multipart/form-data"],
        body: multipartBody(UploadQuery.shape, "the mapping file, CSV or XLSX"),
        response: { 201: ImportResponse, 200: ImportResponse },
      },
    },
    async (request, reply) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      const upload = await receiveUpload(request, accountId);
      const uploaded = {
        accountId,
        channelId,
        mode: upload.mode,
        fileName: upload.fileName,
        idempotencyKey: upload.idempotencyKey,
        actorUserId: request.caller.userId,
        path: upload.path,
      };
      const record = upload.apply
        ? await importAndApplyMappings(app.db, { ...uploaded, validRowsOnly: upload.validRowsOnly })
        : await createImport(app.db, {
            ...uploaded,
            kind: "mappings",
            validate: (trx, path, onErrors) =>
              planMappingImport(trx, { accountId, channelId, path, mode: upload.mode, onErrors }),
          });
      const body = await presentImport(app.db, {
        accountId,
        record,
        errorFileUrl: errorFileUrl(accountId, channelId, record.id),
      });
      return reply.status(record.filePath === upload.path ? 201 : 200).send(body);
    },
  );

  registerImportRoutes(app, {
    imports: `${base}/imports`,
    tags,
    params: ChannelImportParams,
    getImport: (db, { accountId, channelId, importId }) =>
      getImport(db, { accountId, importId, kind: "mappings", channelId }),
    errorFileUrl: ({ accountId, channelId, importId }) => errorFileUrl(accountId, channelId, importId),
    apply: (params, applying) => applyMappingImport(app.db, { ...params, ...applying }),
  });
}
