// HTTP routes of listing downloads (upload a channel export file, history), create-from-listing
// and the custom-mapping sheet (download, upload filled in, error file of the failed rows).

import { z } from "zod";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import { getChannel } from "../channels/get-channel.ts";
import { multipartBody } from "../http/multipart-body.ts";
import type { App } from "../http/types.ts";
import { sendErrorFile } from "../transfer/error-file.ts";
import { sendTableFile } from "../transfer/table-output.ts";
import { applyCustomSheet } from "./apply-custom-sheet.ts";
import { createProductsFromListings } from "./create-products-from-listings.ts";
import { customSheetHeader, generateCustomSheetRows } from "./custom-sheet.ts";
import { customSheetErrorFileUrl, getCustomSheetImport } from "./custom-sheet-errors.ts";
import {
  CustomSheetErrorParams,
  CustomSheetErrorQuery,
  CustomSheetUploadResponse,
} from "./custom-sheet-schemas.ts";
import { assertDownload, downloadIssueHeader, downloadIssueRows, listDownloads } from "./download-history.ts";
import { downloadListings } from "./download-listings.ts";
import { DownloadSummary } from "./download-summary.ts";
import { openSheet, receiveFile } from "./receive-file.ts";
import {
  ApplySheetQuery,
  CreateProductsBody,
  CreateProductsResponse,
  DownloadFields,
  DownloadListQuery,
  DownloadPage,
  DownloadParams,
  parseColumns,
  parseDownloadFields,
  SheetQuery,
} from "./schemas.ts";

const tags = ["listing downloads"];
const base = "/api/v1/accounts/:accountId/channels/:channelId";

export function registerDownloadRoutes(app: App) {
  app.post(
    `${base}/listings/downloads`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary:
          "Download listings from a channel export file (multipart: file, format, mode all|since_last, columns JSON for generic); auto-maps by exact SKU or GTIN",
        params: DownloadParams,
        consumes: ["multipart/form-data"],
        body: multipartBody(
          DownloadFields.shape,
          "the channel's listing export (CSV, TSV or XLSX as the platform writes it)",
        ),
        response: { 200: DownloadSummary },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      const upload = await receiveFile(request);
      const fields = parseDownloadFields(upload.fields);
      const columns = parseColumns(fields.columns);
      const read = await readChannelFile(upload.bytes, {
        format: fields.format,
        ...(columns ? { columns } : {}),
        ...(fields.currency ? { currency: fields.currency } : {}),
      });
      return downloadListings(app.db, {
        accountId,
        channelId,
        actorUserId: request.caller.userId,
        mode: fields.mode,
        fileName: upload.fileName,
        read,
      });
    },
  );

  app.get(
    `${base}/listings/downloads`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "The channel's listing downloads, newest first",
        params: DownloadParams,
        querystring: DownloadListQuery,
        response: { 200: DownloadPage },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      return listDownloads(app.db, { accountId, channelId, ...request.query });
    },
  );

  app.get(
    `${base}/listings/downloads/:downloadId/issues`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary:
          "Every issue of a download (its summary carries the first 50): row, column, value, severity, code, reason",
        params: DownloadParams.extend({ downloadId: z.string().min(1) }),
        querystring: SheetQuery,
      },
    },
    async (request, reply) => {
      const { accountId, channelId, downloadId } = request.params;
      await getChannel(app.db, accountId, channelId);
      await assertDownload(app.db, { accountId, channelId, downloadId });
      return sendTableFile(reply, {
        fileName: `download-issues-${downloadId}`,
        format: request.query.format,
        header: downloadIssueHeader,
        rows: downloadIssueRows(app.db, { accountId, downloadId }),
        sheetName: "issues",
      });
    },
  );

  app.post(
    `${base}/listings/create-products`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Create internal products from unmappable listings and map them (origin download)",
        params: DownloadParams,
        body: CreateProductsBody,
        response: { 200: CreateProductsResponse },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      const body = request.body;
      return createProductsFromListings(app.db, {
        accountId,
        channelId,
        actorUserId: request.caller.userId,
        ...(body.listingIds ? { listingIds: body.listingIds } : { allUnmappable: true }),
      });
    },
  );

  app.get(
    `${base}/custom-sheet`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Custom-mapping sheet: unmapped, unmappable listings with an empty internal_sku column",
        params: DownloadParams,
        querystring: SheetQuery,
      },
    },
    async (request, reply) => {
      const { accountId, channelId } = request.params;
      const { format } = request.query;
      await getChannel(app.db, accountId, channelId);
      return sendTableFile(reply, {
        fileName: `custom-mappings-${channelId}`,
        format,
        header: customSheetHeader,
        rows: generateCustomSheetRows(app.db, { accountId, channelId }),
        sheetName: "custom mappings",
      });
    },
  );

  app.post(
    `${base}/custom-sheet`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary:
          "Upload a filled-in custom-mapping sheet (multipart: file); valid rows become one operation (?dryRun=true writes no mapping); failed rows are listed and downloadable at errorFileUrl",
        params: DownloadParams,
        querystring: ApplySheetQuery,
        consumes: ["multipart/form-data"],
        body: multipartBody({}, "the filled-in custom-mapping sheet, CSV or XLSX"),
        response: { 200: CustomSheetUploadResponse },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      const upload = await receiveFile(request);
      const sheet = await openSheet(upload.bytes);
      try {
        const result = await applyCustomSheet(app.db, {
          accountId,
          channelId,
          actorUserId: request.caller.userId,
          source: sheet.source,
          dryRun: request.query.dryRun,
          upload: { fileName: upload.fileName, bytes: upload.bytes },
        });
        const { importId } = result;
        return {
          ...result,
          errorFileUrl: importId ? customSheetErrorFileUrl(accountId, channelId, importId) : null,
        };
      } finally {
        await sheet.close();
      }
    },
  );

  app.get(
    `${base}/custom-sheet/errors/:importId`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary:
          "Error file of a custom-sheet upload: its failed rows as uploaded plus an error column; fix internal_sku and upload it again",
        params: CustomSheetErrorParams,
        querystring: CustomSheetErrorQuery,
      },
    },
    async (request, reply) => {
      const { accountId, channelId, importId } = request.params;
      const { format } = request.query;
      await getChannel(app.db, accountId, channelId);
      const record = await getCustomSheetImport(app.db, { accountId, channelId, importId });
      return sendErrorFile(reply, app.db, {
        accountId,
        record,
        format,
        fileName: `custom-sheet-${importId}-errors`,
      });
    },
  );
}
