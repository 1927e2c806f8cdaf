// A master download that contradicts itself (one SKU on several rows with different data) must
// not change the catalog: the user has to say which row is right. Repeats with the same data are
// harmless and ignored.
import { contentHash } from "../channel-files/content-hash.ts";
import type { DownloadedListing, ReadIssue } from "../channel-files/types.ts";

export type SyncConflict = { channelSku: string; rows: number[]; reason: string };

export function findConflicts(options: {
  listings: DownloadedListing[];
  readIssues?: ReadIssue[] | undefined;
}): SyncConflict[] {
  const bySku = new Map<string, Array<{ row: number; hash: string }>>();
  for (const listing of options.listings) {
    const sku = listing.channelSku.trim();
    const entries = bySku.get(sku) ?? [];
    entries.push({ row: listing.row, hash: contentHash({ ...listing, channelSku: sku }) });
    bySku.set(sku, entries);
  }
  const conflicts: SyncConflict[] = [];
  for (const [channelSku, entries] of bySku) {
    if (new Set(entries.map((e) => e.hash)).size < 2) continue;
    const rows = entries.map((e) => e.row).sort((a, b) => a - b);
    conflicts.push({
      channelSku,
      rows,
      reason: `SKU "${channelSku}" is on rows ${rows.join(", ")} with different data`,
    });
  }
  // The file readers keep the first of two contradicting rows and report the other as an error.
  for (const issue of options.readIssues ?? []) {
    if (issue.severity !== "error" || issue.code !== "DUPLICATE_CHANNEL_SKU" || issue.value === undefined)
      continue;
    const first = /row (\d+)/.exec(issue.reason);
    const rows = [Number(first?.[1] ?? issue.row), issue.row].sort((a, b) => a - b);
    conflicts.push({ channelSku: issue.value, rows: [...new Set(rows)], reason: issue.reason });
  }
  return conflicts.sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
}
