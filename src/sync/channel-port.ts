// The outbound port a connector implements for one channel: push stock and product data, fetch
// the channel's listings. The file adapter here is the first implementation: it writes feed
// files to a directory per channel (an outbox a connector or a person picks up) and reads the
// newest listing file a channel (or a person) drops into an inbox directory.
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { DownloadedListing } from "../channel-files/types.ts";
import type { FeedItem } from "../inventory/inventory-feed.ts";
import type { ProductFeedItem } from "./product-feed.ts";

export type PushResult = { pushed: number; location: string };

export type FetchedListings = { fileName: string; content: Buffer } | DownloadedListing[] | null;

export type ChannelPort = {
  pushInventory(feed: { items: FeedItem[]; cursor: string }): Promise<PushResult>;
  pushProducts(feed: { items: ProductFeedItem[]; cursor: string }): Promise<PushResult>;
  /** The channel's current listings: a file in its own export format, parsed rows, or nothing new. */
  fetchListings(): Promise<FetchedListings>;
};

export function outboxRoot(): string {
  return process.env.CROSSWALK_OUTBOX ?? "./data/outbox";
}

export function inboxRoot(): string {
  return process.env.CROSSWALK_INBOX ?? "./data/inbox";
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-");
}

export function productFeedCsv(items: ProductFeedItem[]): string {
  return stringify(
    items.map((i) => [
      i.channelSku,
      i.sellerId,
      i.type,
      i.title ?? "",
      i.barcode ?? "",
      i.price ? String(i.price.amount) : "",
      i.price?.currency ?? "",
      i.category ?? "",
      Object.entries(i.options)
        .map(([k, v]) => `${k}=${v}`)
        .join("; "),
      i.components.map((c) => `${c.sku} x${c.quantity}`).join("; "),
      i.removed ? "1" : "0",
    ]),
    {
      header: true,
      columns: [
        "channel_sku",
        "seller_id",
        "type",
        "title",
        "barcode",
        "price",
        "currency",
        "category",
        "options",
        "components",
        "removed",
      ],
    },
  );
}

export function createFileChannelPort(options: {
  accountId: string;
  channelId: string;
  outbox?: string | undefined;
  inbox?: string | undefined;
  /** Appended to file names, so a retried run overwrites its own file instead of adding one. */
  runKey?: string | undefined;
}): ChannelPort {
  const outDir = join(options.outbox ?? outboxRoot(), options.accountId, options.channelId);
  const inDir = join(options.inbox ?? inboxRoot(), options.accountId, options.channelId);
  const name = (kind: string) =>
    `${kind}-${options.runKey ? options.runKey.replace(/[^A-Za-z0-9-]/g, "-") : stamp()}.csv`;
  const write = async (kind: string, content: string): Promise<string> => {
    await mkdir(outDir, { recursive: true });
    const path = join(outDir, name(kind));
    await writeFile(path, content);
    return path;
  };
  return {
    async pushInventory(feed) {
      const csv = stringify(
        feed.items.map((i) => [i.channelSku, i.sellerId, i.quantity]),
        { header: true, columns: ["channel_sku", "seller_id", "quantity"] },
      );
      return { pushed: feed.items.length, location: await write("inventory", csv) };
    },
    async pushProducts(feed) {
      return { pushed: feed.items.length, location: await write("products", productFeedCsv(feed.items)) };
    },
    async fetchListings() {
      let names: string[];
      try {
        names = await readdir(inDir);
      } catch {
        return null;
      }
      let newest: { name: string; mtime: number } | null = null;
      for (const n of names) {
        const info = await stat(join(inDir, n));
        if (!info.isFile()) continue;
        if (!newest || info.mtimeMs > newest.mtime || (info.mtimeMs === newest.mtime && n > newest.name)) {
          newest = { name: n, mtime: info.mtimeMs };
        }
      }
      if (!newest) return null;
      return { fileName: newest.name, content: await readFile(join(inDir, newest.name)) };
    },
  };
}
