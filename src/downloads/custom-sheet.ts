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

/**
 * The hint: the best candidate's SKU, or every SKU tied for best ("A or B"), so the sheet does not
 * pick one of equals for the user.
 */
function suggestionOf(candidates: Array<{ sku: string; score: number }>): string {
  const best = candidates[0];
  if (!best) return "";
  return candidates
    .filter((c) => c.score === best.score)
    .map((c) => c.sku)
    .join(" or ");
}

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
      yield [
        listing.channelSku,
        listing.sellerId,
        listing.title ?? "",
        listing.barcode ?? "",
        suggestionOf(scoreCandidates(index, listing)),
        "",
      ];
    }
  }
}
