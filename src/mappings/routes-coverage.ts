// HTTP routes for the unmapped queue and per-channel coverage.
import { z } from "zod";
import type { App } from "../http/types.ts";
import { countUnmappedByChannel, getCoverage, listUnmappedListings } from "./coverage.ts";
import { recordCoverageSnapshot } from "./coverage-history.ts";
import { ChannelParams } from "./schemas.ts";

const tags = ["mappings"];

const UnmappedQuery = z.object({
  q: z.string().max(400).optional().describe("prefix of the channel SKU"),
  type: z.enum(["single", "variation", "bundle"]).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const CoverageResponse = z
  .object({
    total: z.number().int().describe("mappable listings: every listing of the channel except parents"),
    mapped: z.number().int(),
    unmapped: z.number().int(),
    withWarnings: z.number().int(),
    parents: z.number().int().describe("parent listings, never mapped themselves and not in total"),
  })
  .describe("Listing totals exclude parent listings, which are not mappable.");

export function registerCoverageRoutes(app: App) {
  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId/unmapped",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Listings of the channel without a mapping (parents excluded)",
        params: ChannelParams,
        querystring: UnmappedQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                channelSku: z.string(),
                sellerId: z.string(),
                type: z.string(),
                title: z.string().nullable(),
                barcode: z.string().nullable(),
                externalId: z.string().nullable(),
              }),
            ),
            nextCursor: z.string().nullable(),
            total: z.number().int(),
          }),
        },
      },
    },
    async (request) => listUnmappedListings(app.db, { ...request.params, ...request.query }),
  );

  app.get(
    "/api/v1/accounts/:accountId/unmapped/counts",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Unmapped listing counts per channel",
        params: z.object({ accountId: z.string() }),
        response: {
          200: z.object({ items: z.array(z.object({ channelId: z.string(), unmapped: z.number().int() })) }),
        },
      },
    },
    async (request) => ({ items: await countUnmappedByChannel(app.db, request.params.accountId) }),
  );

  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId/coverage",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Coverage of a channel: mappable listings, mapped, unmapped, with warnings",
        params: ChannelParams,
        response: { 200: CoverageResponse },
      },
    },
    async (request) => {
      const coverage = await getCoverage(app.db, request.params);
      // Reading the coverage records today's point of the coverage history.
      await recordCoverageSnapshot(app.db, request.params);
      return coverage;
    },
  );
}
