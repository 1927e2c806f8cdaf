// Compares what a channel file says with the channel's stored listings, without writing: which
// listings are new, changed or unchanged, which reappear, and (full downloads) which are gone.
// A listing has changed when its content hash differs or, when the file dates its rows, when its
// date is newer than the newest date of the channel's previous downloads. Pure.
import { contentHash } from "../channel-files/content-hash.ts";
import type { DownloadedListing } from "../channel-files/types.ts";
import { listingKey, type StoredListingState } from "./download-store.ts";
import type { DownloadIssue } from "./download-summary.ts";

export const downloadModes = ["all", "since_last"] as const;
export type DownloadMode = (typeof downloadModes)[number];

export type PlannedListing = {
  listing: DownloadedListing;
  sellerId: string;
  hash: string;
  status: "new" | "changed" | "unchanged";
  existing: StoredListingState | undefined;
  reappeared: boolean;
};

export type DownloadPlan = {
  planned: PlannedListing[];
  /** Stored listings absent from a full download and not yet marked missing. */
  gone: StoredListingState[];
  issues: DownloadIssue[];
  newestRowDate: string | null;
};

export function planDownload(options: {
  listings: DownloadedListing[];
  states: Map<string, StoredListingState>;
  channelSellerId: string;
  mode: DownloadMode;
  previousNewestRowDate: string | null;
  /** the column an issue about a listing's SKU names */
  skuColumn: string;
}): DownloadPlan {
  const planned: PlannedListing[] = [];
  const issues: DownloadIssue[] = [];
  const seen = new Map<string, number>();
  let newestRowDate: string | null = null;
  for (const listing of options.listings) {
    const sellerId = listing.sellerId?.trim() || options.channelSellerId;
    const key = listingKey(sellerId, listing.channelSku);
    const firstRow = seen.get(key);
    if (firstRow !== undefined) {
      // The reader keeps one listing per key already; an empty seller id resolved to the
      // channel's can still make two keys one.
      issues.push({
        row: listing.row,
        column: options.skuColumn,
        value: listing.channelSku,
        reason: `SKU "${listing.channelSku}" is also on row ${firstRow} for seller "${sellerId}"; row ${listing.row} was left out`,
        severity: "skipped",
        code: "DUPLICATE_CHANNEL_SKU",
      });
      continue;
    }
    seen.set(key, listing.row);
    if (listing.updatedAt && (newestRowDate === null || listing.updatedAt > newestRowDate)) {
      newestRowDate = listing.updatedAt;
    }
    const hash = contentHash(listing);
    const existing = options.states.get(key);
    let status: PlannedListing["status"] = "unchanged";
    if (!existing) status = "new";
    else if (existing.contentHash !== hash || existing.missingOnChannel) status = "changed";
    else if (
      options.mode === "since_last" &&
      listing.updatedAt !== undefined &&
      options.previousNewestRowDate !== null &&
      listing.updatedAt > options.previousNewestRowDate
    ) {
      status = "changed";
    }
    planned.push({
      listing,
      sellerId,
      hash,
      status,
      existing,
      reappeared: existing?.missingOnChannel === true,
    });
  }
  const gone: StoredListingState[] = [];
  if (options.mode === "all") {
    for (const [key, state] of options.states) {
      if (!seen.has(key) && !state.missingOnChannel) gone.push(state);
    }
  }
  return { planned, gone, issues, newestRowDate };
}

/** Parents before everything else, so variations can name their parent's id. */
export function parentsFirst(planned: PlannedListing[]): PlannedListing[] {
  return [
    ...planned.filter((p) => p.listing.type === "parent"),
    ...planned.filter((p) => p.listing.type !== "parent"),
  ];
}
