// Creating a channel (a connection to a marketplace, web shop or fulfillment service).
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { type Channel, getChannel } from "./get-channel.ts";
import type { CreateChannelBody } from "./schemas.ts";
import { normalizeSellerId } from "./seller-id.ts";

export async function createChannel(
  db: Db,
  options: { accountId: string; channel: CreateChannelBody },
): Promise<Channel> {
  const input = options.channel;
  await assertNameFree(db, { accountId: options.accountId, name: input.name });
  const now = nowIso();
  const id = newId();
  await db
    .insertInto("channels")
    .values({
      account_id: options.accountId,
      id,
      name: input.name.trim(),
      kind: input.kind,
      platform: input.platform,
      seller_id: normalizeSellerId(input.sellerId),
      enabled: input.enabled === false ? 0 : 1,
      can_import_products: input.canImportProducts ? 1 : 0,
      buffer: input.buffer ?? 0,
      family_lock: input.familyLock ? 1 : 0,
      mapping_version: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return getChannel(db, options.accountId, id);
}

/**
 * Channel names are told apart by people (lists, pickers, the dashboard): two of one name in an
 * account cannot be, so the second is refused, whatever its case or surrounding spaces.
 */
export async function assertNameFree(
  db: Db,
  options: { accountId: string; name: string; exceptChannelId?: string },
): Promise<void> {
  const name = options.name.trim();
  let query = db
    .selectFrom("channels")
    .select(["id", "name"])
    .where("account_id", "=", options.accountId)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (options.exceptChannelId) query = query.where("id", "!=", options.exceptChannelId);
  const taken = await query.executeTakeFirst();
  if (taken) {
    throw new AppError("CHANNEL_NAME_TAKEN", `This account already has a channel named "${taken.name}".`, {
      field: "name",
      value: name,
      channelId: taken.id,
    });
  }
}
