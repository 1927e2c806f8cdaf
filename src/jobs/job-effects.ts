// What each kind of job does for its channel, through the channel's outbound port: push the
// inventory feed, push the product feed, or fetch and download the channel's listings (which
// also syncs products when the channel is the master product source).
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import type { ChannelFileFormat } from "../channel-files/types.ts";
import type { Channel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { downloadListings } from "../downloads/download-listings.ts";
import { getInventoryFeed } from "../inventory/inventory-feed.ts";
import { AppError } from "../shared/errors.ts";
import type { ChannelPort } from "../sync/channel-port.ts";
import { assertNotPushingToMaster } from "../sync/master-source.ts";
import { getProductFeed } from "../sync/product-feed.ts";
import type { JobKind } from "./job-store.ts";

const fileFormats = new Set<string>(["amazon", "shopify", "woocommerce", "magento", "etsy", "generic"]);

function formatOf(channel: Channel): ChannelFileFormat {
  return (fileFormats.has(channel.platform) ? channel.platform : "generic") as ChannelFileFormat;
}

/**
 * The currency the channel's listings are priced in (the most common one), for a listing file that
 * does not name it: a scheduled download has no one to ask, and reading prices without a currency
 * would take away the prices an earlier download (given the currency) stored.
 */
async function listingCurrency(db: Db, scope: { accountId: string; channelId: string }) {
  const row = await db
    .selectFrom("listings")
    .select(["price_currency", (eb) => eb.fn.countAll().as("n")])
    .where("account_id", "=", scope.accountId)
    .where("channel_id", "=", scope.channelId)
    .where("price_currency", "is not", null)
    .groupBy("price_currency")
    .orderBy("n", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.price_currency ?? undefined;
}

export async function runJobEffect(
  db: Db,
  options: { kind: JobKind; channel: Channel; port: ChannelPort },
): Promise<Record<string, unknown>> {
  const { channel, port } = options;
  const scope = { accountId: channel.accountId, channelId: channel.id };
  if (options.kind === "inventory_push") {
    const feed = await getInventoryFeed(db, scope);
    return { ...(await port.pushInventory(feed)), cursor: feed.cursor };
  }
  if (options.kind === "product_push") {
    await assertNotPushingToMaster(db, scope);
    const feed = await getProductFeed(db, scope);
    return { ...(await port.pushProducts(feed)), cursor: feed.cursor };
  }
  const fetched = await port.fetchListings();
  if (fetched === null) return { downloaded: false, reason: "no listing file in the channel's inbox" };
  const currency = await listingCurrency(db, scope);
  const read = Array.isArray(fetched)
    ? { format: formatOf(channel), listings: fetched, issues: [], rowsRead: fetched.length }
    : await readChannelFile(fetched.content, {
        format: formatOf(channel),
        ...(currency ? { currency } : {}),
      });
  const summary = await downloadListings(db, {
    ...scope,
    actorUserId: null,
    mode: "all",
    fileName: Array.isArray(fetched) ? null : fetched.fileName,
    read,
  });
  const productSync = (summary as { productSync?: { conflicts?: unknown[] } }).productSync;
  if (productSync?.conflicts && productSync.conflicts.length > 0) {
    throw new AppError(
      "MASTER_SYNC_CONFLICT",
      "The master's listing file has conflicting rows; products were not synced.",
      {
        conflicts: productSync.conflicts,
      },
    );
  }
  return { downloaded: true, summary };
}
