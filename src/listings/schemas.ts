// Request and response schemas of the listings area.
import { z } from "zod";
import { ChannelParams } from "../channels/schemas.ts";
import { PageQuery } from "../shared/pagination.ts";
import { listingTypes } from "./listing-lookup.ts";

export const ListingType = z.enum(listingTypes);
export const ListingStatus = z.enum(["active", "inactive"]);

export const Money = z
  .object({
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as EUR"),
  })
  .strict();

const text = z.string().trim().max(1000);

export const CreateListingBody = z
  .object({
    channelSku: z.string().max(1000),
    sellerId: z.string().max(200).optional(),
    type: ListingType,
    parentChannelSku: z.string().max(1000).optional(),
    title: text.optional(),
    category: text.optional(),
    barcode: z.string().max(100).optional(),
    externalId: z.string().max(200).optional(),
    price: Money.optional(),
    quantity: z.number().int().min(0).max(1_000_000_000).optional(),
    status: ListingStatus.optional(),
  })
  .strict();
export type CreateListingBody = z.infer<typeof CreateListingBody>;

export const UpdateListingBody = z
  .object({
    type: ListingType.optional(),
    title: text.nullable().optional(),
    category: text.nullable().optional(),
    barcode: z.string().max(100).nullable().optional(),
    externalId: z.string().max(200).nullable().optional(),
    price: Money.nullable().optional(),
    quantity: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
    status: ListingStatus.optional(),
  })
  .strict();
export type UpdateListingBody = z.infer<typeof UpdateListingBody>;

export const ListingParams = ChannelParams.extend({ listingId: z.string().min(1) });

export const ListingListQuery = PageQuery.extend({
  q: z.string().max(1000).optional(),
  sellerId: z.string().max(200).optional(),
  type: ListingType.optional(),
  status: ListingStatus.optional(),
  mapped: z.enum(["true", "false"]).optional(),
}).strict();
export type ListingListQuery = z.infer<typeof ListingListQuery>;

export const ListingResponse = z.object({
  id: z.string(),
  channelId: z.string(),
  sellerId: z.string(),
  channelSku: z.string(),
  type: ListingType,
  parentId: z.string().nullable(),
  parentChannelSku: z.string().nullable(),
  title: z.string().nullable(),
  category: z.string().nullable(),
  barcode: z.string().nullable(),
  externalId: z.string().nullable(),
  price: z.object({ amount: z.number().int(), currency: z.string() }).nullable(),
  quantity: z.number().int().nullable(),
  status: z.string(),
  missingOnChannel: z.boolean(),
  mapped: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ListingPage = z.object({ items: z.array(ListingResponse), nextCursor: z.string().nullable() });
