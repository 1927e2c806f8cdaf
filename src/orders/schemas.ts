// Request and response schemas of order translation.
import { z } from "zod";

export const ChannelParams = z.object({ accountId: z.string().min(1), channelId: z.string().min(1) });

export const OrderLineBody = z
  .object({
    channelSku: z.string().trim().min(1).max(200),
    sellerId: z.string().trim().max(200).optional(),
    quantity: z.number().int().min(1).max(1_000_000_000),
    ref: z.string().max(200).optional(),
  })
  .strict();
export type OrderLineBody = z.infer<typeof OrderLineBody>;

export const TranslateBody = z.object({ lines: z.array(OrderLineBody).min(1) }).strict();
export type TranslateBody = z.infer<typeof TranslateBody>;

export const TranslateBatchBody = z
  .object({
    orders: z
      .array(z.object({ ref: z.string().max(200).optional(), lines: z.array(OrderLineBody).min(1) }).strict())
      .min(1),
  })
  .strict();
export type TranslateBatchBody = z.infer<typeof TranslateBatchBody>;

const InternalLine = z.object({ sku: z.string(), variantId: z.string(), quantity: z.number().int() });

export const TranslatedLine = z.object({
  ref: z.string().nullable(),
  channelSku: z.string(),
  sellerId: z.string(),
  quantity: z.number().int(),
  status: z.enum(["mapped", "unmapped", "parent_not_sellable"]),
  internal: z.array(InternalLine),
});

export const SkuTotal = z.object({ sku: z.string(), quantity: z.number().int() });

export const TranslateResponse = z.object({ lines: z.array(TranslatedLine), totals: z.array(SkuTotal) });

export const TranslateBatchResponse = z.object({
  orders: z.array(
    z.object({ ref: z.string().nullable(), lines: z.array(TranslatedLine), totals: z.array(SkuTotal) }),
  ),
  totals: z.array(SkuTotal),
});
