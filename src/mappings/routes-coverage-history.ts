// HTTP route for a channel's coverage over time (the points recorded when coverage is read).
import { z } from "zod";
import type { App } from "../http/types.ts";
import { listCoverageHistory } from "./coverage-history.ts";
import { ChannelParams } from "./schemas.ts";

const CoverageHistoryQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict();

const CoverageHistoryResponse = z.object({
  items: z.array(
    z.object({
      day: z.string().describe("YYYY-MM-DD (UTC)"),
      total: z.number().int().describe("mappable listings (parents excluded)"),
      mapped: z.number().int(),
      unmapped: z.number().int(),
    }),
  ),
});

export function registerCoverageHistoryRoutes(app: App) {
  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId/coverage/history",
    {
      config: { minRole: "viewer" },
      schema: {
        tags: ["mappings"],
        summary:
          "Coverage of a channel per day over the last `days` days (a point is recorded each day the coverage is read)",
        params: ChannelParams,
        querystring: CoverageHistoryQuery,
        response: { 200: CoverageHistoryResponse },
      },
    },
    async (request) => ({
      items: await listCoverageHistory(app.db, { ...request.params, days: request.query.days }),
    }),
  );
}
