// Deleting a listing with its mapping, if any. A parent with variations is kept (409): its
// variations go first, so nothing is left pointing at a missing parent.
import { bumpMappingVersion } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { getListing, listChildListings } from "./listing-lookup.ts";

export async function deleteListing(
  db: Db,
  options: { accountId: string; channelId: string; listingId: string },
): Promise<void> {
  const { accountId, channelId, listingId } = options;
  await db.transaction().execute(async (trx) => {
    await getChannel(trx, accountId, channelId);
    const listing = await getListing(trx, accountId, channelId, listingId);
    const children = await listChildListings(trx, accountId, listingId);
    if (children.length > 0) {
      throw new AppError(
        "LISTING_HAS_CHILDREN",
        `Listing "${listing.channelSku}" has ${children.length} variation(s); delete them first.`,
        { field: "listingId", value: listingId, children: children.length },
      );
    }
    const mappings = await trx
      .selectFrom("mappings")
      .select("id")
      .where("account_id", "=", accountId)
      .where("listing_id", "=", listingId)
      .execute();
    if (mappings.length > 0) {
      const ids = mappings.map((m) => m.id);
      await trx
        .deleteFrom("mapping_components")
        .where("account_id", "=", accountId)
        .where("mapping_id", "in", ids)
        .execute();
      await trx.deleteFrom("mappings").where("account_id", "=", accountId).where("id", "in", ids).execute();
      await bumpMappingVersion(trx, accountId, channelId);
    }
    await trx
      .deleteFrom("listings")
      .where("account_id", "=", accountId)
      .where("id", "=", listingId)
      .execute();
  });
}
