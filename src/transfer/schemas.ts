// Request and response schemas of the bulk-file routes (exports, templates, imports).
import { z } from "zod";

export const FileFormatQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") }).strict();

export const ChannelTransferParams = z.object({ accountId: z.string().min(1), channelId: z.string().min(1) });
export const ChannelImportParams = ChannelTransferParams.extend({ importId: z.string().min(1) });
export const AccountTransferParams = z.object({ accountId: z.string().min(1) });
export const AccountImportParams = AccountTransferParams.extend({ importId: z.string().min(1) });

const Flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((value) => value === "true" || value === "1");

export const ApplyImportQuery = z.object({ dryRun: Flag, validRowsOnly: Flag, async: Flag }).strict();

export const UploadQuery = z
  .object({
    mode: z.enum(["merge", "replace"]).optional(),
    validRowsOnly: z.string().optional(),
    apply: z.string().optional(),
  })
  .strict();

const RowErrorResponse = z.object({
  row: z.number(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});

export const ImportResponse = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  mode: z.string(),
  fileName: z.string(),
  totalRows: z.number(),
  counts: z.object({
    create: z.number(),
    update: z.number(),
    delete: z.number(),
    unchanged: z.number(),
    rejectedRows: z.number(),
  }),
  errors: z.array(RowErrorResponse),
  errorFileUrl: z.string().nullable(),
  progress: z.object({
    rowsDone: z.number(),
    rowsTotal: z.number(),
    writingChanges: z.number().nullable(),
    waiting: z.boolean(),
  }),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
});
