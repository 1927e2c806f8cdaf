// Reads a multipart import request: the `file` part is streamed to the uploads directory, the
// other parts (`mode`, `validRowsOnly`, `apply`) are read as text fields in whatever order they come.
// The auth hook has already answered 401/404/403 before any of this runs.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { IdempotencyKey, ImportMode } from "./import-store.ts";
import { maxUploadBytes, saveUpload } from "./uploads.ts";

export type Upload = {
  path: string;
  fileName: string;
  mode: ImportMode;
  validRowsOnly: boolean;
  /** validate and apply in one pass (mapping imports) */
  apply: boolean;
  idempotencyKey: IdempotencyKey | null;
};

/**
 * What makes a request the same request again: its route (the account, the channel and what is
 * imported), its options and the file's content.
 */
async function fingerprintOf(request: FastifyRequest, fields: Record<string, string>, path: string) {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([request.method, request.url.split("?")[0], Object.entries(fields).sort()]));
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function readMode(value: string | undefined): ImportMode {
  if (value === undefined || value === "" || value === "merge") return "merge";
  if (value === "replace") return "replace";
  throw new AppError("VALIDATION_FAILED", "mode must be merge or replace.", { field: "mode", value });
}

export function readFlag(value: string | undefined, field: string): boolean {
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new AppError("VALIDATION_FAILED", `${field} must be true or false.`, { field, value });
}

/**
 * A malformed multipart body (no boundary, cut short, bad part header) surfaces from the parser
 * as a plain Error without a code; it is the client's fault, so it answers 400 INVALID_FILE.
 * Errors with a code (file system, @fastify/multipart limits) and AppErrors pass through.
 */
export function malformedMultipart(error: unknown): unknown {
  if (
    error instanceof Error &&
    !(error instanceof AppError) &&
    !("code" in error) &&
    !("statusCode" in error)
  ) {
    return new AppError("INVALID_FILE", `The multipart/form-data body is malformed: ${error.message}.`, {
      field: "file",
    });
  }
  return error;
}

export async function receiveUpload(request: FastifyRequest, accountId: string): Promise<Upload> {
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
  const query = request.query as Record<string, string | undefined>;
  for (const [key, value] of Object.entries(query)) if (typeof value === "string") fields[key] = value;
  let stored: { path: string; fileName: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxUploadBytes(), files: 1 } })) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || stored) {
          part.file.resume();
          continue;
        }
        const fileName = part.filename || "upload.csv";
        const path = await saveUpload({ accountId, uploadId: newId(), fileName, content: part.file });
        stored = { path, fileName };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (stored) await rm(stored.path, { force: true });
    throw malformedMultipart(error);
  }
  if (!stored)
    throw new AppError("VALIDATION_FAILED", "The request has no part named file.", { field: "file" });
  const header = request.headers["idempotency-key"];
  const key = typeof header === "string" && header.trim() !== "" ? header.trim().slice(0, 200) : null;
  try {
    return {
      ...stored,
      mode: readMode(fields.mode),
      validRowsOnly: readFlag(fields.validRowsOnly, "validRowsOnly"),
      apply: readFlag(fields.apply, "apply"),
      idempotencyKey: key ? { key, fingerprint: await fingerprintOf(request, fields, stored.path) } : null,
    };
  } catch (error) {
    await rm(stored.path, { force: true });
    throw error;
  }
}
