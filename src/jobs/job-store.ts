// Data access of scheduled jobs: one row per (channel, kind) with its interval, enabled flag,
// schedule, lease and last outcome, and one job_runs row per run (its run key is unique, so a
// run delivered twice is recorded, and has its effect, once).
import type { Selectable } from "kysely";
import type { Db } from "../db/database.ts";
import type { JobRunTable, JobTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";

export const jobKinds = ["product_download", "inventory_push", "product_push"] as const;
export type JobKind = (typeof jobKinds)[number];

export type Job = {
  id: string;
  accountId: string;
  channelId: string;
  kind: JobKind;
  intervalSeconds: number;
  enabled: boolean;
  nextRunAt: string;
  lastRunAt: string | null;
  lastOutcome: string | null;
  lastError: string | null;
  failures: number;
  maxRetries: number;
  createdAt: string;
  updatedAt: string;
};

export type JobRun = {
  id: string;
  jobId: string;
  trigger: string;
  scheduledFor: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  error: string | null;
  result: unknown;
};

export function toJob(row: Selectable<JobTable>): Job {
  return {
    id: row.id,
    accountId: row.account_id,
    channelId: row.channel_id,
    kind: row.kind as JobKind,
    intervalSeconds: Number(row.interval_seconds),
    enabled: Number(row.enabled) === 1,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    lastOutcome: row.last_outcome,
    lastError: row.last_error,
    failures: Number(row.failures),
    maxRetries: Number(row.max_retries),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toJobRun(row: Selectable<JobRunTable>): JobRun {
  return {
    id: row.id,
    jobId: row.job_id,
    trigger: row.trigger,
    scheduledFor: row.scheduled_for,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    error: row.error,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
  };
}

export async function listJobs(
  db: Db,
  options: { accountId: string; channelId?: string | undefined },
): Promise<Job[]> {
  let query = db.selectFrom("jobs").selectAll().where("account_id", "=", options.accountId);
  if (options.channelId !== undefined) query = query.where("channel_id", "=", options.channelId);
  const rows = await query.orderBy("id").execute();
  return rows.map(toJob);
}

/** The job, or JOB_NOT_FOUND; with `channelId`, the job must belong to that channel. */
export async function getJob(
  db: Db,
  options: { accountId: string; jobId: string; channelId?: string | undefined },
): Promise<Job> {
  const row = await db
    .selectFrom("jobs")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.jobId)
    .executeTakeFirst();
  if (!row || (options.channelId !== undefined && row.channel_id !== options.channelId)) {
    throw new AppError("JOB_NOT_FOUND", "Job not found in this account.", {
      field: "jobId",
      value: options.jobId,
    });
  }
  return toJob(row);
}

export async function setJobEnabled(
  db: Db,
  options: { accountId: string; jobId: string; enabled: boolean; outcome?: string; error?: string },
): Promise<void> {
  await db
    .updateTable("jobs")
    .set({
      enabled: options.enabled ? 1 : 0,
      updated_at: nowIso(),
      ...(options.outcome !== undefined && { last_outcome: options.outcome }),
      ...(options.error !== undefined && { last_error: options.error }),
    })
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.jobId)
    .execute();
}
