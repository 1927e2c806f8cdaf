// Deleting a listing. A mapped listing is kept (409) until its mapping is deleted. A parent with variations is kept (409): its
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
    const mapping = await trx
      .selectFrom("mappings")
      .select("id")
      .where("account_id", "=", accountId)
      .where("listing_id", "=", listingId)
      .executeTakeFirst();
    if (mapping) {
      // Mapping deletions must be recorded and undoable (invariant 7): they go through the
      // mappings API, not as a side effect of deleting the listing.
      throw new AppError(
        "LISTING_MAPPED",
        `Listing "${listing.channelSku}" is mapped; delete its mapping first.`,
        {
          field: "listingId",
          value: listingId,
          mappingId: mapping.id,
        },
      );
    }
    await trx
      .deleteFrom("listings")
      .where("account_id", "=", accountId)
      .where("id", "=", listingId)
      .execute();
    // the mapping index holds parents (never sellable)
    if (listing.type === "parent") await bumpMappingVersion(trx, accountId, channelId, [listingId]);
  });
}
