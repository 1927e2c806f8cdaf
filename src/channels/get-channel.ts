// Reading channels: the row -> JSON mapping every area uses, and the lookups that also prove a
// channel belongs to the account (a channel of another account is simply not found).
import type { Selectable } from "kysely";
import type { Db } from "../db/database.ts";
import type { ChannelTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";

export const channelKinds = ["sales", "fulfillment"] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const channelPlatforms = [
  "amazon",
  "shopify",
  "woocommerce",
  "ebay",
  "etsy",
  "magento",
  "generic",
] as const;
export type ChannelPlatform = (typeof channelPlatforms)[number];

export type Channel = {
  id: string;
  accountId: string;
  name: string;
  displayName: string;
  kind: ChannelKind;
  platform: ChannelPlatform;
  sellerId: string;
  enabled: boolean;
  canImportProducts: boolean;
  buffer: number;
  familyLock: boolean;
  mappingVersion: number;
  createdAt: string;
  updatedAt: string;
};

export type ChannelRow = Selectable<ChannelTable>;

export function toChannel(row: ChannelRow): Channel {
  const enabled = Number(row.enabled) === 1;
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    displayName: enabled ? row.name : `${row.name} (disabled)`,
    kind: row.kind as ChannelKind,
    platform: row.platform as ChannelPlatform,
    sellerId: row.seller_id,
    enabled,
    canImportProducts: Number(row.can_import_products) === 1,
    buffer: Number(row.buffer),
    familyLock: Number(row.family_lock) === 1,
    mappingVersion: Number(row.mapping_version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The channel, or CHANNEL_NOT_FOUND (404) when it does not exist in this account. */
export async function getChannel(db: Db, accountId: string, channelId: string): Promise<Channel> {
  const row = await db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError("CHANNEL_NOT_FOUND", "Channel not found in this account.", {
      field: "channelId",
      value: channelId,
    });
  }
  return toChannel(row);
}

/** Every channel of the account, oldest first. */
export async function listChannels(db: Db, accountId: string): Promise<Channel[]> {
  const rows = await db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("id")
    .execute();
  return rows.map(toChannel);
}
