// HTTP routes of the sync area: the master product source setting (read by every member,
// changed by admins, with a dry run), a product sync from the master's stored listings, and
// each channel's product feed.
import { getChannel } from "../channels/get-channel.ts";
import type { App } from "../http/types.ts";
import { autoMapUnmappedListings } from "../matching/auto-map-unmapped.ts";
import { AppError } from "../shared/errors.ts";
import { productFeedCsv } from "./channel-port.ts";
import { loadStoredListings } from "./master-listings.ts";
import { getMasterProductSource, type MasterProductSource } from "./master-source.ts";
import { getProductFeed } from "./product-feed.ts";
import {
  DryRunQuery,
  GetMasterSourceResponse,
  ProductFeedQuery,
  ProductFeedResponse,
  ProductSyncResponse,
  PutMasterSourceBody,
  PutMasterSourceResponse,
  SyncAccountParams,
  SyncChannelParams,
} from "./schemas.ts";
import {
  listMasterSourceOptions,
  planMasterSwitch,
  setMasterProductSource,
} from "./set-master-product-source.ts";
import { syncProductsFromMaster } from "./sync-products.ts";

const tags = ["sync"];
const settingUrl = "/api/v1/accounts/:accountId/settings/master-product-source";

export function registerSyncRoutes(app: App) {
  app.get(
    settingUrl,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "The master product source and the choices (channels that can import products)",
        params: SyncAccountParams,
        response: { 200: GetMasterSourceResponse },
      },
    },
    async (request) => {
      const { accountId } = request.params;
      return {
        masterProductSource: await getMasterProductSource(app.db, { accountId }),
        options: await listMasterSourceOptions(app.db, { accountId }),
      };
    },
  );

  app.put(
    settingUrl,
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary:
          'Set the master product source (?dryRun=true: what the first sync and the jobs would do; "confirm": true when the account has products)',
        params: SyncAccountParams,
        querystring: DryRunQuery,
        body: PutMasterSourceBody,
        response: { 200: PutMasterSourceResponse },
      },
    },
    async (request) => {
      const { accountId } = request.params;
      const body = request.body;
      const next: MasterProductSource =
        body.source === "channel" ? { source: "channel", channelId: body.channelId } : { source: "internal" };
      if (request.query.dryRun === "true") {
        const dryRun = await planMasterSwitch(app.db, { accountId, next });
        return { masterProductSource: dryRun.current, dryRun, operationId: null, applied: false };
      }
      const saved = await setMasterProductSource(app.db, {
        accountId,
        next,
        confirm: body.confirm === true,
        actorUserId: request.caller.userId,
      });
      return { ...saved, applied: true };
    },
  );

  app.post(
    `${settingUrl}/sync`,
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Sync products from the master channel's stored listings now",
        params: SyncAccountParams,
        response: { 200: ProductSyncResponse },
      },
    },
    async (request) => {
      const { accountId } = request.params;
      const master = await getMasterProductSource(app.db, { accountId });
      if (master.source !== "channel") {
        throw new AppError(
          "NO_MASTER_CHANNEL",
          "The master product source is internal: there is no channel to sync from.",
          {
            field: "source",
            value: "internal",
          },
        );
      }
      return app.db.transaction().execute(async (trx) => {
        const listings = await loadStoredListings(trx, { accountId, channelId: master.channelId });
        const result = await syncProductsFromMaster(trx, {
          accountId,
          channelId: master.channelId,
          listings,
          actorUserId: request.caller.userId,
        });
        if (result.conflicts.length > 0) {
          throw new AppError("MASTER_SYNC_CONFLICT", "The master's listings conflict; nothing was synced.", {
            conflicts: result.conflicts,
          });
        }
        // as a download of the master does: its own listings map to the variants just made
        const autoMapped = await autoMapUnmappedListings(trx, {
          accountId,
          channelId: master.channelId,
          actorUserId: request.caller.userId,
          summary: "Product sync",
        });
        return { ...result, autoMapped };
      });
    },
  );

  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId/product-feed",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary:
          "What every mapped listing should show from the catalog (JSON or ?format=csv; ?changedSince=cursor)",
        params: SyncChannelParams,
        querystring: ProductFeedQuery,
        response: { 200: ProductFeedResponse },
      },
    },
    async (request, reply) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      const feed = await getProductFeed(app.db, {
        accountId,
        channelId,
        changedSince: request.query.changedSince,
      });
      if (request.query.format !== "csv") return feed;
      return reply
        .serializer((payload: unknown) => String(payload))
        .header("content-type", "text/csv; charset=utf-8")
        .header("x-feed-cursor", feed.cursor)
        .send(productFeedCsv(feed.items) as unknown as typeof feed);
    },
  );
}
