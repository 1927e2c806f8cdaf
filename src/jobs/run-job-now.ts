// "Run now": an admin starts a job's run at once, in the process that answers the request,
// unless a run of it is in progress.
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import { claimJob } from "./claim-jobs.ts";
import { getJob, type JobRun } from "./job-store.ts";
import { performJobRun, type RunSettings } from "./run-job.ts";

export async function runJobNow(
  db: Db,
  options: { accountId: string; channelId?: string | undefined; jobId: string; settings?: RunSettings },
): Promise<JobRun> {
  await getJob(db, options);
  const claim = await claimJob(db, {
    accountId: options.accountId,
    jobId: options.jobId,
    now: nowIso(),
    leaseSeconds: 300,
    trigger: "manual",
  });
  const run = claim
    ? await performJobRun(db, { claim, ...(options.settings && { settings: options.settings }) })
    : null;
  if (!run) {
    throw new AppError("JOB_RUNNING", "A run of this job is in progress; try again when it has finished.", {
      field: "jobId",
      value: options.jobId,
    });
  }
  return run;
}
