// HTTP routes for the audit history: list operations, read one with its entries, undo one.
import { z } from "zod";
import type { App } from "../http/types.ts";
import { decodeCursor, encodeCursor } from "../shared/pagination.ts";
import { getOperationRecord, selectEntries, selectOperations } from "./operation-store.ts";
import {
  EntriesQuery,
  ListOperationsQuery,
  OperationDetailResponse,
  OperationParams,
  OperationResponse,
  UndoResponse,
} from "./schemas.ts";
import { undoOperation } from "./undo-operation.ts";

const tags = ["operations"];
const base = "/api/v1/accounts/:accountId/operations";

export function registerOperationRoutes(app: App) {
  app.get(
    base,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "History of changes (newest first), optionally of one channel",
        params: z.object({ accountId: z.string() }),
        querystring: ListOperationsQuery,
        response: { 200: z.object({ items: z.array(OperationResponse), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { channelId, limit } = request.query;
      const cursor = decodeCursor(request.query.cursor);
      const rows = await selectOperations(app.db, {
        accountId: request.params.accountId,
        channelId,
        beforeId: typeof cursor?.id === "string" ? cursor.id : undefined,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
    },
  );

  app.get(
    `${base}/:operationId`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "One operation with its before/after entries (paginated)",
        params: OperationParams,
        querystring: EntriesQuery,
        response: { 200: OperationDetailResponse },
      },
    },
    async (request) => {
      const { accountId, operationId } = request.params;
      const operation = await getOperationRecord(app.db, accountId, operationId);
      const cursor = decodeCursor(request.query.cursor);
      const limit = request.query.limit;
      const rows = await selectEntries(app.db, {
        accountId,
        operationId,
        afterSeq: typeof cursor?.seq === "number" ? cursor.seq : undefined,
        limit: limit + 1,
      });
      const entries = rows.slice(0, limit) as z.infer<typeof OperationDetailResponse>["entries"];
      const last = entries[entries.length - 1];
      return {
        ...operation,
        entries,
        nextCursor: rows.length > limit && last ? encodeCursor({ seq: last.seq }) : null,
      };
    },
  );

  app.post(
    `${base}/:operationId/undo`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Undo an operation when nothing newer conflicts (recorded as an 'undo' operation)",
        params: OperationParams,
        response: { 200: UndoResponse },
      },
    },
    async (request) =>
      undoOperation(app.db, {
        accountId: request.params.accountId,
        operationId: request.params.operationId,
        actorUserId: request.caller.userId,
      }),
  );
}
