// Writes a planned download into the listings table: parents first so variations get their
// parent's id, new listings inserted, changed ones updated (and cleared of missing on channel),
// listings gone from a full download marked missing, and the download details kept beside them.
import type { DownloadedListing } from "../channel-files/types.ts";
import { bumpMappingVersion } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import { barcodeColumns, externalIdColumn, optionalText } from "../listings/listing-values.ts";
import { AppError, isAppError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { normalizeSku } from "../shared/sku.ts";
import {
  insertListingRows,
  type ListingDetail,
  type ListingInsert,
  type ListingUpdate,
  listingKey,
  type StoredListingState,
  setMissingOnChannel,
  updateListingRows,
  upsertListingDetails,
} from "./download-store.ts";
import type { DownloadIssue } from "./download-summary.ts";
import { type DownloadPlan, parentsFirst } from "./plan-download.ts";

const storedTypes = new Set(["single", "parent", "variation", "bundle"]);

export type WrittenListing = {
  id: string;
  channelSku: string;
  status: "new" | "changed" | "unchanged";
  sellable: boolean;
  barcodeGtin: string | null;
  listing: DownloadedListing;
};

function columnsOf(listing: DownloadedListing, parentId: string | null, hash: string) {
  let channelSku: string;
  let externalId: string | null;
  try {
    channelSku = normalizeSku(listing.channelSku, "channelSku");
    externalId = externalIdColumn(listing.externalId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(error.code, `Row ${listing.row}: ${error.message}`, {
      row: listing.row,
      field: "channelSku",
      value: listing.channelSku,
    });
  }
  return {
    channelSku,
    values: {
      type: storedTypes.has(listing.type) ? listing.type : "single",
      parent_id: parentId,
      title: optionalText(listing.title),
      category: optionalText(listing.category),
      ...barcodeColumns(listing.barcode),
      external_id: externalId,
      price_amount: listing.price?.amount ?? null,
      price_currency: listing.price?.currency ?? null,
      quantity: listing.quantity ?? null,
      status: listing.status ?? "active",
      missing_on_channel: 0 as const,
      content_hash: hash,
    },
  };
}

export function isSellable(listing: DownloadedListing): boolean {
  return listing.sellable && listing.type !== "parent";
}

export async function writeDownload(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    plan: DownloadPlan;
    now: string;
    /** Mapped listings the file calls parents: they keep their stored type. */
    mappedBecomingParents?: Set<string>;
  },
): Promise<{ written: WrittenListing[]; issues: DownloadIssue[] }> {
  const { accountId, channelId, plan, now } = options;
  const idByKey = new Map<string, string>();
  for (const p of plan.planned)
    idByKey.set(listingKey(p.sellerId, p.listing.channelSku), p.existing?.id ?? newId());
  const inserts: ListingInsert[] = [];
  const updates: ListingUpdate[] = [];
  const details: ListingDetail[] = [];
  const written: WrittenListing[] = [];
  const issues: DownloadIssue[] = [];

  for (const p of parentsFirst(plan.planned)) {
    const { listing } = p;
    const id = idByKey.get(listingKey(p.sellerId, listing.channelSku)) ?? newId();
    let parentId: string | null = null;
    if (listing.parentChannelSku) {
      parentId =
        idByKey.get(listingKey(p.sellerId, listing.parentChannelSku)) ?? p.existing?.parentId ?? null;
      if (parentId === null && p.status !== "unchanged") {
        issues.push({
          row: listing.row,
          column: "parentChannelSku",
          value: listing.parentChannelSku,
          reason: `parent "${listing.parentChannelSku}" is neither in the file nor a listing of this channel; the variation was kept without a parent`,
          severity: "warning",
          code: "PARENT_NOT_FOUND",
        });
      }
    }
    const { channelSku, values } = columnsOf(listing, parentId, p.hash);
    if (p.existing && options.mappedBecomingParents?.has(p.existing.id)) {
      values.type = p.existing.type as typeof values.type;
      issues.push({
        row: listing.row,
        column: "type",
        value: listing.type,
        reason: `"${channelSku}" is mapped, and a parent listing is never mapped: it stays ${p.existing.type} until its mapping is deleted`,
        severity: "warning",
        code: "LISTING_MAPPED",
        listingId: p.existing.id,
      });
    }
    written.push({
      id,
      channelSku,
      status: p.status,
      sellable: isSellable(listing),
      barcodeGtin: values.barcode_gtin,
      listing,
    });
    if (p.status === "unchanged") continue;
    if (p.status === "new") {
      inserts.push({
        account_id: accountId,
        id,
        channel_id: channelId,
        seller_id: p.sellerId,
        channel_sku: channelSku,
        ...values,
        created_at: now,
        updated_at: now,
      });
    } else {
      updates.push({ id, ...values, updated_at: now });
    }
    details.push({
      listingId: id,
      kind: listing.kind ?? null,
      sellable: isSellable(listing),
      options: listing.options ?? {},
      rowDate: listing.updatedAt ?? null,
    });
  }

  await insertListingRows(db, inserts);
  await updateListingRows(db, accountId, updates);
  // the mapping index holds parents (never sellable): new ones, and listings becoming or ceasing to be one
  const parentsChanged = plan.planned
    .filter(
      (p) => p.status !== "unchanged" && (p.existing?.type === "parent") !== (p.listing.type === "parent"),
    )
    .map((p) => idByKey.get(listingKey(p.sellerId, p.listing.channelSku)) ?? "");
  if (parentsChanged.length > 0) await bumpMappingVersion(db, accountId, channelId, parentsChanged);
  await setMissingOnChannel(db, {
    accountId,
    listingIds: plan.gone.map((g: StoredListingState) => g.id),
    missing: true,
    now,
  });
  await upsertListingDetails(db, { accountId, channelId, details });
  return { written, issues };
}
