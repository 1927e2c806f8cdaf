// What a download answers: counts that match the database afterwards (design brief, invariant
// 4) and the first issues, each naming its row, column and value where it has one.
import { z } from "zod";
import { ProductSyncResponse } from "../sync/schemas.ts";

export const maxSummaryIssues = 50;

export const DownloadIssue = z.object({
  row: z.number().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  reason: z.string(),
  severity: z.enum(["skipped", "error", "warning"]),
  code: z.string().optional(),
  listingId: z.string().optional(),
});
export type DownloadIssue = z.infer<typeof DownloadIssue>;

export const DownloadSummary = z.object({
  id: z.string(),
  channelId: z.string(),
  format: z.string(),
  mode: z.enum(["all", "since_last"]),
  /** Data records in the file. */
  rowsRead: z.number(),
  /** Listings the file holds (after dropping skipped rows and duplicates). */
  read: z.number(),
  new: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  /** Listings that were missing on the channel and are in this file again (counted in changed). */
  reappeared: z.number(),
  /** Listings of the channel this (full) download did not contain, now marked missing on channel. */
  missingOnChannel: z.number(),
  /** Of those, listings that are mapped: their mappings carry the MISSING_ON_CHANNEL flag. */
  flaggedMappings: z.number(),
  autoMappedBySku: z.number(),
  autoMappedByBarcode: z.number(),
  alreadyMapped: z.number(),
  unmappable: z.number(),
  ambiguous: z.number(),
  /** Parents, grouped and external listings: never mapped themselves. */
  notSellable: z.number(),
  /** Rows that gave no listing (no SKU, image-only rows, duplicates). */
  skipped: z.number(),
  operationId: z.string().nullable(),
  issueCount: z.number(),
  issues: z.array(DownloadIssue),
  /** Present when the channel is the master product source: what the catalog sync did. */
  productSync: ProductSyncResponse.optional(),
});
export type DownloadSummary = z.infer<typeof DownloadSummary>;
