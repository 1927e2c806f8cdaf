// A fingerprint of what a listing says, for "since last import" downloads of files without dates:
// the same listing data gives the same hash whatever row it sits on or in which order its
// fields and options were written.
import { createHash } from "node:crypto";
import type { DownloadedListing } from "./types.ts";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, field]) => [key, canonical(field)]));
  }
  return value;
}

/** sha256 (hex) of the listing's data without its row number. */
export function contentHash(listing: DownloadedListing): string {
  const { row: _row, ...data } = listing;
  return createHash("sha256")
    .update(JSON.stringify(canonical(data)))
    .digest("hex");
}
