// Reading the account's master product source: `internal` (the default, product data is edited
// in Crosswalk) or one channel whose product data is the source of truth.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { readSetting } from "./settings-store.ts";

export const masterSourceKey = "master_product_source";

export type MasterProductSource = { source: "internal" } | { source: "channel"; channelId: string };

export function parseMasterSource(value: unknown): MasterProductSource {
  if (typeof value === "object" && value !== null) {
    const v = value as { source?: unknown; channelId?: unknown };
    if (v.source === "channel" && typeof v.channelId === "string") {
      return { source: "channel", channelId: v.channelId };
    }
  }
  return { source: "internal" };
}

export async function getMasterProductSource(
  db: Db,
  options: { accountId: string },
): Promise<MasterProductSource> {
  return parseMasterSource(await readSetting(db, { accountId: options.accountId, key: masterSourceKey }));
}

/**
 * Refuses a product push to the master product source: its product feed is the catalog the master
 * itself gave, and pushing it back would overwrite the source of truth with a copy of itself.
 */
export async function assertNotPushingToMaster(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<void> {
  if (await isMasterChannel(db, options)) {
    throw new AppError(
      "PUSH_TO_MASTER",
      "This channel is the master product source: a product_push job would push the catalog back to its own master.",
      { field: "kind", value: "product_push" },
    );
  }
}

/** True when this channel is the account's master product source (enabled or not). */
export async function isMasterChannel(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<boolean> {
  const master = await getMasterProductSource(db, { accountId: options.accountId });
  return master.source === "channel" && master.channelId === options.channelId;
}
