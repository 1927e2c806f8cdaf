// Schemas of the custom-mapping sheet upload's answer (with its error file) and the error file route.
import { z } from "zod";
import { CustomSheetResponse, DownloadParams, SheetQuery } from "./schemas.ts";

export const CustomSheetUploadResponse = CustomSheetResponse.extend({
  /** the kept upload whose error file lists the failed rows; null when no row failed */
  importId: z.string().nullable(),
  errorFileUrl: z.string().nullable(),
});

export const CustomSheetErrorParams = DownloadParams.extend({ importId: z.string().min(1) });

export const CustomSheetErrorQuery = SheetQuery;
