// Request and response schemas of the master product source, product sync and product feed.
import { z } from "zod";

export const SyncAccountParams = z.object({ accountId: z.string().min(1) });
export const SyncChannelParams = SyncAccountParams.extend({ channelId: z.string().min(1) });

export const MasterSource = z.discriminatedUnion("source", [
  z.object({ source: z.literal("internal") }),
  z.object({ source: z.literal("channel"), channelId: z.string().min(1) }),
]);

export const PutMasterSourceBody = z.union([
  z.object({ source: z.literal("internal"), confirm: z.boolean().optional() }).strict(),
  z
    .object({
      source: z.literal("channel"),
      channelId: z.string().min(1).max(100),
      confirm: z.boolean().optional(),
    })
    .strict(),
]);

export const DryRunQuery = z.object({ dryRun: z.enum(["true", "false"]).optional() }).strict();

const Counts = {
  productsCreated: z.number(),
  variantsCreated: z.number(),
  variantsUpdated: z.number(),
  productsUpdated: z.number(),
  unchanged: z.number(),
};

export const SyncMatchSchema = z.object({
  channelSku: z.string(),
  row: z.number(),
  matchedBy: z.enum(["sku", "barcode"]),
  variantSku: z.string(),
});

export const DryRunResponse = z.object({
  current: MasterSource,
  next: MasterSource,
  firstSync: z.object({
    ...Counts,
    duplicatesAvoided: z.array(SyncMatchSchema),
    skipped: z.string().optional(),
  }),
  jobChanges: z.array(
    z.object({ jobId: z.string(), channelId: z.string(), kind: z.string(), change: z.string() }),
  ),
});

export const MasterSourceOption = z.object({
  source: z.enum(["internal", "channel"]),
  channelId: z.string().optional(),
  label: z.string(),
});

export const GetMasterSourceResponse = z.object({
  masterProductSource: MasterSource,
  options: z.array(MasterSourceOption),
});

export const PutMasterSourceResponse = z.object({
  masterProductSource: MasterSource,
  dryRun: DryRunResponse,
  operationId: z.string().nullable(),
  applied: z.boolean(),
});

export const ProductSyncResponse = z.object({
  ...Counts,
  autoMapped: z
    .object({ bySku: z.number().int(), byBarcode: z.number().int(), operationId: z.string().nullable() })
    .optional()
    .describe("the master's unmapped listings mapped to the synced variants (POST .../sync)"),
  conflicts: z.array(z.object({ channelSku: z.string(), rows: z.array(z.number()), reason: z.string() })),
  issues: z.array(z.object({ row: z.number(), channelSku: z.string(), reason: z.string() })),
  operationId: z.string().nullable(),
  skipped: z.string().optional(),
});

export const ProductFeedQuery = z.object({
  format: z.enum(["json", "csv"]).default("json"),
  changedSince: z.string().max(40).optional(),
});

export const ProductFeedResponse = z.object({
  items: z.array(
    z.object({
      listingId: z.string(),
      channelSku: z.string(),
      sellerId: z.string(),
      type: z.string(),
      title: z.string().nullable(),
      barcode: z.string().nullable(),
      price: z.object({ amount: z.number(), currency: z.string() }).nullable(),
      category: z.string().nullable(),
      options: z.record(z.string(), z.string()),
      components: z.array(z.object({ sku: z.string(), quantity: z.number() })),
      removed: z.boolean(),
    }),
  ),
  cursor: z.string(),
});
