// Why a listing shows the quantity it shows: each component with its stock per location, the
// limiting one, the buffer, and one sentence a user can read.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { getListing } from "../listings/listing-lookup.ts";
import { loadListingComponents } from "../mappings/mapping-index.ts";
import { computeAvailability } from "./availability.ts";
import { getChannelLocations } from "./channel-locations.ts";
import { getStockLevels } from "./stock-lookup.ts";

export type ComponentExplanation = {
  sku: string;
  variantId: string;
  quantityPerUnit: number;
  available: number;
  canMake: number;
  locations: Array<{ location: string; onHand: number; reserved: number }>;
};

export type AvailabilityExplanation = {
  listingId: string;
  channelSku: string;
  quantity: number;
  buffer: number;
  limitingSku: string | null;
  components: ComponentExplanation[];
  explanation: string;
};

export async function explainAvailability(
  db: Db,
  options: { accountId: string; channelId: string; listingId: string },
): Promise<AvailabilityExplanation> {
  const { accountId, channelId, listingId } = options;
  const channel = await getChannel(db, accountId, channelId);
  const listing = await getListing(db, accountId, channelId, listingId);
  const stored =
    (await loadListingComponents(db, { accountId, channelId, listingIds: [listingId] })).get(listingId) ?? [];
  const locations = await getChannelLocations(db, { accountId, channelId });
  const levels = await getStockLevels(db, {
    accountId,
    variantIds: stored.map((c) => c.variantId),
    locations,
  });

  const available = new Map<string, number>();
  for (const c of stored) available.set(c.variantId, 0);
  for (const level of levels) {
    available.set(level.variantId, (available.get(level.variantId) ?? 0) + level.onHand - level.reserved);
  }
  const result = computeAvailability(stored, available, channel.buffer);
  const components = stored.map((c, i) => ({
    sku: c.sku,
    variantId: c.variantId,
    quantityPerUnit: c.quantity,
    available: result.components[i]?.available ?? 0,
    canMake: result.components[i]?.canMake ?? 0,
    locations: levels
      .filter((level) => level.variantId === c.variantId)
      .map(({ location, onHand, reserved }) => ({ location, onHand, reserved })),
  }));
  const limiting = components.find((c) => c.variantId === result.limitingVariantId) ?? null;

  let explanation: string;
  if (listing.type === "parent") {
    explanation = "parent listing: not sellable itself, its variations carry the stock; quantity 0";
  } else if (!limiting) {
    explanation = "listing is not mapped to any variant: quantity 0";
  } else if (components.length === 1 && limiting.quantityPerUnit === 1) {
    explanation = `variant ${limiting.sku}: ${limiting.available} available, minus buffer ${channel.buffer} = ${result.quantity}`;
  } else {
    explanation = `limited by component ${limiting.sku}: ${limiting.available} available / ${limiting.quantityPerUnit} per kit = ${limiting.canMake}, minus buffer ${channel.buffer} = ${result.quantity}`;
  }
  return {
    listingId,
    channelSku: listing.channelSku,
    quantity: result.quantity,
    buffer: channel.buffer,
    limitingSku: limiting?.sku ?? null,
    components,
    explanation,
  };
}
