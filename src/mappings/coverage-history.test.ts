// Coverage over time on both dialects: reading the coverage records today's point (upserted, one
// per day), earlier days come back oldest first within `days`, roles and accounts are checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { dayOf, recordCoverageSnapshot } from "./coverage-history.ts";
import { makeChannel, makeListing, makeProduct, mappingsUrl } from "./mapping-test-helpers.ts";

const daysAgo = (n: number) => dayOf(new Date(Date.now() - n * 24 * 3600 * 1000));

describe.each(dialects)("coverage history on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const channelUrl = (channelId: string, rest: string) =>
    `/api/v1/accounts/${t.accountId}/channels/${channelId}${rest}`;

  it("records today's point when the coverage is read and updates it on the next read", async () => {
    const channelId = await makeChannel(t);
    await makeProduct(t, ["HIST-A", "HIST-B"]);
    await makeListing(t, channelId, { channelSku: "P-HIST", type: "parent" });
    for (const sku of ["HIST-A", "HIST-B", "HIST-C"]) {
      await makeListing(t, channelId, { channelSku: sku, type: "variation", parentChannelSku: "P-HIST" });
    }
    const empty = await t.as.viewer.get(channelUrl(channelId, "/coverage/history"));
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body).toEqual({ items: [] });

    const coverage = await t.as.viewer.get(channelUrl(channelId, "/coverage"));
    expect(coverage.status, coverage.text).toBe(200);
    const first = await t.as.viewer.get(channelUrl(channelId, "/coverage/history"));
    expect(first.body.items).toEqual([{ day: daysAgo(0), total: 3, mapped: 0, unmapped: 3 }]);

    const created = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "HIST-A",
      components: [{ sku: "HIST-A" }],
    });
    expect(created.status, created.text).toBe(201);
    await t.as.viewer.get(channelUrl(channelId, "/coverage"));
    const second = await t.as.viewer.get(channelUrl(channelId, "/coverage/history?days=30"));
    expect(second.body.items).toEqual([{ day: daysAgo(0), total: 3, mapped: 1, unmapped: 2 }]);
  });

  it("answers the points of the last `days` days, oldest first", async () => {
    const channelId = await makeChannel(t);
    await makeListing(t, channelId, { channelSku: "OLD-1", type: "single" });
    const db = t.database.db;
    for (const n of [40, 5, 1]) {
      await recordCoverageSnapshot(db, { accountId: t.accountId, channelId, day: daysAgo(n) });
    }
    const month = await t.as.viewer.get(channelUrl(channelId, "/coverage/history"));
    expect(month.body.items.map((p: { day: string }) => p.day)).toEqual([daysAgo(5), daysAgo(1)]);
    expect(month.body.items[0]).toEqual({ day: daysAgo(5), total: 1, mapped: 0, unmapped: 1 });
    const week = await t.as.viewer.get(channelUrl(channelId, "/coverage/history?days=3"));
    expect(week.body.items.map((p: { day: string }) => p.day)).toEqual([daysAgo(1)]);
    const year = await t.as.viewer.get(channelUrl(channelId, "/coverage/history?days=366"));
    expect(year.body.items).toHaveLength(3);
  });

  it("refuses bad input, unknown channels and other accounts", async () => {
    const channelId = await makeChannel(t);
    const bad = await t.as.viewer.get(channelUrl(channelId, "/coverage/history?days=0"));
    expect(bad.status).toBe(400);
    const unknown = await t.as.viewer.get(channelUrl("no-such-channel", "/coverage/history"));
    expect(unknown.status).toBe(404);
    const stranger = await t.other.get(channelUrl(channelId, "/coverage/history"));
    expect(stranger.status).toBe(404);
  });
});
