// The scheduler loop of `crosswalk serve` and `crosswalk worker`. Every poll it claims the due
// jobs (an atomic lease per job, so concurrent runners never claim the same slot). On SQLite the
// claimed runs execute in this process. On PostgreSQL they go through a pg-boss queue, which any
// Crosswalk process working that queue picks up; the run key travels with the message and the
// job_runs table refuses a second run with the same key, so a duplicate delivery has no effect.
import PgBoss from "pg-boss";
import type { Db } from "../db/database.ts";
import { dialectOf } from "../db/dialect.ts";
import { type ClaimedRun, claimJob, findDueJobs } from "./claim-jobs.ts";
import { defaultRunSettings, performJobRun, type RunSettings } from "./run-job.ts";

export const jobQueue = "crosswalk-job-run";

export type JobRunnerOptions = {
  db: Db;
  /** PostgreSQL URL for pg-boss; required on PostgreSQL. */
  databaseUrl?: string | undefined;
  pollMs?: number;
  leaseSeconds?: number;
  settings?: RunSettings;
  onError?: (error: unknown) => void;
};

export type JobRunner = { stop: () => Promise<void>; tick: () => Promise<number> };

// Two processes starting together can both try to create the queue; PostgreSQL may then end one
// of the two transactions as a deadlock victim before the other has committed. So the loser
// waits a moment and looks again, a few times, before it gives up.
export async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 0 });
      return;
    } catch (error) {
      if (attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { db } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseSeconds = options.leaseSeconds ?? 300;
  const settings = options.settings ?? defaultRunSettings;
  const onError = options.onError ?? ((error: unknown) => console.error("job runner:", error));
  let boss: PgBoss | null = null;

  if (dialectOf(db) === "postgres") {
    if (!options.databaseUrl) throw new Error("The job runner needs the PostgreSQL URL for pg-boss.");
    boss = new PgBoss({ connectionString: options.databaseUrl, max: 4, schedule: false });
    boss.on("error", onError);
    await boss.start();
    await ensureQueue(boss, jobQueue);
    await boss.work<ClaimedRun>(jobQueue, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) await performJobRun(db, { claim: job.data, settings });
    });
  }

  const dispatch = async (claim: ClaimedRun) => {
    if (boss) await boss.send(jobQueue, claim, { singletonKey: claim.runKey, retryLimit: 0 });
    else await performJobRun(db, { claim, settings });
  };

  let ticking = false;
  const tick = async (): Promise<number> => {
    if (ticking) return 0;
    ticking = true;
    let started = 0;
    try {
      const now = new Date().toISOString();
      for (const due of await findDueJobs(db, { now, limit: 50 })) {
        const claim = await claimJob(db, {
          accountId: due.accountId,
          jobId: due.jobId,
          now,
          leaseSeconds,
          trigger: "schedule",
          expectedNextRunAt: due.nextRunAt,
        });
        if (!claim) continue;
        started += 1;
        await dispatch(claim);
      }
    } catch (error) {
      onError(error);
    } finally {
      ticking = false;
    }
    return started;
  };

  const timer = setInterval(() => void tick(), pollMs);
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      while (ticking) await new Promise((resolve) => setTimeout(resolve, 20));
      if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
