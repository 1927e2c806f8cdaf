// HTTP routes of the inventory area: stock, channel locations, availability and the feed.
import { stringify } from "csv-stringify/sync";
import { getChannel } from "../channels/get-channel.ts";
import type { App } from "../http/types.ts";
import { AppError } from "../shared/errors.ts";
import { getChannelLocations, setChannelLocations } from "./channel-locations.ts";
import { explainAvailability } from "./explain-availability.ts";
import { getInventoryFeed } from "./inventory-feed.ts";
import { registerStockRoutes } from "./routes-stock.ts";
import {
  AvailabilityResponse,
  ChannelParams,
  FeedQuery,
  FeedResponse,
  ListingParams,
  LocationsBody,
  LocationsResponse,
} from "./schemas.ts";

const tags = ["inventory"];

export function registerInventoryRoutes(app: App) {
  registerStockRoutes(app);

  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId/locations",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Stock locations this channel sells from (empty: every location)",
        params: ChannelParams,
        response: { 200: LocationsResponse },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      return { locations: await getChannelLocations(app.db, { accountId, channelId }) };
    },
  );

  app.put(
    "/api/v1/accounts/:accountId/channels/:channelId/locations",
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: 'Assign stock locations ("default" or fulfillment channel ids; empty: every location)',
        params: ChannelParams,
        body: LocationsBody,
        response: { 200: LocationsResponse },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      return {
        locations: await setChannelLocations(app.db, {
          accountId,
          channelId,
          locations: request.body.locations,
        }),
      };
    },
  );

  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId/inventory-feed",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary:
          "Every mapped listing with its quantity (JSON or ?format=csv); ?changedSince=cursor for changes only",
        params: ChannelParams,
        querystring: FeedQuery,
        response: { 200: FeedResponse },
      },
    },
    async (request, reply) => {
      const { accountId, channelId } = request.params;
      const { limit, changedSince } = request.query;
      if (limit !== undefined && changedSince !== undefined) {
        // a sync reading changes must get all of them: the cursor moves past every one
        throw new AppError("VALIDATION_FAILED", "limit cannot be combined with changedSince.", {
          field: "limit",
          value: limit,
        });
      }
      // CSV bypasses the JSON response schema through its own serializer.
      const whole = await getInventoryFeed(app.db, { accountId, channelId, changedSince });
      const feed = {
        items: limit === undefined ? whole.items : whole.items.slice(0, limit),
        cursor: whole.cursor,
        total: whole.items.length,
      };
      if (request.query.format !== "csv") return feed;
      const csv = stringify(
        feed.items.map((item) => [item.channelSku, item.sellerId, item.quantity]),
        { header: true, columns: ["channel_sku", "seller_id", "quantity"] },
      );
      return reply
        .serializer((payload: unknown) => String(payload))
        .header("content-type", "text/csv; charset=utf-8")
        .header("x-feed-cursor", feed.cursor)
        .send(csv as unknown as typeof feed);
    },
  );

  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId/listings/:listingId/availability",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary:
          "Explain a listing's available-to-sell: components, stock per location, limiting one, buffer",
        params: ListingParams,
        response: { 200: AvailabilityResponse },
      },
    },
    async (request) => explainAvailability(app.db, request.params),
  );
}
