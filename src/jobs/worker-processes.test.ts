// Two real Crosswalk processes on one PostgreSQL (`crosswalk worker` twice, then a worker next to
// `crosswalk serve`) share a scheduled job: every interval slot runs exactly once, each run writes
// one outbox file, and both processes exit cleanly on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createChannel } from "../channels/create-channel.ts";
import { createJob } from "./manage-jobs.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const intervalSeconds = 2;
const slotsToWatch = 4;

type Child = { name: string; process: ChildProcess; output: () => string; exited: Promise<number | null> };

const children: Child[] = [];

function startProcess(name: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["bin/crosswalk.js", ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
  const started = { name, process: child, output: () => output, exited };
  children.push(started);
  return started;
}

async function waitFor(what: string, check: () => boolean, deadlineMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (child && child.process.exitCode !== null) {
      throw new Error(`${child.name} exited (${child.process.exitCode}) before ${what}:\n${child.output()}`);
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}${child ? `:\n${child.output()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopProcess(child: Child): Promise<number | null> {
  child.process.kill("SIGTERM");
  const code = await Promise.race([
    child.exited,
    new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 20_000)),
  ]);
  if (code === "hung") throw new Error(`${child.name} did not exit after SIGTERM:\n${child.output()}`);
  return code;
}

const pairs: Array<{ label: string; second: { name: string; args: string[]; ready: RegExp } }> = [
  { label: "two workers", second: { name: "worker B", args: ["worker"], ready: /worker is running jobs/ } },
  {
    label: "a worker and a server",
    second: { name: "server", args: ["serve", "--port", "0"], ready: /Crosswalk is running on/ },
  },
];

describe.each(pairs)("$label on one PostgreSQL", ({ second }) => {
  let database: TestDatabase;
  let outbox: string;
  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), "crosswalk-workers-"));
    database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    // Whatever happened above, no child outlives the test file.
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
    }
    await Promise.all(children.map((c) => c.exited));
    children.length = 0;
    await database.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it("runs a scheduled job once per interval slot and both stop cleanly on SIGTERM", async () => {
    const url = database.url ?? "";
    const { db } = database;
    const tag = Math.random().toString(36).slice(2, 8);
    const user = await createUser(db, { email: `workers-${tag}@example.com`, password: "correct horse" });
    const account = await createAccount(db, { name: "Workers", ownerUserId: user.id });
    const channel = await createChannel(db, {
      accountId: account.id,
      channel: { name: "Shop", kind: "sales", platform: "generic" },
    });

    const env = {
      DATABASE_URL: url,
      CROSSWALK_OUTBOX: outbox,
      CROSSWALK_JOB_POLL_MS: "100",
      LOG_LEVEL: "warn",
    };
    const a = startProcess("worker A", ["worker"], env);
    const b = startProcess(second.name, second.args, env);
    await waitFor("worker A to start", () => /worker is running jobs/.test(a.output()), 60_000, a);
    await waitFor(`${second.name} to start`, () => second.ready.test(b.output()), 60_000, b);

    // The job is created once both processes run, so its first slot finds them both polling.
    const job = await createJob(db, {
      accountId: account.id,
      channelId: channel.id,
      kind: "inventory_push",
      intervalSeconds,
    });
    const firstSlot = Date.parse(job.nextRunAt);
    const lastSlot = firstSlot + (slotsToWatch - 1) * intervalSeconds * 1000;
    const runsOf = () =>
      db
        .selectFrom("job_runs")
        .select(["scheduled_for", "outcome", "run_key", "finished_at"])
        .where("account_id", "=", account.id)
        .where("job_id", "=", job.id)
        .orderBy("scheduled_for")
        .execute();
    // Poll until the last watched slot has finished (or a deadline well past it).
    const deadline = lastSlot + 30_000;
    for (;;) {
      const runs = await runsOf();
      const finished = runs.filter((r) => r.finished_at !== null && Date.parse(r.scheduled_for) >= lastSlot);
      if (finished.length > 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const [codeA, codeB] = await Promise.all([stopProcess(a), stopProcess(b)]);
    const stoppedAt = Date.now();
    expect({ process: a.name, code: codeA }).toEqual({ process: a.name, code: 0 });
    expect({ process: b.name, code: codeB }).toEqual({ process: b.name, code: 0 });

    const runs = await runsOf();
    const slots = runs.map((r) => r.scheduled_for);
    // No slot ran twice.
    expect(new Set(slots).size).toBe(runs.length);
    // Every slot up to the last watched one ran, on its own schedule, one interval apart.
    const expected = Array.from({ length: slotsToWatch }, (_, i) =>
      new Date(firstSlot + i * intervalSeconds * 1000).toISOString(),
    );
    expect(slots.slice(0, slotsToWatch)).toEqual(expected);
    // Any later run belongs to a slot that came due before the processes stopped.
    const slotsElapsed = Math.floor((stoppedAt - firstSlot) / (intervalSeconds * 1000)) + 1;
    expect(runs.length).toBeLessThanOrEqual(slotsElapsed);
    expect(runs.every((r) => r.outcome === "succeeded")).toBe(true);

    // One outbox file per run, named after its run key.
    const files = readdirSync(join(outbox, account.id, channel.id)).sort();
    expect(files).toHaveLength(runs.length);
    expect(files).toEqual(
      runs.map((r) => `inventory-${r.run_key.replace(/[^A-Za-z0-9-]/g, "-")}.csv`).sort(),
    );
  }, 180_000);
});
