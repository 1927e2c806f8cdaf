// Changing a channel's settings. Only the fields given change. A fulfillment channel that sales
// channels sell from stays one, and the master product source keeps being able to import products.
import type { Updateable } from "kysely";
import type { Db } from "../db/database.ts";
import type { ChannelTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import { isMasterChannel } from "../sync/master-source.ts";
import { assertNameFree } from "./create-channel.ts";
import { assertNotALocation } from "./delete-channel.ts";
import { type Channel, getChannel } from "./get-channel.ts";
import type { UpdateChannelBody } from "./schemas.ts";
import { normalizeSellerId } from "./seller-id.ts";

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

export async function updateChannel(
  db: Db,
  options: { accountId: string; channelId: string; changes: UpdateChannelBody },
): Promise<Channel> {
  const { changes } = options;
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, options.accountId, options.channelId);
    if (changes.kind === "sales") await assertNotALocation(trx, channel, "made a sales channel");
    if (changes.canImportProducts === false && (await isMasterChannel(trx, options))) {
      throw new AppError(
        "CHANNEL_IN_USE",
        `${channel.name} is the master product source, which must be able to import products; choose another master product source first.`,
        { field: "canImportProducts" },
      );
    }
    const set: Updateable<ChannelTable> = { updated_at: nowIso() };
    if (changes.name !== undefined) {
      await assertNameFree(trx, {
        accountId: options.accountId,
        name: changes.name,
        exceptChannelId: channel.id,
      });
      set.name = changes.name.trim();
    }
    if (changes.kind !== undefined) set.kind = changes.kind;
    if (changes.platform !== undefined) set.platform = changes.platform;
    if (changes.sellerId !== undefined) set.seller_id = normalizeSellerId(changes.sellerId);
    if (changes.enabled !== undefined) set.enabled = flag(changes.enabled);
    if (changes.canImportProducts !== undefined) set.can_import_products = flag(changes.canImportProducts);
    if (changes.buffer !== undefined) set.buffer = changes.buffer;
    if (changes.familyLock !== undefined) set.family_lock = flag(changes.familyLock);
    await trx
      .updateTable("channels")
      .set(set)
      .where("account_id", "=", options.accountId)
      .where("id", "=", options.channelId)
      .execute();
    return getChannel(trx, options.accountId, options.channelId);
  });
}
