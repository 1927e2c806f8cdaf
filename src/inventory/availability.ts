// Available-to-sell of a listing (design invariant 6): a single listing shows its variant's
// available stock; a bundle the number of complete kits, min over components of
// floor(available / quantity); minus the channel buffer; never below zero.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import {
  findListingIdsUsingVariants,
  getMappingIndex,
  loadListingComponents,
} from "../mappings/mapping-index.ts";
import { getChannelLocations } from "./channel-locations.ts";
import { getAvailableByVariant, getAvailableForAccount } from "./stock-lookup.ts";

export type ComponentInput = { variantId: string; quantity: number };

export type ComponentAvailability = {
  variantId: string;
  quantity: number;
  available: number;
  canMake: number;
};

export type Availability = {
  quantity: number;
  limitingVariantId: string | null;
  components: ComponentAvailability[];
};

/** Kits one component allows: floor(available / quantity), 0 when nothing (or less) is available. */
function kitsFrom(available: number, quantity: number): number {
  return available > 0 ? Math.floor(available / quantity) : 0;
}

/**
 * The figure and its explanation data. No components (unmapped) -> 0. The limiting component is
 * the one allowing the fewest kits (the first such in the given order).
 */
export function computeAvailability(
  components: ComponentInput[],
  available: Map<string, number>,
  buffer: number,
): Availability {
  let kits = Number.POSITIVE_INFINITY;
  let limitingVariantId: string | null = null;
  const details: ComponentAvailability[] = [];
  for (const component of components) {
    const have = available.get(component.variantId) ?? 0;
    const canMake = kitsFrom(have, component.quantity);
    details.push({ variantId: component.variantId, quantity: component.quantity, available: have, canMake });
    if (canMake < kits) {
      kits = canMake;
      limitingVariantId = component.variantId;
    }
  }
  if (components.length === 0) return { quantity: 0, limitingVariantId: null, components: details };
  return { quantity: Math.max(0, kits - Math.max(0, buffer)), limitingVariantId, components: details };
}

/** Just the figure, without allocating the explanation: the hot path of a full recompute. */
export function computeQuantity(
  components: readonly ComponentInput[],
  available: Map<string, number>,
  buffer: number,
): number {
  if (components.length === 0) return 0;
  let kits = Number.POSITIVE_INFINITY;
  for (const component of components) {
    const canMake = kitsFrom(available.get(component.variantId) ?? 0, component.quantity);
    if (canMake < kits) kits = canMake;
  }
  const quantity = kits - Math.max(0, buffer);
  return Math.max(quantity, 0);
}

/**
 * The quantity each listing of the channel would show: the given listings (every mapped listing
 * when `listingIds` is absent), plus every listing in `override`, whose components replace the
 * stored ones (null = unmapped -> 0). Reads the components once and the stock once.
 */
export async function computeListingQuantities(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    listingIds?: string[] | undefined;
    override?: Map<string, ComponentInput[] | null> | undefined;
  },
): Promise<Map<string, number>> {
  const { accountId, channelId } = options;
  const channel = await getChannel(db, accountId, channelId);
  const locations = await getChannelLocations(db, { accountId, channelId });
  const override = options.override ?? new Map<string, ComponentInput[] | null>();

  const components = new Map<string, readonly ComponentInput[]>();
  let wholeChannel = false;
  if (options.listingIds) {
    const stored = await loadListingComponents(db, {
      accountId,
      channelId,
      listingIds: options.listingIds.filter((id) => !override.has(id)),
    });
    for (const id of options.listingIds) components.set(id, stored.get(id) ?? []);
  } else {
    wholeChannel = true;
    const index = await getMappingIndex(db, { accountId, channelId });
    for (const entry of index.byListing.values()) {
      if (entry.status === "mapped") components.set(entry.listingId, entry.components);
    }
  }
  for (const [id, replacement] of override) components.set(id, replacement ?? []);

  let available: Map<string, number>;
  if (wholeChannel) {
    available = await getAvailableForAccount(db, { accountId, locations });
  } else {
    const variantIds = new Set<string>();
    for (const list of components.values()) for (const c of list) variantIds.add(c.variantId);
    available = await getAvailableByVariant(db, { accountId, variantIds: [...variantIds], locations });
  }

  const quantities = new Map<string, number>();
  for (const [id, list] of components) quantities.set(id, computeQuantity(list, available, channel.buffer));
  return quantities;
}

/**
 * After a stock change of some variants: the quantities of only the channel's listings that use
 * them (one indexed query for the listings, then their components and stock).
 */
export async function recomputeListingsUsingVariants(
  db: Db,
  options: { accountId: string; channelId: string; variantIds: string[] },
): Promise<Map<string, number>> {
  const listingIds = await findListingIdsUsingVariants(db, options);
  if (listingIds.length === 0) return new Map();
  return computeListingQuantities(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    listingIds,
  });
}
