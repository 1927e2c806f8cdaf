// Scored suggestions for a channel's unmapped listings: the account's variants are indexed in
// memory once per request, then each listing costs a few map look-ups. Listings without a
// candidate at or above minScore are left out of the page.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { loadVariantIndex } from "./load-variant-index.ts";
import { type Candidate, scoreCandidates } from "./score-candidates.ts";
import { findUnmappedListingPage } from "./unmapped-listings.ts";

export type Suggestion = {
  listingId: string;
  channelSku: string;
  title: string | null;
  /** True when the two best candidates score the same: such a suggestion is never applied in bulk. */
  tie: boolean;
  candidates: Candidate[];
};

export const defaultMinScore = 0.5;

export async function findSuggestions(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    minScore?: number;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Suggestion[]; nextCursor: string | null }> {
  const channel = await getChannel(db, options.accountId, options.channelId);
  const minScore = options.minScore ?? defaultMinScore;
  const index = await loadVariantIndex(db, { accountId: options.accountId });
  const items: Suggestion[] = [];
  let cursor = options.cursor;
  let nextCursor: string | null = null;
  // Whole listing pages are consumed so the cursor stays the listing query's own.
  do {
    const page = await findUnmappedListingPage(db, {
      accountId: options.accountId,
      channelId: channel.id,
      cursor,
      limit: options.limit,
    });
    for (const listing of page.listings) {
      const candidates = scoreCandidates(index, listing).filter((c) => c.score >= minScore);
      if (candidates.length === 0) continue;
      items.push({
        listingId: listing.id,
        channelSku: listing.channelSku,
        title: listing.title,
        tie: candidates.length > 1 && candidates[0]?.score === candidates[1]?.score,
        candidates,
      });
    }
    nextCursor = page.nextCursor;
    cursor = nextCursor ?? undefined;
  } while (items.length < options.limit && nextCursor !== null);
  return { items, nextCursor };
}
