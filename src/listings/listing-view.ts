// The listing as the API shows it: the row plus its parent's channel SKU and whether it is mapped.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import type { ListingType } from "./listing-lookup.ts";

export type Listing = {
  id: string;
  channelId: string;
  sellerId: string;
  channelSku: string;
  type: ListingType;
  parentId: string | null;
  parentChannelSku: string | null;
  title: string | null;
  category: string | null;
  barcode: string | null;
  externalId: string | null;
  price: { amount: number; currency: string } | null;
  quantity: number | null;
  status: string;
  missingOnChannel: boolean;
  mapped: boolean;
  createdAt: string;
  updatedAt: string;
};

/** Listings joined with their parent's SKU and a mapped flag; callers add filters and order. */
export function selectListingViews(db: Db, accountId: string) {
  return db
    .selectFrom("listings as l")
    .leftJoin("listings as p", (join) =>
      join.onRef("p.account_id", "=", "l.account_id").onRef("p.id", "=", "l.parent_id"),
    )
    .selectAll("l")
    .select("p.channel_sku as parent_channel_sku")
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("mappings as m")
            .select("m.id")
            .whereRef("m.account_id", "=", "l.account_id")
            .whereRef("m.listing_id", "=", "l.id"),
        )
        .as("mapped"),
    )
    .where("l.account_id", "=", accountId);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectListingViews>["executeTakeFirstOrThrow"]>>;

export function toListing(row: ViewRow): Listing {
  return {
    id: row.id,
    channelId: row.channel_id,
    sellerId: row.seller_id,
    channelSku: row.channel_sku,
    type: row.type as ListingType,
    parentId: row.parent_id,
    parentChannelSku: row.parent_channel_sku,
    title: row.title,
    category: row.category,
    barcode: row.barcode,
    externalId: row.external_id,
    price:
      row.price_amount === null || row.price_currency === null
        ? null
        : { amount: Number(row.price_amount), currency: row.price_currency },
    quantity: row.quantity === null ? null : Number(row.quantity),
    status: row.status,
    missingOnChannel: Number(row.missing_on_channel) === 1,
    // SQLite answers 0/1, PostgreSQL true/false.
    mapped: Boolean(Number(row.mapped)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One listing of the channel as the API shows it, or LISTING_NOT_FOUND. */
export async function getListingView(
  db: Db,
  options: { accountId: string; channelId: string; listingId: string },
): Promise<Listing> {
  const row = await selectListingViews(db, options.accountId)
    .where("l.channel_id", "=", options.channelId)
    .where("l.id", "=", options.listingId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError("LISTING_NOT_FOUND", "Listing not found in this channel.", {
      field: "listingId",
      value: options.listingId,
    });
  }
  return toListing(row);
}
