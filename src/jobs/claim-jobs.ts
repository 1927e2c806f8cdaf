// Claiming a job run: one atomic UPDATE moves a due job's lease forward only if nobody holds it,
// so however many runners poll the same database, exactly one of them runs each due slot.
import type { Db } from "../db/database.ts";
import { newId } from "../shared/ids.ts";

export type ClaimedRun = {
  accountId: string;
  jobId: string;
  /** Unique per claim: a duplicate delivery of this claim has no second effect. */
  runKey: string;
  scheduledFor: string;
  trigger: "schedule" | "manual";
};

/** Due, enabled, unleased jobs (any account), oldest due first. */
export async function findDueJobs(
  db: Db,
  options: { now: string; limit: number },
): Promise<Array<{ accountId: string; jobId: string; nextRunAt: string }>> {
  const rows = await db
    .selectFrom("jobs")
    .select(["account_id", "id", "next_run_at"])
    .where("enabled", "=", 1)
    .where("next_run_at", "<=", options.now)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", options.now)]))
    .orderBy("next_run_at")
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, jobId: r.id, nextRunAt: r.next_run_at }));
}

/**
 * Takes the lease of one job for `leaseSeconds`. Scheduled claims also require the job to be due
 * at the slot the caller saw; manual claims ("run now") only require that no run holds it.
 */
export async function claimJob(
  db: Db,
  options: {
    accountId: string;
    jobId: string;
    now: string;
    leaseSeconds: number;
    trigger: "schedule" | "manual";
    expectedNextRunAt?: string;
  },
): Promise<ClaimedRun | null> {
  const { accountId, jobId, now } = options;
  const lockedUntil = new Date(Date.parse(now) + options.leaseSeconds * 1000).toISOString();
  let query = db
    .updateTable("jobs")
    .set({ locked_until: lockedUntil })
    .where("account_id", "=", accountId)
    .where("id", "=", jobId)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]));
  if (options.trigger === "schedule") {
    query = query.where("enabled", "=", 1).where("next_run_at", "<=", now);
    if (options.expectedNextRunAt) query = query.where("next_run_at", "=", options.expectedNextRunAt);
  }
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const scheduledFor = options.trigger === "schedule" ? (options.expectedNextRunAt ?? now) : now;
  return { accountId, jobId, runKey: `${scheduledFor}#${newId()}`, scheduledFor, trigger: options.trigger };
}
