/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Scheduled jobs on SQLite and PostgreSQL: CRUD and validation, run now with history, retries
// with exponential backoff, a deleted channel, a product download from the inbox, and the
// scheduler running a due job by itself.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import { downloadListings } from "../downloads/download-listings.ts";
import { catalogCounts, makeChannel, settingUrl, wooSample } from "../sync/sync-test-helpers.ts";
import { startJobRunner } from "./job-runner.ts";
import { createJob } from "./manage-jobs.ts";

describe.each(dialects)("scheduled jobs on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let root: string;
  const jobsUrl = (channel: string, rest = "") =>
    `/api/v1/accounts/${t.accountId}/channels/${channel}/jobs${rest}`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "crosswalk-jobs-"));
    process.env.CROSSWALK_OUTBOX = join(root, "outbox");
    process.env.CROSSWALK_INBOX = join(root, "inbox");
    t = await createTestApp(dialect);
    channelId = await makeChannel(t, { name: "Shop" });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("creates, lists, changes and deletes jobs; refuses bad input and non-admins", async () => {
    const tooShort = await t.as.admin.post(jobsUrl(channelId), { kind: "product_push", intervalSeconds: 5 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain("intervalSeconds");
    const badKind = await t.as.admin.post(jobsUrl(channelId), { kind: "reboot", intervalSeconds: 60 });
    expect(badKind.status).toBe(400);
    expect(
      (await t.as.editor.post(jobsUrl(channelId), { kind: "product_push", intervalSeconds: 60 })).status,
    ).toBe(403);

    const created = await t.as.admin.post(jobsUrl(channelId), { kind: "product_push", intervalSeconds: 60 });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      kind: "product_push",
      intervalSeconds: 60,
      enabled: true,
      lastRunAt: null,
      failures: 0,
    });
    const twice = await t.as.admin.post(jobsUrl(channelId), { kind: "product_push", intervalSeconds: 30 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("JOB_EXISTS");

    const listed = await t.as.viewer.get(jobsUrl(channelId));
    expect(listed.body.items.map((j: any) => j.id)).toEqual([created.body.id]);
    const patched = await t.as.admin.patch(jobsUrl(channelId, `/${created.body.id}`), {
      enabled: false,
      intervalSeconds: 120,
    });
    expect(patched.body).toMatchObject({ enabled: false, intervalSeconds: 120 });
    const missing = await t.as.admin.patch(jobsUrl(channelId, "/00000000-0000-7000-8000-000000000000"), {
      enabled: true,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("JOB_NOT_FOUND");
    expect((await t.as.admin.delete(jobsUrl(channelId, `/${created.body.id}`))).status).toBe(204);
    expect((await t.as.viewer.get(jobsUrl(channelId))).body.items).toEqual([]);
  });

  it("runs a job now, writes the feed file and keeps the run in the history", async () => {
    const job = await t.as.admin.post(jobsUrl(channelId), { kind: "inventory_push", intervalSeconds: 60 });
    const run = await t.as.admin.post(jobsUrl(channelId, `/${job.body.id}/run`));
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ outcome: "succeeded", trigger: "manual", error: null });
    expect(
      readdirSync(join(root, "outbox", t.accountId, channelId)).some((f) => f.startsWith("inventory-")),
    ).toBe(true);
    const runs = await t.as.viewer.get(jobsUrl(channelId, `/${job.body.id}/runs`));
    expect(runs.body.items.map((r: any) => r.id)).toEqual([run.body.id]);
    const after = await t.as.viewer.get(jobsUrl(channelId, `/${job.body.id}`));
    expect(after.body).toMatchObject({ lastOutcome: "succeeded", failures: 0 });
    expect(Date.parse(after.body.nextRunAt)).toBeGreaterThan(Date.parse(after.body.lastRunAt));
  });

  it("retries a failing job with exponential backoff, then gives up until the next interval", async () => {
    const broken = await makeChannel(t, { name: "Broken outbox" });
    // A file where the channel's outbox directory should be: every push fails.
    mkdirSync(join(root, "outbox", t.accountId), { recursive: true });
    writeFileSync(join(root, "outbox", t.accountId, broken), "not a directory");
    const job = await t.as.admin.post(jobsUrl(broken), {
      kind: "product_push",
      intervalSeconds: 600,
      maxRetries: 2,
    });
    const delays: number[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await t.as.admin.post(jobsUrl(broken, `/${job.body.id}/run`));
      expect(run.body.outcome).toBe("failed");
      expect(run.body.error).toBeTruthy();
      const state = (await t.as.viewer.get(jobsUrl(broken, `/${job.body.id}`))).body;
      delays.push((Date.parse(state.nextRunAt) - Date.parse(state.lastRunAt)) / 1000);
      outcomes.push(`${state.lastOutcome}/${state.failures}`);
    }
    expect(delays.slice(0, 2)).toEqual([5, 10]);
    expect(outcomes).toEqual(["failed, retrying/1", "failed, retrying/2", "failed/0"]);
    expect(delays[2]).toBeGreaterThan(10);
    const runs = await t.as.viewer.get(jobsUrl(broken, `/${job.body.id}/runs`));
    expect(runs.body.items).toHaveLength(3);
  });

  it("fails a job whose channel was deleted with 'channel deleted' and disables it", async () => {
    const doomed = await makeChannel(t, { name: "Doomed" });
    const job = await t.as.admin.post(jobsUrl(doomed), { kind: "inventory_push", intervalSeconds: 60 });
    expect((await t.as.admin.delete(`/api/v1/accounts/${t.accountId}/channels/${doomed}`)).status).toBe(204);
    const run = await t.as.admin.post(jobsUrl(doomed, `/${job.body.id}/run`));
    expect(run.status, run.text).toBe(200);
    expect(run.body.outcome).toBe("channel deleted");
    const state = await t.as.viewer.get(jobsUrl(doomed, `/${job.body.id}`));
    expect(state.body).toMatchObject({ enabled: false, lastOutcome: "channel deleted" });
  });

  it("downloads the newest inbox file of the master channel and syncs its products", async () => {
    const master = await makeChannel(t, { name: "Master shop" });
    expect(
      (await t.as.admin.put(settingUrl(t), { source: "channel", channelId: master, confirm: true })).status,
    ).toBe(200);
    const job = await t.as.admin.post(jobsUrl(master), { kind: "product_download", intervalSeconds: 60 });
    const empty = await t.as.admin.post(jobsUrl(master, `/${job.body.id}/run`));
    expect(empty.body).toMatchObject({ outcome: "succeeded", result: { downloaded: false } });
    const inbox = join(root, "inbox", t.accountId, master);
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, "products.csv"), wooSample());
    const run = await t.as.admin.post(jobsUrl(master, `/${job.body.id}/run`));
    expect(run.body.outcome, run.body.error).toBe("succeeded");
    expect(run.body.result.summary.new).toBe(25);
    expect(run.body.result.summary.productSync).toMatchObject({ productsCreated: 16, variantsCreated: 21 });
    expect(await catalogCounts(t)).toMatchObject({ products: 16, variants: 21 });
  });

  it("a scheduled download reads prices in the currency the channel's listings have", async () => {
    const shop = await makeChannel(t, { name: "Priced in USD" });
    const first = await downloadListings(t.database.db, {
      accountId: t.accountId,
      channelId: shop,
      actorUserId: null,
      mode: "all",
      read: await readChannelFile(wooSample(), { format: "woocommerce", currency: "USD" }),
    });
    expect(first.new).toBe(25);
    const job = await t.as.admin.post(jobsUrl(shop), { kind: "product_download", intervalSeconds: 60 });
    const inbox = join(root, "inbox", t.accountId, shop);
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, "products.csv"), wooSample());
    const run = await t.as.admin.post(jobsUrl(shop, `/${job.body.id}/run`));
    expect(run.body.outcome, run.body.error).toBe("succeeded");
    // the same file: nothing changed, the prices kept
    expect(run.body.result.summary).toMatchObject({ new: 0, changed: 0 });
    const listings = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/channels/${shop}/listings?limit=100`,
    );
    const prices = listings.body.items.map((l: any) => l.price).filter(Boolean);
    expect(prices.length).toBeGreaterThan(0);
    expect(prices.every((p: any) => p.currency === "USD")).toBe(true);
  });

  it("never pushes the catalog back to its master: switching disables the push, which stays refused", async () => {
    const shop = await makeChannel(t, { name: "Soon master" });
    const push = await t.as.admin.post(jobsUrl(shop), { kind: "product_push", intervalSeconds: 60 });
    expect(push.status, push.text).toBe(201);
    const switched = await t.as.admin.put(settingUrl(t), {
      source: "channel",
      channelId: shop,
      confirm: true,
    });
    expect(switched.status, switched.text).toBe(200);
    expect((await t.as.viewer.get(jobsUrl(shop, `/${push.body.id}`))).body.enabled).toBe(false);

    const refusals = [
      await t.as.admin.patch(jobsUrl(shop, `/${push.body.id}`), { enabled: true }),
      await t.as.admin.post(jobsUrl(shop), { kind: "product_push", intervalSeconds: 60 }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("PUSH_TO_MASTER");
    }
    expect((await t.as.viewer.get(jobsUrl(shop, `/${push.body.id}`))).body.enabled).toBe(false);
    const run = await t.as.admin.post(jobsUrl(shop, `/${push.body.id}/run`));
    expect(run.body.outcome).toBe("failed");
    expect(run.body.error).toMatch(/master product source/);
    const outbox = join(root, "outbox", t.accountId, shop);
    expect(() => readdirSync(outbox)).toThrow();
    // back to the internal catalog, the push may run again
    expect((await t.as.admin.put(settingUrl(t), { source: "internal" })).status).toBe(200);
    const enabled = await t.as.admin.patch(jobsUrl(shop, `/${push.body.id}`), { enabled: true });
    expect(enabled.status, enabled.text).toBe(200);
  });

  it("the scheduler runs a due job by itself", async () => {
    const channel = await makeChannel(t, { name: "Scheduled" });
    const job = await createJob(t.database.db, {
      accountId: t.accountId,
      channelId: channel,
      kind: "inventory_push",
      intervalSeconds: 1,
    });
    const runner = await startJobRunner({
      db: t.database.db,
      databaseUrl: t.database.url,
      pollMs: 100,
    });
    try {
      const deadline = Date.now() + 15_000;
      let runs: any[] = [];
      while (Date.now() < deadline) {
        runs = (await t.as.viewer.get(jobsUrl(channel, `/${job.id}/runs`))).body.items;
        if (runs.filter((r) => r.outcome === "succeeded").length >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(runs.filter((r) => r.outcome === "succeeded").length).toBeGreaterThanOrEqual(2);
      expect(runs.every((r) => r.trigger === "schedule")).toBe(true);
    } finally {
      await runner.stop();
    }
  }, 30_000);
});
