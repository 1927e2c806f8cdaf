// Request and response schemas of stock, channel locations, availability and the inventory feed.
import { z } from "zod";

export const AccountParams = z.object({ accountId: z.string().min(1) });
export const ChannelParams = AccountParams.extend({ channelId: z.string().min(1) });
export const ListingParams = ChannelParams.extend({ listingId: z.string().min(1) });

const Sku = z.string().min(1).max(200);
const Location = z.string().min(1).max(200);

export const SetStockBody = z
  .object({
    levels: z
      .array(
        z
          .object({
            sku: Sku,
            location: Location.optional(),
            onHand: z.number().int().min(0).max(1_000_000_000),
            reserved: z.number().int().min(0).max(1_000_000_000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(10_000),
  })
  .strict();

export const AdjustStockBody = z
  .object({
    adjustments: z
      .array(
        z
          .object({
            sku: Sku,
            location: Location.optional(),
            delta: z.number().int().min(-1_000_000_000).max(1_000_000_000),
          })
          .strict(),
      )
      .min(1)
      .max(10_000),
  })
  .strict();

export const StockLevelResponse = z.object({
  sku: z.string(),
  variantId: z.string(),
  location: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
});

export const StockQuery = z.object({
  sku: z.string().max(200).optional(),
  location: z.string().max(200).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const LocationsBody = z.object({ locations: z.array(Location).max(1000) }).strict();
export const LocationsResponse = z.object({ locations: z.array(z.string()) });

export const FeedQuery = z.object({
  format: z.enum(["json", "csv"]).default("json"),
  changedSince: z.string().max(40).optional(),
  /** only the first `limit` items (a screen's worth); not with changedSince, which a sync pages by */
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});

export const FeedResponse = z.object({
  items: z.array(
    z.object({
      listingId: z.string(),
      channelSku: z.string(),
      sellerId: z.string(),
      quantity: z.number().int(),
    }),
  ),
  cursor: z.string(),
  /** how many items the whole answer has (more than `items` when limit cut it) */
  total: z.number().int(),
});

export const AvailabilityResponse = z.object({
  listingId: z.string(),
  channelSku: z.string(),
  quantity: z.number().int(),
  buffer: z.number().int(),
  limitingSku: z.string().nullable(),
  components: z.array(
    z.object({
      sku: z.string(),
      variantId: z.string(),
      quantityPerUnit: z.number().int(),
      available: z.number().int(),
      canMake: z.number().int(),
      locations: z.array(
        z.object({ location: z.string(), onHand: z.number().int(), reserved: z.number().int() }),
      ),
    }),
  ),
  explanation: z.string(),
});
