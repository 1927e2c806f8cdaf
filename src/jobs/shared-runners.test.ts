// Several Crosswalk processes on one PostgreSQL share the scheduled jobs through pg-boss: two
// runners, each with its own connection pool and pg-boss instance, run a job once per interval,
// never the same slot twice. And on both dialects a run delivered twice has one effect.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createChannel } from "../channels/create-channel.ts";
import { openDatabase } from "../db/database.ts";
import { claimJob } from "./claim-jobs.ts";
import { ensureQueue, startJobRunner } from "./job-runner.ts";
import { createJob } from "./manage-jobs.ts";
import { performJobRun } from "./run-job.ts";

async function setUp(database: TestDatabase) {
  const { db } = database;
  const tag = Math.random().toString(36).slice(2, 8);
  const user = await createUser(db, { email: `jobs-${tag}@example.com`, password: "correct horse" });
  const account = await createAccount(db, { name: "Jobs", ownerUserId: user.id });
  const channel = await createChannel(db, {
    accountId: account.id,
    channel: { name: "Shop", kind: "sales", platform: "generic" },
  });
  return { accountId: account.id, channelId: channel.id };
}

describe("two job runners on one PostgreSQL", () => {
  let database: TestDatabase;
  let outbox: string;
  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), "crosswalk-runners-"));
    process.env.CROSSWALK_OUTBOX = outbox;
    database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    await database.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it("processes starting together each find the job queue, whichever of them creates it", async () => {
    const url = database.url ?? "";
    const bosses = Array.from(
      { length: 4 },
      () => new PgBoss({ connectionString: url, max: 2, schedule: false }),
    );
    try {
      for (const boss of bosses) await boss.start();
      // Each round is a queue nobody has created yet, wanted by all four at once: without the
      // retry, PostgreSQL ends some rounds with a deadlock victim that finds no queue.
      for (let round = 0; round < 12; round += 1) {
        const name = `race-${round}`;
        await Promise.all(bosses.map((boss) => ensureQueue(boss, name)));
        expect((await bosses[0]?.getQueue(name))?.name).toBe(name);
      }
    } finally {
      for (const boss of bosses) await boss.stop({ graceful: false, wait: true });
    }
  });

  it("runs a scheduled job once per interval, not once per runner", async () => {
    const url = database.url ?? "";
    const { accountId, channelId } = await setUp(database);
    const job = await createJob(database.db, {
      accountId,
      channelId,
      kind: "inventory_push",
      intervalSeconds: 1,
    });
    const a = openDatabase({ url });
    const b = openDatabase({ url });
    const runnerA = await startJobRunner({ db: a.db, databaseUrl: url, pollMs: 50 });
    const runnerB = await startJobRunner({ db: b.db, databaseUrl: url, pollMs: 50 });
    const firstSlot = Date.parse(job.nextRunAt);
    try {
      // Wait through five intervals after the first slot.
      while (Date.now() < firstSlot + 5_200) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await runnerA.stop();
      await runnerB.stop();
      await a.close();
      await b.close();
    }
    const stoppedAt = Date.now();
    const runs = await database.db
      .selectFrom("job_runs")
      .select(["scheduled_for", "outcome"])
      .where("account_id", "=", accountId)
      .where("job_id", "=", job.id)
      .orderBy("scheduled_for")
      .execute();
    const slotsElapsed = Math.floor((stoppedAt - firstSlot) / 1000) + 1;
    const slots = runs.map((r) => r.scheduled_for);
    expect(new Set(slots).size).toBe(runs.length);
    expect(runs.length).toBeLessThanOrEqual(slotsElapsed);
    // The last slot may still have been queued when the runners stopped.
    expect(runs.length).toBeGreaterThanOrEqual(slotsElapsed - 2);
    for (let i = 1; i < slots.length; i++) {
      expect(Date.parse(slots[i] ?? "") - Date.parse(slots[i - 1] ?? "")).toBeGreaterThanOrEqual(1000);
    }
    expect(runs.filter((r) => r.outcome === "succeeded").length).toBeGreaterThanOrEqual(runs.length - 1);
  }, 60_000);
});

describe.each(dialects)("a run delivered twice on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await database.close();
  });

  it("has one effect and one history entry", async () => {
    const { accountId, channelId } = await setUp(database);
    const job = await createJob(database.db, {
      accountId,
      channelId,
      kind: "inventory_push",
      intervalSeconds: 60,
    });
    const claim = await claimJob(database.db, {
      accountId,
      jobId: job.id,
      now: new Date().toISOString(),
      leaseSeconds: 60,
      trigger: "manual",
    });
    expect(claim).not.toBeNull();
    if (!claim) return;
    const second = await claimJob(database.db, {
      accountId,
      jobId: job.id,
      now: new Date().toISOString(),
      leaseSeconds: 60,
      trigger: "manual",
    });
    expect(second).toBeNull();
    const [one, two] = await Promise.all([
      performJobRun(database.db, { claim }),
      performJobRun(database.db, { claim }),
    ]);
    expect([one, two].filter((r) => r !== null)).toHaveLength(1);
    const runs = await database.db.selectFrom("job_runs").select("id").where("job_id", "=", job.id).execute();
    expect(runs).toHaveLength(1);
  });
});
