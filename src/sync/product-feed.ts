// The outbound product feed of a channel: for every mapped listing, what it should show from the
// internal catalog (a single or variation listing shows its variant: name, barcode, price, option
// values and its product's category; a bundle keeps its own data and lists its components).
// Like the inventory feed, each call records the items that changed with a per-account sequence
// number, and `changedSince` answers only items changed after a cursor a previous call returned.
import type { Product } from "../catalog/catalog-store.ts";
import { getProduct } from "../catalog/get-product.ts";
import { getVariantsByIds } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { selectListingViews, toListing } from "../listings/listing-view.ts";
import { getMappingIndex } from "../mappings/mapping-index.ts";
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
  const variantIds = mapped.flatMap((e) => e.components.map((c) => c.variantId));
  const variants = await getVariantsByIds(db, accountId, variantIds);
  // Product reads give price and category; one per distinct product of the mapped variants.
  const products = new Map<string, Product>();
  for (const v of variants.values()) {
    if (!products.has(v.productId))
      products.set(v.productId, await getProduct(db, { accountId, productId: v.productId }));
  }
  const listingRows = await selectListingViews(db, accountId).where("l.channel_id", "=", channelId).execute();
  const listings = new Map(listingRows.map((row) => [row.id, toListing(row)]));

  const items: ProductFeedItem[] = [];
  for (const entry of mapped) {
    const listing = listings.get(entry.listingId);
    const components = entry.components.map((c) => ({ sku: c.sku, quantity: c.quantity }));
    const base = {
      listingId: entry.listingId,
      channelSku: entry.channelSku,
      sellerId: entry.sellerId,
      type: entry.type,
    };
    const only =
      entry.components.length === 1 && entry.components[0]?.quantity === 1 ? entry.components[0] : undefined;
    const ref = only ? variants.get(only.variantId) : undefined;
    const product = ref ? products.get(ref.productId) : undefined;
    const variant = product?.variants.find((v) => v.id === ref?.id);
    if (entry.type !== "bundle" && product && variant) {
      items.push({
        ...base,
        title: variant.name ?? product.name,
        barcode: variant.barcode,
        price: variant.price,
        category: product.category,
        options: variant.options,
        components,
        removed: false,
      });
    } else {
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
