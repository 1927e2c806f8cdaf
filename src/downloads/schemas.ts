// Request and response schemas of listing downloads, create-from-listing and custom sheets.
import { z } from "zod";
import { AppError } from "../shared/errors.ts";
import { PageQuery } from "../shared/pagination.ts";
import { DownloadSummary } from "./download-summary.ts";
import { downloadModes } from "./plan-download.ts";

export const channelFileFormats = ["amazon", "shopify", "woocommerce", "magento", "etsy", "generic"] as const;

export const DownloadParams = z.object({ accountId: z.string().min(1), channelId: z.string().min(1) });

/** The text parts of a download upload (multipart), checked like a body. */
export const DownloadFields = z
  .object({
    format: z.enum(channelFileFormats),
    mode: z.enum(downloadModes).default("all"),
    columns: z.string().max(10_000).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR")
      .optional(),
  })
  .strict();
export type DownloadFields = z.infer<typeof DownloadFields>;

export function parseDownloadFields(fields: Record<string, string>): DownloadFields {
  const parsed = DownloadFields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    throw new AppError("VALIDATION_FAILED", `${field}: ${issue?.message ?? "invalid"}`, {
      field,
      value: fields[field],
    });
  }
  return parsed.data;
}

export function parseColumns(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppError("VALIDATION_FAILED", 'columns must be a JSON object such as {"channelSku":"SKU"}.', {
      field: "columns",
      value: raw,
    });
  }
  const parsed = z.record(z.string(), z.string().min(1)).safeParse(value);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", "columns must map listing fields to header names (text).", {
      field: "columns",
      value: raw,
    });
  }
  return parsed.data;
}

export const DownloadListQuery = PageQuery.strict();

export const DownloadRecordResponse = z.object({
  id: z.string(),
  channelId: z.string(),
  format: z.string(),
  mode: z.string(),
  fileName: z.string().nullable(),
  operationId: z.string().nullable(),
  createdAt: z.string(),
  summary: DownloadSummary,
});
export const DownloadPage = z.object({
  items: z.array(DownloadRecordResponse),
  nextCursor: z.string().nullable(),
});

/** One of the two: a union would only say "Invalid input" when neither is given. */
export const CreateProductsBody = z
  .object({
    listingIds: z.array(z.string().min(1)).min(1).max(10_000).optional(),
    allUnmappable: z.literal(true).optional(),
  })
  .strict()
  .refine((body) => (body.listingIds === undefined) !== (body.allUnmappable === undefined), {
    message: "give either listingIds or allUnmappable: true",
  });

export const CreateProductsResponse = z.object({
  operationId: z.string().nullable(),
  products: z.number(),
  created: z.number(),
  failed: z.array(z.object({ listingId: z.string(), channelSku: z.string(), reason: z.string() })),
});

export const SheetQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") }).strict();

export const ApplySheetQuery = z
  .object({
    dryRun: z
      .enum(["true", "false", "1", "0"])
      .optional()
      .transform((v) => v === "true" || v === "1"),
  })
  .strict();

export const CustomSheetResponse = z.object({
  operationId: z.string().nullable(),
  created: z.number(),
  ignored: z.number(),
  failed: z.array(
    z.object({ row: z.number(), channelSku: z.string(), internalSku: z.string(), reason: z.string() }),
  ),
});
