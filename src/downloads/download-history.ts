// The downloads history of a channel: one row per download with the summary it answered and
// the newest row date its file carried (what the next `since_last` download compares against).
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { decodeCursor, type Page, toPage } from "../shared/pagination.ts";
import type { DownloadSummary } from "./download-summary.ts";

export type DownloadRecord = {
  id: string;
  channelId: string;
  format: string;
  mode: string;
  fileName: string | null;
  operationId: string | null;
  createdAt: string;
  summary: DownloadSummary;
};

export async function recordDownload(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    format: string;
    mode: string;
    fileName: string | null;
    summary: DownloadSummary;
    newestRowDate: string | null;
    operationId: string | null;
    actorUserId: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto("downloads")
    .values({
      account_id: options.accountId,
      id: options.summary.id,
      channel_id: options.channelId,
      format: options.format,
      mode: options.mode,
      file_name: options.fileName,
      summary: JSON.stringify(options.summary),
      newest_row_date: options.newestRowDate,
      operation_id: options.operationId,
      actor_user_id: options.actorUserId,
      created_at: options.now,
    })
    .execute();
}

/** The newest row date of the channel's previous downloads, or null when none carried dates. */
export async function findPreviousNewestRowDate(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<string | null> {
  const row = await db
    .selectFrom("downloads")
    .select((eb) => eb.fn.max("newest_row_date").as("newest"))
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId)
    .executeTakeFirst();
  return row?.newest ?? null;
}

/** The channel's downloads, newest first. */
export async function listDownloads(
  db: Db,
  options: { accountId: string; channelId: string; limit: number; cursor?: string | undefined },
): Promise<Page<DownloadRecord>> {
  const cursor = decodeCursor(options.cursor);
  if (cursor && typeof cursor.id !== "string") {
    throw new AppError("INVALID_CURSOR", "The cursor is not one this API returned.", { field: "cursor" });
  }
  let query = db
    .selectFrom("downloads")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId);
  if (cursor) query = query.where("id", "<", String(cursor.id));
  const rows = await query
    .orderBy("id", "desc")
    .limit(options.limit + 1)
    .execute();
  return toPage(
    rows,
    options.limit,
    (row) => ({
      id: row.id,
      channelId: row.channel_id,
      format: row.format,
      mode: row.mode,
      fileName: row.file_name,
      operationId: row.operation_id,
      createdAt: row.created_at,
      summary: JSON.parse(row.summary) as DownloadSummary,
    }),
    (row) => ({ id: row.id }),
  );
}
