// Deleting a channel with everything that belongs to it: its listings, their mappings and
// components, and its stock locations, in one transaction. Mappings and their components have
// no foreign key to the channel, so they are deleted explicitly rather than trusted to cascade.
import type { Db } from "../db/database.ts";
import { getChannel } from "./get-channel.ts";

export async function deleteChannel(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<void> {
  const { accountId, channelId } = options;
  await db.transaction().execute(async (trx) => {
    await getChannel(trx, accountId, channelId);
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
