// Reads a multipart upload for downloads and custom sheets: the `file` part into memory (channel
// export files are parsed whole by the readers) up to a limit, the other parts as text fields.
// The auth hook has already answered 401/404/403 before any of this runs.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../shared/errors.ts";
import { type RowSource, readCsvRows } from "../transfer/csv-source.ts";
import { malformedMultipart } from "../transfer/upload-request.ts";
import { readXlsxRows } from "../transfer/xlsx-source.ts";

export const maxDownloadBytes = 200 * 1024 * 1024;

export type ReceivedFile = { bytes: Buffer; fileName: string; fields: Record<string, string> };

export async function receiveFile(request: FastifyRequest): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the file as multipart/form-data in a part named file.",
      {
        field: "file",
      },
    );
  }
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; fileName: string } | undefined;
  try {
    file = await readParts(request, fields);
  } catch (error) {
    throw malformedMultipart(error);
  }
  if (!file)
    throw new AppError("VALIDATION_FAILED", "The request has no part named file.", { field: "file" });
  return { ...file, fields };
}

async function readParts(
  request: FastifyRequest,
  fields: Record<string, string>,
): Promise<{ bytes: Buffer; fileName: string } | undefined> {
  let file: { bytes: Buffer; fileName: string } | undefined;
  for await (const part of request.parts({ limits: { fileSize: maxDownloadBytes, files: 1 } })) {
    if (part.type === "file") {
      if (part.fieldname !== "file" || file) {
        part.file.resume();
        continue;
      }
      const bytes = await part.toBuffer().catch((error: unknown) => {
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${maxDownloadBytes} bytes.`, {
            field: "file",
          });
        }
        throw error;
      });
      file = { bytes, fileName: part.filename || "upload" };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  return file;
}

/** Rows of an uploaded CSV or XLSX sheet (XLSX is recognised by its ZIP signature). */
export async function openSheet(bytes: Buffer): Promise<{ source: RowSource; close: () => Promise<void> }> {
  if (bytes.subarray(0, 4).toString("latin1") !== "PK\x03\x04") {
    return { source: await readCsvRows({ input: [bytes] }), close: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), "crosswalk-sheet-"));
  const path = join(dir, "sheet.xlsx");
  await writeFile(path, bytes);
  try {
    return { source: await readXlsxRows({ path }), close: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
