// Listing download: a channel's listings, read from its own export file, enter Crosswalk in ONE
// transaction: listings upserted (only new or changed ones touched), listings gone from a full
// download marked missing on channel, unmapped sellable listings auto-mapped by exact SKU or
// GTIN (one undoable operation), and the download recorded with its summary.

import type { ReadResult } from "../channel-files/types.ts";
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { loadMappingsByListings } from "../mappings/mapping-store.ts";
import { writeMappings } from "../mappings/write-mappings.ts";
import { findAutoMatches } from "../matching/auto-match.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { notMasterReason, syncProductsFromMaster } from "../sync/sync-products.ts";
import { findPreviousNewestRowDate, recordDownload } from "./download-history.ts";
import { loadChannelListingStates } from "./download-store.ts";
import { type DownloadIssue, type DownloadSummary, maxSummaryIssues } from "./download-summary.ts";
import { type DownloadMode, planDownload } from "./plan-download.ts";
import { writeDownload } from "./write-download.ts";

export type DownloadListingsOptions = {
  accountId: string;
  channelId: string;
  actorUserId: string | null;
  mode: DownloadMode;
  fileName?: string | null;
  read: ReadResult;
};

function skippedByReader(read: ReadResult, keptSkus: Set<string>): number {
  // "skipped" issues gave no listing; a duplicate with different data is an "error" on the SKU
  // column whose SKU stays in the file through its first row.
  return read.issues.filter(
    (i) =>
      i.severity === "skipped" ||
      (i.severity === "error" &&
        i.code === "DUPLICATE_CHANNEL_SKU" &&
        i.value !== undefined &&
        keptSkus.has(i.value)),
  ).length;
}

export async function downloadListings(db: Db, options: DownloadListingsOptions): Promise<DownloadSummary> {
  const { accountId, read, mode } = options;
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, accountId, options.channelId);
    const channelId = channel.id;
    await lockMappingWrites(trx, accountId, channelId);
    const now = nowIso();
    const states = await loadChannelListingStates(trx, { accountId, channelId });
    const previousNewestRowDate = await findPreviousNewestRowDate(trx, { accountId, channelId });
    const plan = planDownload({
      listings: read.listings,
      states,
      channelSellerId: channel.sellerId,
      mode,
      previousNewestRowDate,
      skuColumn: read.skuColumn ?? "channelSku",
    });
    // A parent is never mapped (invariant 2): a mapped listing the file now calls a parent keeps
    // its type until its mapping is deleted, and the summary says so.
    const becomingParents = plan.planned
      .filter((p) => p.existing && p.existing.type !== "parent" && p.listing.type === "parent")
      .map((p) => p.existing?.id ?? "");
    const mappedBecomingParents = new Set(
      (await loadMappingsByListings(trx, accountId, becomingParents)).keys(),
    );
    const { written, issues: writeIssues } = await writeDownload(trx, {
      accountId,
      channelId,
      plan,
      now,
      mappedBecomingParents,
    });
    // When this channel is the master product source the catalog follows its listings, before
    // auto-mapping so the master's own listings map to the variants the sync made.
    const productSync = await syncProductsFromMaster(trx, {
      accountId,
      channelId,
      listings: read.listings,
      readIssues: read.issues,
      actorUserId: options.actorUserId,
    });

    const scope = mode === "all" ? written : written.filter((w) => w.status !== "unchanged");
    const mappings = await loadMappingsByListings(trx, accountId, [
      ...scope.map((w) => w.id),
      ...plan.gone.map((g) => g.id),
    ]);
    const sellable = scope.filter((w) => w.sellable);
    const unmapped = sellable.filter((w) => !mappings.has(w.id));
    const matches = await findAutoMatches(trx, {
      accountId,
      listings: unmapped.map((w) => ({ id: w.id, channelSku: w.channelSku, barcodeGtin: w.barcodeGtin })),
    });
    const changes: Array<{ listingId: string; components: Array<{ variantId: string; quantity: number }> }> =
      [];
    const issues: DownloadIssue[] = [];
    for (const w of unmapped) {
      const outcome = matches.outcomes.get(w.id);
      if (outcome?.kind === "sku" || outcome?.kind === "barcode") {
        changes.push({ listingId: w.id, components: [{ variantId: outcome.variantId, quantity: 1 }] });
      } else if (outcome?.kind === "ambiguous") {
        issues.push({
          row: w.listing.row,
          column: "barcode",
          value: w.listing.barcode ?? "",
          reason: `barcode is the GTIN of ${outcome.variantIds.length} variants; not mapped automatically`,
          severity: "warning",
          code: "AMBIGUOUS_MATCH",
          listingId: w.id,
        });
      }
    }
    let operationId: string | null = null;
    if (changes.length > 0) {
      const result = await writeMappings(trx, {
        accountId,
        channelId,
        actorUserId: options.actorUserId,
        origin: "auto",
        kind: "download_auto_map",
        summary: `Auto-mapped ${changes.length} listings on download (${matches.bySku} by SKU, ${matches.byBarcode} by barcode)`,
        changes,
      });
      operationId = result.operationId;
    }
    const flagged = plan.gone.filter((g) => mappings.has(g.id));
    for (const g of flagged) {
      issues.push({
        value: g.channelSku,
        reason: `listing "${g.channelSku}" is not in this full download: marked missing on channel, its mapping is flagged`,
        severity: "warning",
        code: "MISSING_ON_CHANNEL",
        listingId: g.id,
      });
    }

    const allIssues: DownloadIssue[] = [
      ...read.issues.map((i) => ({ ...i, value: i.value })),
      ...plan.issues,
      ...writeIssues,
      ...issues,
    ];
    const keptSkus = new Set(read.listings.map((l) => l.channelSku));
    const count = (status: string) => written.filter((w) => w.status === status).length;
    const summary: DownloadSummary = {
      id: newId(),
      channelId,
      format: read.format,
      mode,
      rowsRead: read.rowsRead,
      read: written.length,
      new: count("new"),
      changed: count("changed"),
      unchanged: count("unchanged"),
      reappeared: plan.planned.filter((p) => p.reappeared).length,
      missingOnChannel: plan.gone.length,
      flaggedMappings: flagged.length,
      autoMappedBySku: matches.bySku,
      autoMappedByBarcode: matches.byBarcode,
      alreadyMapped: sellable.length - unmapped.length,
      unmappable: matches.unmappable,
      ambiguous: matches.ambiguous,
      notSellable: scope.length - sellable.length,
      skipped: skippedByReader(read, keptSkus) + plan.issues.length,
      operationId,
      issueCount: allIssues.length,
      issues: allIssues.slice(0, maxSummaryIssues),
      ...(productSync.skipped !== notMasterReason && { productSync }),
    };
    await recordDownload(trx, {
      accountId,
      channelId,
      format: read.format,
      mode,
      fileName: options.fileName ?? null,
      summary,
      issues: allIssues,
      newestRowDate: plan.newestRowDate,
      operationId,
      actorUserId: options.actorUserId,
      now,
    });
    return summary;
  });
}
