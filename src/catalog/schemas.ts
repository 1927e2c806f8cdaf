// Request and response schemas of the catalog area (products, variants, variant search).
import { z } from "zod";
import { PageQuery } from "../shared/pagination.ts";

export const ProductParams = z.object({ accountId: z.string().min(1), productId: z.string().min(1) });
export const VariantParams = z.object({ accountId: z.string().min(1), variantId: z.string().min(1) });
export const CatalogAccountParams = z.object({ accountId: z.string().min(1) });

export const Money = z
  .object({
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
  })
  .strict();

const Measure = z.number().int().min(0).max(1_000_000_000);
// SKUs are checked by normalizeSku (trim, control characters) so the error names the field.
const SkuText = z.string().max(1000);
const Options = z.record(z.string().trim().min(1).max(100), z.string().max(500));

export const VariantInput = z
  .object({
    sku: SkuText,
    barcode: z.string().max(100).nullish(),
    name: z.string().trim().min(1).max(500).nullish(),
    options: Options.optional(),
    lengthMm: Measure.nullish(),
    widthMm: Measure.nullish(),
    heightMm: Measure.nullish(),
    weightG: Measure.nullish(),
    costPrice: Money.nullish(),
    price: Money.nullish(),
  })
  .strict();
export type VariantInput = z.infer<typeof VariantInput>;

export const CreateProductBody = z
  .object({
    name: z.string().trim().min(1).max(500),
    sku: SkuText.optional(),
    productKey: z.string().trim().min(1).max(200).nullish(),
    category: z.string().trim().min(1).max(500).nullish(),
    variants: z.array(VariantInput).min(1).max(1000).optional(),
  })
  .strict();
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateProductBody = z
  .object({
    name: z.string().trim().min(1).max(500).optional(),
    productKey: z.string().trim().min(1).max(200).nullable().optional(),
    category: z.string().trim().min(1).max(500).nullable().optional(),
  })
  .strict();
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

export const UpdateVariantBody = VariantInput.partial().extend({ archived: z.boolean().optional() }).strict();
export type UpdateVariantBody = z.infer<typeof UpdateVariantBody>;

export const VariantResponse = z.object({
  id: z.string(),
  productId: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  gtin: z.string().nullable(),
  name: z.string().nullable(),
  options: z.record(z.string(), z.string()),
  lengthMm: z.number().nullable(),
  widthMm: z.number().nullable(),
  heightMm: z.number().nullable(),
  weightG: z.number().nullable(),
  costPrice: Money.nullable(),
  price: Money.nullable(),
  isDefault: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ProductResponse = z.object({
  id: z.string(),
  name: z.string(),
  productKey: z.string().nullable(),
  category: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  variants: z.array(VariantResponse),
});

export const MatchedBy = z.enum(["sku", "barcode", "name"]);
export type MatchedBy = z.infer<typeof MatchedBy>;

export const VariantSearchItem = VariantResponse.extend({ matchedBy: MatchedBy.optional() });

export const ProductListQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() });

export const VariantSearchQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  includeArchived: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((value) => value === "true" || value === "1"),
});

export const ProductPage = z.object({ items: z.array(ProductResponse), nextCursor: z.string().nullable() });
export const VariantPage = z.object({ items: z.array(VariantSearchItem), nextCursor: z.string().nullable() });
