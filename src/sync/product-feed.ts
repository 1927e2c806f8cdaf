// The outbound product feed of a channel: for every mapped listing, what it should show from the
// internal catalog (a single or variation listing shows its variant: name, barcode, price, option
// values and its product's category; a bundle keeps its own data and lists its components).
// Like the inventory feed, each call records the items that changed with a per-account sequence
// number, and `changedSince` answers only items changed after a cursor a previous call returned.
import { getListedVariants } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { type Listing, selectListingViews, toListing } from "../listings/listing-view.ts";
import { getMappingIndex, type IndexEntry, type IndexedComponent } from "../mappings/mapping-index.ts";
import { AppError } from "../shared/errors.ts";
import { readFeedItemsSince, readPublishedItems, recordFeedChanges } from "./product-feed-store.ts";

export type ProductFeedItem = {
  listingId: string;
  channelSku: string;
  sellerId: string;
  type: string;
  title: string | null;
  barcode: string | null;
  price: { amount: number; currency: string } | null;
  category: string | null;
  options: Record<string, string>;
  components: Array<{ sku: string; quantity: number }>;
  /** True once, in a changedSince answer, for a listing that lost its mapping. */
  removed: boolean;
};

export type ProductFeed = { items: ProductFeedItem[]; cursor: string };

function parseCursor(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor)) {
    throw new AppError("INVALID_CURSOR", "changedSince must be a cursor a previous feed returned.", {
      field: "changedSince",
      value: cursor,
    });
  }
  return Number(cursor);
}

export function compareFeedItems(a: { sellerId: string; channelSku: string }, b: typeof a): number {
  if (a.sellerId !== b.sellerId) return a.sellerId < b.sellerId ? -1 : 1;
  return a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0;
}

/** The variant a listing shows: that of a single or variation listing of one variant x1. */
function shownVariant(entry: IndexEntry): IndexedComponent | undefined {
  const only = entry.components.length === 1 ? entry.components[0] : undefined;
  return entry.type !== "bundle" && only?.quantity === 1 ? only : undefined;
}

/** What every mapped listing of the channel should show now. */
export async function computeProductFeedItems(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<ProductFeedItem[]> {
  const { accountId, channelId } = options;
  const index = await getMappingIndex(db, { accountId, channelId });
  const mapped = [...index.byListing.values()].filter(
    (e) => e.status === "mapped" && e.components.length > 0,
  );
  const variants = await getListedVariants(
    db,
    accountId,
    mapped.flatMap((e) => {
      const variant = shownVariant(e);
      return variant ? [variant.variantId] : [];
    }),
  );
  // the listings that keep their own data: bundles and the like, read a chunk of ids at a time
  const own = mapped.filter((e) => !variants.has(shownVariant(e)?.variantId ?? "")).map((e) => e.listingId);
  const listings = new Map<string, Listing>();
  for (let i = 0; i < own.length; i += 500) {
    const rows = await selectListingViews(db, accountId)
      .where("l.channel_id", "=", channelId)
      .where("l.id", "in", own.slice(i, i + 500))
      .execute();
    for (const row of rows) listings.set(row.id, toListing(row));
  }

  const items: ProductFeedItem[] = [];
  for (const entry of mapped) {
    const components = entry.components.map((c) => ({ sku: c.sku, quantity: c.quantity }));
    const base = {
      listingId: entry.listingId,
      channelSku: entry.channelSku,
      sellerId: entry.sellerId,
      type: entry.type,
    };
    const variant = variants.get(shownVariant(entry)?.variantId ?? "");
    if (variant) {
      items.push({
        ...base,
        title: variant.name ?? variant.productName,
        barcode: variant.barcode,
        price: variant.price,
        category: variant.category,
        options: variant.options,
        components,
        removed: false,
      });
    } else {
      const listing = listings.get(entry.listingId);
      items.push({
        ...base,
        title: listing?.title ?? null,
        barcode: listing?.barcode ?? null,
        price: listing?.price ?? null,
        category: listing?.category ?? null,
        options: {},
        components,
        removed: false,
      });
    }
  }
  return items.sort(compareFeedItems);
}

export async function getProductFeed(
  db: Db,
  options: { accountId: string; channelId: string; changedSince?: string | undefined },
): Promise<ProductFeed> {
  const { accountId, channelId } = options;
  const since = options.changedSince === undefined ? undefined : parseCursor(options.changedSince);
  const current = await computeProductFeedItems(db, { accountId, channelId });
  const published = await readPublishedItems(db, { accountId, channelId });
  const changed: ProductFeedItem[] = [];
  for (const item of current) {
    if (published.get(item.listingId)?.item !== JSON.stringify(item)) changed.push(item);
  }
  const currentIds = new Set(current.map((i) => i.listingId));
  for (const [listingId, row] of published) {
    if (currentIds.has(listingId) || row.removed) continue;
    const before = JSON.parse(row.item) as ProductFeedItem;
    changed.push({ ...before, components: [], removed: true });
  }
  const cursor = String(await recordFeedChanges(db, { accountId, channelId, changed }));
  if (since === undefined) return { items: current, cursor };
  const items = await readFeedItemsSince(db, { accountId, channelId, since });
  return { items: items.sort(compareFeedItems), cursor };
}
