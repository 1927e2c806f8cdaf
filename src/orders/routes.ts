// HTTP routes of order translation: one order, or a batch of orders, against a channel's mappings.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { handleError } from "../http/error-handler.ts";
import type { App } from "../http/types.ts";
import { AppError } from "../shared/errors.ts";
import {
  ChannelParams,
  TranslateBatchBody,
  TranslateBatchResponse,
  TranslateBody,
  TranslateResponse,
} from "./schemas.ts";
import { maxLinesPerCall } from "./translate-lines.ts";
import { checkLineCount, translateOrder, translateOrders } from "./translate-orders.ts";

const tags = ["orders"];

/** 10,000 lines of the longest allowed SKUs and refs fit well within this. */
export const translateBodyLimit = 8 * 1024 * 1024;

/** A body over the limit is answered with the line cap and the byte limit, not a bare 413. */
function handleTranslateError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return handleError(
      new AppError(
        "TOO_MANY_LINES",
        `The request body is larger than ${translateBodyLimit} bytes; a translate call takes at most ${maxLinesPerCall} lines. Split the lines into several calls.`,
        { limit: maxLinesPerCall, bodyLimitBytes: translateBodyLimit },
      ),
      request,
      reply,
    );
  }
  return handleError(error, request, reply);
}

/**
 * The response schema documents the answer in OpenAPI; the answer itself is built by
 * translateLines from validated input, so it is serialized directly instead of being parsed
 * again by zod on every call (the hot path of order intake).
 */
function serializeTrusted() {
  return (data: unknown) => JSON.stringify(data);
}

/** Counts lines before the schema validates them, so an oversized call fails fast and clearly. */
async function checkLines(request: FastifyRequest) {
  const body = request.body as { lines?: unknown; orders?: unknown } | null;
  if (body && Array.isArray(body.lines)) checkLineCount(body.lines.length);
  if (body && Array.isArray(body.orders)) {
    let count = 0;
    for (const order of body.orders as Array<{ lines?: unknown } | null>) {
      if (order && Array.isArray(order.lines)) count += order.lines.length;
    }
    checkLineCount(count, "orders.lines");
  }
}

export function registerOrderRoutes(app: App) {
  app.post(
    "/api/v1/accounts/:accountId/channels/:channelId/translate",
    {
      // Translation reads only: a POST because an order's lines do not fit a query string.
      config: { minRole: "viewer", readOnly: true },
      bodyLimit: translateBodyLimit,
      errorHandler: handleTranslateError,
      preValidation: checkLines,
      serializerCompiler: serializeTrusted,
      schema: {
        tags,
        summary: `Translate one order's channel SKUs to internal lines (at most ${maxLinesPerCall} lines)`,
        params: ChannelParams,
        body: TranslateBody,
        response: { 200: TranslateResponse },
      },
    },
    async (request) =>
      translateOrder(app.db, {
        accountId: request.params.accountId,
        channelId: request.params.channelId,
        lines: request.body.lines,
      }),
  );

  app.post(
    "/api/v1/accounts/:accountId/channels/:channelId/translate/batch",
    {
      // Translation reads only: a POST because an order's lines do not fit a query string.
      config: { minRole: "viewer", readOnly: true },
      bodyLimit: translateBodyLimit,
      errorHandler: handleTranslateError,
      preValidation: checkLines,
      serializerCompiler: serializeTrusted,
      schema: {
        tags,
        summary: `Translate many orders at once (at most ${maxLinesPerCall} lines in total)`,
        params: ChannelParams,
        body: TranslateBatchBody,
        response: { 200: TranslateBatchResponse },
      },
    },
    async (request) =>
      translateOrders(app.db, {
        accountId: request.params.accountId,
        channelId: request.params.channelId,
        orders: request.body.orders,
      }),
  );
}
