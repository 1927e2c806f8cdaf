// The downloads history of a channel: one row per download with the summary it answered and
// the newest row date its file carried (what the next `since_last` download compares against).
import type { Db } from "../db/database.ts";
import { chunksOf } from "../mappings/mapping-store.ts";
import { AppError } from "../shared/errors.ts";
import { decodeCursor, type Page, toPage } from "../shared/pagination.ts";
import type { DownloadIssue, DownloadSummary } from "./download-summary.ts";

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
    /** every issue; the summary carries the first ones */
    issues: DownloadIssue[];
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
  const rows = options.issues.map((issue, seq) => ({
    account_id: options.accountId,
    download_id: options.summary.id,
    seq,
    row: issue.row ?? null,
    column: issue.column ?? null,
    value: issue.value ?? null,
    severity: issue.severity,
    code: issue.code ?? null,
    reason: issue.reason,
  }));
  for (const chunk of chunksOf(rows, 500)) await db.insertInto("download_issues").values(chunk).execute();
}

export const downloadIssueHeader = ["row", "column", "value", "severity", "code", "reason"];

/** Answers 404 for a download that is not the channel's, before any of its file is sent. */
export async function assertDownload(
  db: Db,
  options: { accountId: string; channelId: string; downloadId: string },
): Promise<void> {
  const download = await db
    .selectFrom("downloads")
    .select("id")
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId)
    .where("id", "=", options.downloadId)
    .executeTakeFirst();
  if (!download)
    throw new AppError("NOT_FOUND", "No such download of this channel.", { field: "downloadId" });
}

/** Every issue of a download, in order, as rows of the issues file (a page at a time). */
export async function* downloadIssueRows(
  db: Db,
  options: { accountId: string; downloadId: string },
): AsyncGenerator<Array<string | number>> {
  let after = -1;
  for (;;) {
    const page = await db
      .selectFrom("download_issues")
      .selectAll()
      .where("account_id", "=", options.accountId)
      .where("download_id", "=", options.downloadId)
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(1000)
      .execute();
    for (const issue of page) {
      yield [
        issue.row ?? "",
        issue.column ?? "",
        issue.value ?? "",
        issue.severity,
        issue.code ?? "",
        issue.reason,
      ];
    }
    const last = page[page.length - 1];
    if (!last || page.length < 1000) return;
    after = last.seq;
  }
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
