// The master channel's listings as stored by its last downloads, in the shape a download reads
// them: what the dry run of a master switch and "sync from stored listings" work from.
import type { DownloadedListing, ListingType } from "../channel-files/types.ts";
import type { Db } from "../db/database.ts";
import { loadListingDetails } from "../downloads/download-store.ts";
import { selectListingViews, toListing } from "../listings/listing-view.ts";

export async function loadStoredListings(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<DownloadedListing[]> {
  const rows = await selectListingViews(db, options.accountId)
    .where("l.channel_id", "=", options.channelId)
    .where("l.missing_on_channel", "=", 0)
    .orderBy("l.id")
    .execute();
  const listings = rows.map(toListing);
  const details = await loadListingDetails(
    db,
    options.accountId,
    listings.map((l) => l.id),
  );
  return listings.map((l, index) => {
    const detail = details.get(l.id);
    const listing: DownloadedListing = {
      channelSku: l.channelSku,
      sellerId: l.sellerId,
      type: l.type as ListingType,
      sellable: detail ? detail.sellable : l.type !== "parent",
      row: index + 2,
    };
    if (l.parentChannelSku) listing.parentChannelSku = l.parentChannelSku;
    if (l.title) listing.title = l.title;
    if (l.category) listing.category = l.category;
    if (l.barcode) listing.barcode = l.barcode;
    if (l.price) listing.price = l.price;
    if (detail && Object.keys(detail.options).length > 0) listing.options = detail.options;
    if (detail?.kind) listing.kind = detail.kind;
    return listing;
  });
}
