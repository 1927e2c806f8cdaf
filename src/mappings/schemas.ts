// zod schemas of the mapping routes: request bodies (strict), queries and the Mapping JSON.
import { z } from "zod";
import { mappingOrigins } from "./mapping-state.ts";

export const ChannelParams = z.object({ accountId: z.string(), channelId: z.string() });
export const MappingParams = ChannelParams.extend({ mappingId: z.string() });

export const ComponentInput = z
  .object({
    sku: z.string().max(400).optional(),
    variantId: z.string().max(100).optional(),
    productId: z.string().max(100).optional(),
    // Checked by the use case so a bad value answers INVALID_QUANTITY naming the field.
    quantity: z.number().optional(),
  })
  .strict()
  .refine((c) => [c.sku, c.variantId, c.productId].filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of sku, variantId or productId",
  });

export const Components = z.array(ComponentInput).min(1).max(100);

export const CreateMappingBody = z
  .object({
    channelSku: z.string().max(400),
    sellerId: z.string().max(200).optional(),
    components: Components,
    origin: z.enum(mappingOrigins).default("manual"),
  })
  .strict();
export type CreateMappingBody = z.infer<typeof CreateMappingBody>;

export const RemapBody = z.object({ components: Components }).strict();

export const DeleteManyBody = z
  .object({ mappingIds: z.array(z.string().max(100)).min(1).max(10_000) })
  .strict();

export const RemapFamilyBody = z
  .object({
    parentChannelSku: z.string().max(400),
    sellerId: z.string().max(200).optional(),
    productId: z.string().max(100),
    pairs: z
      .array(z.object({ channelSku: z.string().max(400), sku: z.string().max(400) }).strict())
      .max(10_000),
  })
  .strict();

export const PreviewQuery = z.object({ preview: z.enum(["true", "false"]).optional() });

export const DeleteAllQuery = PreviewQuery.extend({ confirm: z.string().max(100).optional() });

export const warningCodes = [
  "DUPLICATE_TARGET",
  "ARCHIVED_VARIANT",
  "COMPONENT_UNAVAILABLE",
  "MISSING_ON_CHANNEL",
] as const;

export const ListMappingsQuery = z.object({
  channelSku: z.string().max(400).optional(),
  q: z.string().max(400).optional(),
  origin: z.enum(mappingOrigins).optional(),
  warning: z.enum(warningCodes).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListMappingsQuery = z.infer<typeof ListMappingsQuery>;

export const Warning = z.object({ code: z.enum(warningCodes), message: z.string() });

export const MappingResponse = z.object({
  id: z.string(),
  channelId: z.string(),
  listingId: z.string(),
  channelSku: z.string(),
  sellerId: z.string(),
  listingType: z.string(),
  origin: z.string(),
  components: z.array(
    z.object({
      variantId: z.string(),
      sku: z.string(),
      name: z.string().nullable(),
      quantity: z.number().int(),
      archived: z.boolean(),
    }),
  ),
  warnings: z.array(Warning),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type MappingResponse = z.infer<typeof MappingResponse>;

export const ChangeCounts = z.object({
  operationId: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
});

export const PreviewResponse = z.object({
  preview: z.literal(true),
  changes: z.array(
    z.object({
      listingId: z.string(),
      channelSku: z.string(),
      quantityBefore: z.number().int().nullable(),
      quantityAfter: z.number().int().nullable(),
    }),
  ),
  warnings: z
    .array(z.object({ code: z.enum(warningCodes), message: z.string() }))
    .optional()
    .describe(
      "create and remap: what the mapping would be warned of once saved (a variant another listing sells, ...)",
    ),
});
