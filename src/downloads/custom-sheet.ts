// Custom-mapping sheet (as in Cin7's "Download Products to Apply Custom Mappings"): the channel's
// unmapped listings that automatic mapping cannot map, one row each, with the best suggestion as
// a hint and an empty internal_sku column for the user to fill in.
import type { Db } from "../db/database.ts";
import { findAutoMatches } from "../matching/auto-match.ts";
import { loadVariantIndex } from "../matching/load-variant-index.ts";
import { scoreCandidates } from "../matching/score-candidates.ts";
import { scanUnmappedListings } from "../matching/unmapped-listings.ts";

export const customSheetHeader = [
  "channel_sku",
  "seller_id",
  "title",
  "barcode",
  "suggestion",
  "internal_sku",
];

/** Rows of the sheet, page by page, so a large channel never sits in memory as one table. */
export async function* generateCustomSheetRows(
  db: Db,
  options: { accountId: string; channelId: string },
): AsyncGenerator<string[]> {
  const index = await loadVariantIndex(db, { accountId: options.accountId });
  for await (const page of scanUnmappedListings(db, options)) {
    const matches = await findAutoMatches(db, { accountId: options.accountId, listings: page });
    for (const listing of page) {
      const outcome = matches.outcomes.get(listing.id);
      if (outcome?.kind !== "unmappable" && outcome?.kind !== "ambiguous") continue;
      const best = scoreCandidates(index, listing)[0];
      yield [
        listing.channelSku,
        listing.sellerId,
        listing.title ?? "",
        listing.barcode ?? "",
        best ? best.sku : "",
        "",
      ];
    }
  }
}
