// The listings suggestions are for: unmapped, sellable (not a parent, not a grouped or external
// product per its download details), and still on the channel. Paged through the listings
// area's own listing query, in channel SKU order.
import { tryGtin14 } from "../catalog/gtin.ts";
import type { Db } from "../db/database.ts";
import { loadListingDetails } from "../downloads/download-store.ts";
import { findListings } from "../listings/find-listings.ts";
import type { Listing } from "../listings/listing-view.ts";
import type { ListingKeys } from "./score-candidates.ts";

export type UnmappedListing = ListingKeys & { id: string; sellerId: string; parentId: string | null };

export async function findUnmappedListingPage(
  db: Db,
  options: { accountId: string; channelId: string; cursor?: string | undefined; limit: number },
): Promise<{ listings: UnmappedListing[]; nextCursor: string | null }> {
  const page = await findListings(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    mapped: false,
    cursor: options.cursor,
    limit: options.limit,
  });
  const candidates = page.items.filter(
    (l: Listing) => l.type !== "parent" && !l.missingOnChannel && !l.mapped,
  );
  const details = await loadListingDetails(
    db,
    options.accountId,
    candidates.map((l) => l.id),
  );
  const listings = candidates
    .filter((l) => details.get(l.id)?.sellable !== false)
    .map((l) => ({
      id: l.id,
      sellerId: l.sellerId,
      parentId: l.parentId,
      channelSku: l.channelSku,
      title: l.title,
      barcode: l.barcode,
      barcodeGtin: tryGtin14(l.barcode),
      externalId: l.externalId,
    }));
  return { listings, nextCursor: page.nextCursor };
}

/** Every suggestion-eligible listing of the channel, page by page. */
export async function* scanUnmappedListings(
  db: Db,
  options: { accountId: string; channelId: string },
): AsyncGenerator<UnmappedListing[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await findUnmappedListingPage(db, { ...options, cursor, limit: 500 });
    if (page.listings.length > 0) yield page.listings;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}
