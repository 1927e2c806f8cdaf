// Data access of listing downloads: the downloads history, the per-listing download details,
// and the bulk listing writes of a download. This is the download entry point into the listings
// table (files today, connector adapters later): the listings area offers single-listing use
// cases, a download needs chunked multi-row writes inside its one transaction.
import type { Insertable } from "kysely";
import type { Db } from "../db/database.ts";
import type { ListingTable } from "../db/schema.ts";

// Rows per statement, far below SQLite's and PostgreSQL's bound-parameter limits.
const chunkSize = 200;

function chunksOf<T>(values: T[], size = chunkSize): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

export type StoredListingState = {
  id: string;
  sellerId: string;
  channelSku: string;
  type: string;
  parentId: string | null;
  contentHash: string | null;
  missingOnChannel: boolean;
};

export function listingKey(sellerId: string, channelSku: string): string {
  return `${sellerId}\u0000${channelSku}`;
}

/** Every listing of the channel keyed by (seller id, channel SKU): what a download compares against. */
export async function loadChannelListingStates(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<Map<string, StoredListingState>> {
  const rows = await db
    .selectFrom("listings")
    .select(["id", "seller_id", "channel_sku", "type", "parent_id", "content_hash", "missing_on_channel"])
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId)
    .execute();
  const states = new Map<string, StoredListingState>();
  for (const row of rows) {
    states.set(listingKey(row.seller_id, row.channel_sku), {
      id: row.id,
      sellerId: row.seller_id,
      channelSku: row.channel_sku,
      type: row.type,
      parentId: row.parent_id,
      contentHash: row.content_hash,
      missingOnChannel: Number(row.missing_on_channel) === 1,
    });
  }
  return states;
}

export type ListingInsert = Insertable<ListingTable>;
export type ListingUpdate = Omit<
  ListingInsert,
  "account_id" | "channel_id" | "seller_id" | "channel_sku" | "created_at"
>;

export async function insertListingRows(db: Db, rows: ListingInsert[]): Promise<void> {
  for (const chunk of chunksOf(rows)) await db.insertInto("listings").values(chunk).execute();
}

export async function updateListingRows(db: Db, accountId: string, rows: ListingUpdate[]): Promise<void> {
  for (const row of rows) {
    const { id, ...values } = row;
    await db
      .updateTable("listings")
      .set(values)
      .where("account_id", "=", accountId)
      .where("id", "=", id)
      .execute();
  }
}

export async function setMissingOnChannel(
  db: Db,
  options: { accountId: string; listingIds: string[]; missing: boolean; now: string },
): Promise<void> {
  for (const chunk of chunksOf(options.listingIds, 500)) {
    await db
      .updateTable("listings")
      .set({ missing_on_channel: options.missing ? 1 : 0, updated_at: options.now })
      .where("account_id", "=", options.accountId)
      .where("id", "in", chunk)
      .execute();
  }
}

export type ListingDetail = {
  listingId: string;
  kind: string | null;
  sellable: boolean;
  options: Record<string, string>;
  rowDate: string | null;
};

export async function upsertListingDetails(
  db: Db,
  options: { accountId: string; channelId: string; details: ListingDetail[] },
): Promise<void> {
  for (const chunk of chunksOf(options.details)) {
    await db
      .insertInto("downloaded_listing_details")
      .values(
        chunk.map((d) => ({
          account_id: options.accountId,
          listing_id: d.listingId,
          channel_id: options.channelId,
          kind: d.kind,
          sellable: d.sellable ? 1 : 0,
          options: JSON.stringify(d.options),
          row_date: d.rowDate,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["account_id", "listing_id"]).doUpdateSet((eb) => ({
          kind: eb.ref("excluded.kind"),
          sellable: eb.ref("excluded.sellable"),
          options: eb.ref("excluded.options"),
          row_date: eb.ref("excluded.row_date"),
        })),
      )
      .execute();
  }
}

/** Download details of these listings; listings never downloaded are absent. */
export async function loadListingDetails(
  db: Db,
  accountId: string,
  listingIds: string[],
): Promise<Map<string, ListingDetail>> {
  const found = new Map<string, ListingDetail>();
  for (const chunk of chunksOf([...new Set(listingIds)], 500)) {
    const rows = await db
      .selectFrom("downloaded_listing_details")
      .select(["listing_id", "kind", "sellable", "options", "row_date"])
      .where("account_id", "=", accountId)
      .where("listing_id", "in", chunk)
      .execute();
    for (const row of rows) {
      found.set(row.listing_id, {
        listingId: row.listing_id,
        kind: row.kind,
        sellable: Number(row.sellable) === 1,
        options: JSON.parse(row.options) as Record<string, string>,
        rowDate: row.row_date,
      });
    }
  }
  return found;
}
