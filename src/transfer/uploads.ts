// Where uploaded files are kept: a directory shared by every server process (default
// ./data/uploads, or $CROSSWALK_UPLOADS), one sub-directory per account.
import { createWriteStream, mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../shared/errors.ts";

export function uploadsDirectory(): string {
  return resolve(process.env.CROSSWALK_UPLOADS ?? "./data/uploads");
}

export function maxUploadBytes(): number {
  const configured = Number(process.env.CROSSWALK_MAX_UPLOAD_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 512 * 1024 * 1024;
}

/** Streams an upload to disk; a file over the limit is removed and refused. */
export async function saveUpload(options: {
  accountId: string;
  uploadId: string;
  fileName: string;
  content: Readable & { truncated?: boolean };
}): Promise<string> {
  const dir = join(uploadsDirectory(), options.accountId);
  mkdirSync(dir, { recursive: true });
  const extension = extname(options.fileName).toLowerCase() === ".xlsx" ? ".xlsx" : ".csv";
  const path = join(dir, `${options.uploadId}${extension}`);
  let tooLarge = false;
  try {
    await pipeline(options.content, createWriteStream(path));
  } catch (error) {
    if ((error as { code?: string }).code !== "FST_REQ_FILE_TOO_LARGE") {
      await rm(path, { force: true });
      throw error;
    }
    tooLarge = true;
  }
  if (tooLarge || options.content.truncated) {
    await rm(path, { force: true });
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${maxUploadBytes()} bytes.`, {
      field: "file",
      reason: "file over the size limit",
    });
  }
  return path;
}
