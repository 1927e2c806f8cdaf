// Accepting suggestions: chosen (listing, variant) pairs, or every listing whose best candidate
// scores at least a threshold, become mappings in ONE undoable operation. A tie between the two
// best candidates is never applied; it is reported with the tied variants instead, as are
// listings that are not unmapped and sellable any more.
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { getListingsByIds } from "../listings/listing-lookup.ts";
import { loadMappingsByListings } from "../mappings/mapping-store.ts";
import { type MappingChange, writeMappings } from "../mappings/write-mappings.ts";
import { loadVariantIndex } from "./load-variant-index.ts";
import { pickBest, scoreCandidates } from "./score-candidates.ts";
import { scanUnmappedListings } from "./unmapped-listings.ts";

export type AcceptSkip = { listingId: string; channelSku: string; reason: string; variantIds?: string[] };

export type AcceptResult = { operationId: string | null; created: number; skipped: AcceptSkip[] };

export type AcceptSuggestionsOptions = {
  accountId: string;
  channelId: string;
  actorUserId: string | null;
} & ({ accept: Array<{ listingId: string; variantId: string }> } | { allAboveScore: number });

async function changesForAboveScore(
  db: Db,
  options: { accountId: string; channelId: string; minScore: number },
): Promise<{ changes: MappingChange[]; skipped: AcceptSkip[] }> {
  const index = await loadVariantIndex(db, { accountId: options.accountId });
  const changes: MappingChange[] = [];
  const skipped: AcceptSkip[] = [];
  for await (const listings of scanUnmappedListings(db, options)) {
    for (const listing of listings) {
      const best = pickBest(scoreCandidates(index, listing), options.minScore);
      if (best.kind === "best") {
        changes.push({
          listingId: listing.id,
          components: [{ variantId: best.candidate.variantId, quantity: 1 }],
        });
      } else if (best.kind === "tie") {
        skipped.push({
          listingId: listing.id,
          channelSku: listing.channelSku,
          reason: `${best.tied.length} candidates tie at score ${best.tied[0]?.score}; choose one`,
          variantIds: best.tied.map((c) => c.variantId),
        });
      }
    }
  }
  return { changes, skipped };
}

async function changesForChosen(
  db: Db,
  options: { accountId: string; accept: Array<{ listingId: string; variantId: string }> },
): Promise<{ changes: MappingChange[]; skipped: AcceptSkip[] }> {
  const ids = options.accept.map((a) => a.listingId);
  const listings = await getListingsByIds(db, options.accountId, ids);
  const mapped = await loadMappingsByListings(db, options.accountId, ids);
  const changes: MappingChange[] = [];
  const skipped: AcceptSkip[] = [];
  for (const choice of options.accept) {
    if (mapped.has(choice.listingId)) {
      const channelSku = listings.get(choice.listingId)?.channelSku ?? "";
      skipped.push({ listingId: choice.listingId, channelSku, reason: "the listing is mapped already" });
      continue;
    }
    changes.push({ listingId: choice.listingId, components: [{ variantId: choice.variantId, quantity: 1 }] });
  }
  return { changes, skipped };
}

export async function acceptSuggestions(db: Db, options: AcceptSuggestionsOptions): Promise<AcceptResult> {
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, options.accountId, options.channelId);
    await lockMappingWrites(trx, options.accountId, channel.id);
    const chosen = "accept" in options;
    const { changes, skipped } = chosen
      ? await changesForChosen(trx, { accountId: options.accountId, accept: options.accept })
      : await changesForAboveScore(trx, {
          accountId: options.accountId,
          channelId: channel.id,
          minScore: options.allAboveScore,
        });
    if (changes.length === 0) return { operationId: null, created: 0, skipped };
    const result = await writeMappings(trx, {
      accountId: options.accountId,
      channelId: channel.id,
      actorUserId: options.actorUserId,
      origin: chosen ? "manual" : "auto",
      kind: "accept_suggestions",
      summary: chosen
        ? `Accepted ${changes.length} suggestions`
        : `Accepted ${changes.length} suggestions scoring at least ${options.allAboveScore}`,
      changes,
    });
    return { operationId: result.operationId, created: result.created, skipped };
  });
}
