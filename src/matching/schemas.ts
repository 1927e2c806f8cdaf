// Request and response schemas of suggestions.
import { z } from "zod";
import { PageQuery } from "../shared/pagination.ts";

export const SuggestionParams = z.object({ accountId: z.string().min(1), channelId: z.string().min(1) });

export const SuggestionQuery = PageQuery.extend({
  minScore: z.coerce.number().min(0).max(1).optional(),
}).strict();

const Reason = z.object({ code: z.string(), score: z.number(), detail: z.string() });
const Candidate = z.object({
  variantId: z.string(),
  sku: z.string(),
  name: z.string().nullable(),
  score: z.number(),
  reasons: z.array(Reason),
});
export const SuggestionPage = z.object({
  items: z.array(
    z.object({
      listingId: z.string(),
      channelSku: z.string(),
      title: z.string().nullable(),
      tie: z.boolean(),
      candidates: z.array(Candidate),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const AcceptBody = z.union([
  z
    .object({
      accept: z
        .array(z.object({ listingId: z.string().min(1), variantId: z.string().min(1) }).strict())
        .min(1)
        .max(10_000),
    })
    .strict(),
  z.object({ allAboveScore: z.number().min(0).max(1) }).strict(),
]);

export const AcceptResponse = z.object({
  operationId: z.string().nullable(),
  created: z.number(),
  skipped: z.array(
    z.object({
      listingId: z.string(),
      channelSku: z.string(),
      reason: z.string(),
      variantIds: z.array(z.string()).optional(),
    }),
  ),
});
