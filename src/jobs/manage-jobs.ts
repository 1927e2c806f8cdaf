// Creating, changing and deleting a channel's scheduled jobs, and reading their run history.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { AppError, isUniqueViolation } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { decodeCursor, type Page, toPage } from "../shared/pagination.ts";
import { assertNotPushingToMaster } from "../sync/master-source.ts";
import { getJob, type Job, type JobKind, type JobRun, toJobRun } from "./job-store.ts";

export async function createJob(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    kind: JobKind;
    intervalSeconds: number;
    enabled?: boolean | undefined;
    maxRetries?: number | undefined;
  },
): Promise<Job> {
  const { accountId, channelId } = options;
  await getChannel(db, accountId, channelId);
  if (options.kind === "product_push" && options.enabled !== false) {
    await assertNotPushingToMaster(db, { accountId, channelId });
  }
  const now = new Date();
  const id = newId();
  try {
    await db
      .insertInto("jobs")
      .values({
        account_id: accountId,
        id,
        channel_id: channelId,
        kind: options.kind,
        interval_seconds: options.intervalSeconds,
        enabled: options.enabled === false ? 0 : 1,
        // The first run is one interval away; "run now" starts one at once.
        next_run_at: new Date(now.getTime() + options.intervalSeconds * 1000).toISOString(),
        locked_until: null,
        last_run_at: null,
        last_outcome: null,
        last_error: null,
        failures: 0,
        max_retries: options.maxRetries ?? 3,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError(
      "JOB_EXISTS",
      `This channel already has a ${options.kind} job; change that one instead.`,
      {
        field: "kind",
        value: options.kind,
      },
    );
  }
  return getJob(db, { accountId, jobId: id });
}

export async function updateJob(
  db: Db,
  options: {
    accountId: string;
    channelId?: string | undefined;
    jobId: string;
    changes: {
      intervalSeconds?: number | undefined;
      enabled?: boolean | undefined;
      maxRetries?: number | undefined;
    };
  },
): Promise<Job> {
  const { accountId, jobId, changes } = options;
  const job = await getJob(db, { accountId, jobId, channelId: options.channelId });
  const now = new Date();
  const intervalChanged =
    changes.intervalSeconds !== undefined && changes.intervalSeconds !== job.intervalSeconds;
  const enabling = changes.enabled === true && !job.enabled;
  if (enabling && job.kind === "product_push") {
    await assertNotPushingToMaster(db, { accountId, channelId: job.channelId });
  }
  await db
    .updateTable("jobs")
    .set({
      updated_at: now.toISOString(),
      ...(changes.intervalSeconds !== undefined && { interval_seconds: changes.intervalSeconds }),
      ...(changes.enabled !== undefined && { enabled: changes.enabled ? 1 : 0 }),
      ...(changes.maxRetries !== undefined && { max_retries: changes.maxRetries }),
      ...((intervalChanged || enabling) && {
        next_run_at: new Date(
          now.getTime() + (changes.intervalSeconds ?? job.intervalSeconds) * 1000,
        ).toISOString(),
        failures: 0,
      }),
    })
    .where("account_id", "=", accountId)
    .where("id", "=", jobId)
    .execute();
  return getJob(db, { accountId, jobId });
}

export async function deleteJob(
  db: Db,
  options: { accountId: string; channelId?: string | undefined; jobId: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await getJob(trx, options);
    await trx
      .deleteFrom("job_runs")
      .where("account_id", "=", options.accountId)
      .where("job_id", "=", options.jobId)
      .execute();
    await trx
      .deleteFrom("jobs")
      .where("account_id", "=", options.accountId)
      .where("id", "=", options.jobId)
      .execute();
  });
}

/** Runs of a job, newest first. */
export async function listJobRuns(
  db: Db,
  options: {
    accountId: string;
    channelId?: string | undefined;
    jobId: string;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<JobRun>> {
  const { accountId, jobId, limit } = options;
  await getJob(db, options);
  const cursor = decodeCursor(options.cursor);
  let query = db
    .selectFrom("job_runs")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("job_id", "=", jobId);
  if (cursor && typeof cursor.id === "string") query = query.where("id", "<", cursor.id);
  const rows = await query
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toJobRun, (row) => ({ id: row.id }));
}
