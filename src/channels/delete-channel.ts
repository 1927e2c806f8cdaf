// Deleting a channel with everything that belongs to it: its listings, their mappings and
// components, and its stock locations, in one transaction. Mappings and their components have
// no foreign key to the channel, so they are deleted explicitly rather than trusted to cascade.
// A fulfillment channel is a stock location: its stock goes with it, and it cannot be deleted
// while a sales channel sells from it (that channel's list would silently lose a location, and
// an emptied list means "every location").
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { getChannel } from "./get-channel.ts";

export async function deleteChannel(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<void> {
  const { accountId, channelId } = options;
  await db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, accountId, channelId);
    await assertNotALocation(trx, channel, "deleted");
    if (channel.kind === "fulfillment") {
      await trx
        .deleteFrom("stock_levels")
        .where("account_id", "=", accountId)
        .where("location", "=", channelId)
        .execute();
    }
    await trx
      .deleteFrom("mapping_components")
      .where("account_id", "=", accountId)
      .where("mapping_id", "in", (eb) =>
        eb
          .selectFrom("mappings")
          .select("id")
          .where("account_id", "=", accountId)
          .where("channel_id", "=", channelId),
      )
      .execute();
    await trx
      .deleteFrom("mappings")
      .where("account_id", "=", accountId)
      .where("channel_id", "=", channelId)
      .execute();
    await trx
      .deleteFrom("listings")
      .where("account_id", "=", accountId)
      .where("channel_id", "=", channelId)
      .execute();
    await trx
      .deleteFrom("channel_locations")
      .where("account_id", "=", accountId)
      .where("channel_id", "=", channelId)
      .execute();
    await trx
      .deleteFrom("channels")
      .where("account_id", "=", accountId)
      .where("id", "=", channelId)
      .execute();
  });
}

/**
 * A fulfillment channel that a sales channel sells from can be neither deleted nor made a sales
 * channel: that channel's list would silently lose a location (an emptied list means "every location").
 */
export async function assertNotALocation(
  trx: Db,
  channel: { accountId: string; id: string; name: string; kind: string },
  change: "deleted" | "made a sales channel",
): Promise<void> {
  if (channel.kind !== "fulfillment") return;
  const users = await trx
    .selectFrom("channel_locations as cl")
    .innerJoin("channels as c", (j) =>
      j.onRef("c.account_id", "=", "cl.account_id").onRef("c.id", "=", "cl.channel_id"),
    )
    .select(["c.id", "c.name"])
    .where("cl.account_id", "=", channel.accountId)
    .where("cl.location", "=", channel.id)
    .orderBy("c.name")
    .execute();
  if (users.length > 0) {
    throw new AppError(
      "CHANNEL_IN_USE",
      `${channel.name} is a stock location of ${users.map((u) => u.name).join(", ")}; remove it from their locations before it is ${change}.`,
      { channels: users.map((u) => ({ id: u.id, name: u.name })) },
    );
  }
}
