// Applies a filled-in custom-mapping sheet: each row naming an internal SKU maps that listing to
// the variant with exactly that SKU in this account (origin `custom`). Rows with an empty
// internal_sku are ignored; rows that cannot apply are listed with their reason; the valid rows
// are written as ONE undoable operation. A dry run validates every row and writes no mapping.
// Given the uploaded file, an upload with failed rows is also kept (custom-sheet-errors.ts) so its
// error file can be downloaded; that file's extra `error` column is ignored when it comes back.

import { findVariantsBySkus } from "../catalog/variant-lookup.ts";
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import { normalizeSellerId } from "../channels/seller-id.ts";
import type { Db } from "../db/database.ts";
import { findListingsBySkus, type ListingRef } from "../listings/listing-lookup.ts";
import { loadMappingsByListings } from "../mappings/mapping-store.ts";
import { type MappingChange, writeMappings } from "../mappings/write-mappings.ts";
import { restoreCell } from "../transfer/cell-text.ts";
import type { RowSource } from "../transfer/csv-source.ts";
import { matchHeader } from "../transfer/headers.ts";
import { type CustomSheetUpload, recordCustomSheetErrors } from "./custom-sheet-errors.ts";

export type CustomSheetFailure = { row: number; channelSku: string; internalSku: string; reason: string };

export type CustomSheetResult = {
  operationId: string | null;
  created: number;
  ignored: number;
  failed: CustomSheetFailure[];
  /** The kept upload whose error file lists the failed rows (null when none failed or no file was given). */
  importId: string | null;
};

type SheetRow = { row: number; sellerId: string; channelSku: string; internalSku: string };

const columns = [
  { name: "channel_sku", required: true },
  { name: "seller_id", required: false },
  { name: "title", required: false },
  { name: "barcode", required: false },
  { name: "suggestion", required: false },
  { name: "internal_sku", required: true },
  // the error file's reason column: present when a fixed error file is uploaded again
  { name: "error", required: false },
];

async function readSheetRows(
  source: RowSource,
  channelSellerId: string,
): Promise<{ rows: SheetRow[]; ignored: number }> {
  const header = matchHeader({ header: source.header, columns });
  const cell = (values: string[], name: string) => {
    const at = header.index.get(name);
    return at === undefined ? "" : restoreCell((values[at] ?? "").trim());
  };
  const rows: SheetRow[] = [];
  let ignored = 0;
  for await (const { row, values } of source.rows) {
    const internalSku = cell(values, "internal_sku");
    if (internalSku === "") {
      ignored += 1;
      continue;
    }
    const seller = cell(values, "seller_id");
    rows.push({
      row,
      sellerId: seller === "" ? channelSellerId : normalizeSellerId(seller, `row ${row} seller_id`),
      channelSku: cell(values, "channel_sku"),
      internalSku,
    });
  }
  return { rows, ignored };
}

async function findListings(db: Db, accountId: string, channelId: string, rows: SheetRow[]) {
  const found = new Map<string, ListingRef>();
  const bySeller = new Map<string, string[]>();
  for (const r of rows) bySeller.set(r.sellerId, [...(bySeller.get(r.sellerId) ?? []), r.channelSku]);
  for (const [sellerId, channelSkus] of bySeller) {
    const listings = await findListingsBySkus(db, { accountId, channelId, sellerId, channelSkus });
    for (const [sku, listing] of listings) found.set(`${sellerId}\u0000${sku}`, listing);
  }
  return found;
}

export async function applyCustomSheet(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    actorUserId: string | null;
    source: RowSource;
    /** Validate every row and answer what would be created, writing no mapping. */
    dryRun?: boolean;
    /** The uploaded file itself: kept with the failed rows, for the error file. */
    upload?: CustomSheetUpload | undefined;
  },
): Promise<CustomSheetResult> {
  const { accountId } = options;
  const keptFile: { discard?: () => Promise<void> } = {};
  try {
    return await db.transaction().execute(async (trx) => {
      const channel = await getChannel(trx, accountId, options.channelId);
      await lockMappingWrites(trx, accountId, channel.id);
      const { rows, ignored } = await readSheetRows(options.source, channel.sellerId);
      const listings = await findListings(trx, accountId, channel.id, rows);
      const variants = await findVariantsBySkus(
        trx,
        accountId,
        rows.map((r) => r.internalSku),
      );
      const mapped = await loadMappingsByListings(
        trx,
        accountId,
        [...listings.values()].map((l) => l.id),
      );
      const failed: CustomSheetFailure[] = [];
      const changes: MappingChange[] = [];
      const firstRowOf = new Map<string, number>();
      for (const r of rows) {
        const fail = (reason: string) =>
          failed.push({ row: r.row, channelSku: r.channelSku, internalSku: r.internalSku, reason });
        const listing = listings.get(`${r.sellerId}\u0000${r.channelSku}`);
        const variant = variants.get(r.internalSku);
        if (!listing)
          fail(`unknown channel SKU "${r.channelSku}" for seller "${r.sellerId}" in this channel`);
        else if (!variant) fail(`unknown internal SKU "${r.internalSku}"`);
        else if (variant.archived) fail(`internal SKU "${r.internalSku}" is archived`);
        else if (listing.type === "parent")
          fail("the listing is a parent (a variation group); map its variations");
        else if (mapped.has(listing.id)) fail("the listing is mapped already");
        else if (firstRowOf.has(listing.id))
          fail(`the listing is already on row ${firstRowOf.get(listing.id)}`);
        else {
          firstRowOf.set(listing.id, r.row);
          changes.push({ listingId: listing.id, components: [{ variantId: variant.id, quantity: 1 }] });
        }
      }
      const keep = async (created: number, operationId: string | null) => {
        if (!options.upload || failed.length === 0) return null;
        const kept = await recordCustomSheetErrors(trx, {
          accountId,
          channelId: channel.id,
          actorUserId: options.actorUserId,
          upload: options.upload,
          rowsTotal: rows.length + ignored,
          created,
          ignored,
          failed,
          dryRun: options.dryRun === true,
          operationId,
        });
        keptFile.discard = kept.discard;
        return kept.importId;
      };
      if (changes.length === 0 || options.dryRun) {
        const importId = await keep(changes.length, null);
        return { operationId: null, created: changes.length, ignored, failed, importId };
      }
      const result = await writeMappings(trx, {
        accountId,
        channelId: channel.id,
        actorUserId: options.actorUserId,
        origin: "custom",
        kind: "custom_sheet",
        summary: `Applied ${changes.length} custom mappings from a sheet`,
        changes,
      });
      const importId = await keep(result.created, result.operationId);
      return { operationId: result.operationId, created: result.created, ignored, failed, importId };
    });
  } catch (error) {
    // the transaction did not commit: the kept file belongs to nothing
    await keptFile.discard?.();
    throw error;
  }
}
