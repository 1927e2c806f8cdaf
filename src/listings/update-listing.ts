// Changing a listing's data. Its key (channel, seller id, channel SKU) and parent link stay; the
// type may change except into or out of `variation` (which is defined by its parent link), out
// of `parent` while it still has variations, and into `parent` while it is mapped.
import type { Updateable } from "kysely";
import { bumpMappingVersion } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import type { ListingTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import { getListing, listChildListings } from "./listing-lookup.ts";
import { barcodeColumns, externalIdColumn, optionalText } from "./listing-values.ts";
import { getListingView, type Listing } from "./listing-view.ts";
import type { UpdateListingBody } from "./schemas.ts";

export async function updateListing(
  db: Db,
  options: { accountId: string; channelId: string; listingId: string; changes: UpdateListingBody },
): Promise<Listing> {
  const { accountId, channelId, listingId, changes } = options;
  return db.transaction().execute(async (trx) => {
    await getChannel(trx, accountId, channelId);
    const current = await getListing(trx, accountId, channelId, listingId);
    const set: Updateable<ListingTable> = { updated_at: nowIso() };
    const typeChanges = changes.type !== undefined && changes.type !== current.type;
    if (typeChanges && changes.type !== undefined) {
      if (changes.type === "variation" || current.type === "variation") {
        throw new AppError(
          "VALIDATION_FAILED",
          `A ${current.type} cannot become a ${changes.type}: a variation is defined by its parent, so create or delete the listing instead.`,
          { field: "type", value: changes.type },
        );
      }
      if (current.type === "parent" && (await listChildListings(trx, accountId, listingId)).length > 0) {
        throw new AppError(
          "LISTING_HAS_CHILDREN",
          `Listing "${current.channelSku}" has variations; it stays a parent until they are deleted.`,
          { field: "type", value: changes.type },
        );
      }
      if (changes.type === "parent") {
        // A parent is never mapped itself (its variations are): like deleting a listing, the
        // mapping goes first, through the mappings API where its deletion is recorded.
        const mapping = await trx
          .selectFrom("mappings")
          .select("id")
          .where("account_id", "=", accountId)
          .where("listing_id", "=", listingId)
          .executeTakeFirst();
        if (mapping) {
          throw new AppError(
            "LISTING_MAPPED",
            `Listing "${current.channelSku}" is mapped; delete its mapping before making it a parent.`,
            { field: "type", value: changes.type, mappingId: mapping.id },
          );
        }
      }
      set.type = changes.type;
    }
    if (changes.title !== undefined) set.title = optionalText(changes.title);
    if (changes.category !== undefined) set.category = optionalText(changes.category);
    if (changes.barcode !== undefined) Object.assign(set, barcodeColumns(changes.barcode));
    if (changes.externalId !== undefined) set.external_id = externalIdColumn(changes.externalId);
    if (changes.price !== undefined) {
      set.price_amount = changes.price?.amount ?? null;
      set.price_currency = changes.price?.currency ?? null;
    }
    if (changes.quantity !== undefined) set.quantity = changes.quantity;
    if (changes.status !== undefined) set.status = changes.status;
    await trx
      .updateTable("listings")
      .set(set)
      .where("account_id", "=", accountId)
      .where("id", "=", listingId)
      .execute();
    // What a listing translates to depends on its type (a parent is never mapped itself).
    if (typeChanges) await bumpMappingVersion(trx, accountId, channelId, [listingId]);
    return getListingView(trx, { accountId, channelId, listingId });
  });
}
