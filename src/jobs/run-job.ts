// One run of a claimed job: recorded once per run key (a duplicate delivery does nothing),
// its effect performed, then the job's outcome, failure count and next run written. A failure
// is retried with exponential backoff up to the job's retry limit; a job whose channel was
// deleted fails with "channel deleted" and is disabled.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { isAppError } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { type ChannelPort, createFileChannelPort } from "../sync/channel-port.ts";
import type { ClaimedRun } from "./claim-jobs.ts";
import { runJobEffect } from "./job-effects.ts";
import { getJob, type Job, type JobRun, toJobRun } from "./job-store.ts";

export type RunSettings = {
  /** First retry delay; each further failure doubles it, never beyond the job's interval. */
  retryBaseSeconds: number;
  portFor?: (job: Job, runKey: string) => ChannelPort;
};

export const defaultRunSettings: RunSettings = { retryBaseSeconds: 5 };

export function retryDelaySeconds(options: {
  failures: number;
  baseSeconds: number;
  intervalSeconds: number;
}) {
  return Math.min(options.intervalSeconds, options.baseSeconds * 2 ** Math.max(0, options.failures - 1));
}

function nextSlot(job: Job, scheduledFor: string, now: number): string {
  const next = Date.parse(scheduledFor) + job.intervalSeconds * 1000;
  // A runner that fell behind does not replay missed slots: it continues one interval from now.
  return new Date(next > now ? next : now + job.intervalSeconds * 1000).toISOString();
}

function messageOf(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export async function performJobRun(
  db: Db,
  options: { claim: ClaimedRun; settings?: RunSettings },
): Promise<JobRun | null> {
  const { claim } = options;
  const settings = options.settings ?? defaultRunSettings;
  const { accountId, jobId } = claim;
  const runId = newId();
  const inserted = await db
    .insertInto("job_runs")
    .values({
      account_id: accountId,
      id: runId,
      job_id: jobId,
      run_key: claim.runKey,
      trigger: claim.trigger,
      scheduled_for: claim.scheduledFor,
      started_at: nowIso(),
      finished_at: null,
      outcome: "running",
      error: null,
      result: null,
    })
    .onConflict((oc) => oc.columns(["account_id", "job_id", "run_key"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;

  let job: Job;
  try {
    job = await getJob(db, { accountId, jobId });
  } catch {
    // the job was deleted after the claim: nothing to record against
    await db.deleteFrom("job_runs").where("account_id", "=", accountId).where("id", "=", runId).execute();
    return null;
  }
  let outcome = "succeeded";
  let error: string | null = null;
  let result: unknown = null;
  let disable = false;
  try {
    const channel = await getChannel(db, accountId, job.channelId).catch((e: unknown) => {
      if (isAppError(e) && e.code === "CHANNEL_NOT_FOUND") return null;
      throw e;
    });
    if (!channel) {
      outcome = "channel deleted";
      error = `Channel ${job.channelId} was deleted; the job is disabled.`;
      disable = true;
    } else {
      const port =
        settings.portFor?.(job, claim.runKey) ??
        createFileChannelPort({ accountId, channelId: channel.id, runKey: claim.runKey });
      result = await runJobEffect(db, { kind: job.kind, channel, port });
    }
  } catch (e) {
    outcome = "failed";
    error = messageOf(e);
  }

  const now = Date.now();
  const finishedAt = new Date(now).toISOString();
  const failed = outcome !== "succeeded";
  const failures = failed && !disable ? job.failures + 1 : 0;
  const retrying = failed && !disable && failures <= job.maxRetries;
  const nextRunAt = retrying
    ? new Date(
        now +
          retryDelaySeconds({
            failures,
            baseSeconds: settings.retryBaseSeconds,
            intervalSeconds: job.intervalSeconds,
          }) *
            1000,
      ).toISOString()
    : nextSlot(job, claim.scheduledFor, now);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("job_runs")
      .set({
        finished_at: finishedAt,
        outcome,
        error,
        result: result === null ? null : JSON.stringify(result),
      })
      .where("account_id", "=", accountId)
      .where("id", "=", runId)
      .execute();
    await trx
      .updateTable("jobs")
      .set({
        last_run_at: finishedAt,
        last_outcome: retrying ? "failed, retrying" : outcome,
        last_error: error,
        failures: retrying ? failures : 0,
        next_run_at: nextRunAt,
        locked_until: null,
        updated_at: finishedAt,
        ...(disable && { enabled: 0 as const }),
      })
      .where("account_id", "=", accountId)
      .where("id", "=", jobId)
      .execute();
  });
  const row = await db
    .selectFrom("job_runs")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", runId)
    .executeTakeFirstOrThrow();
  return toJobRun(row);
}
