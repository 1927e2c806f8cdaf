/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Order translation through the API on SQLite and PostgreSQL: single, bundle, unmapped and
// parent lines, the line cap, batches, and the cache never answering stale after a change
// committed through a second server instance on the same database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { openDatabase } from "../db/database.ts";
import { buildServer } from "../http/server.ts";
import { makeChannel, makeListing, makeProduct, mappingsUrl } from "../mappings/mapping-test-helpers.ts";

describe.each(dialects)("order translation on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let variants: Record<string, string>;
  let singleMappingId: string;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    channelId = await makeChannel(t);
    variants = (await makeProduct(t, ["TR-A", "TR-B", "TR-C"])).variants;
    const single = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "CS-1",
      components: [{ sku: "TR-A", quantity: 1 }],
    });
    expect(single.status, single.text).toBe(201);
    singleMappingId = single.body.mapping.id;
    const kit = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "KIT-1",
      components: [
        { sku: "TR-A", quantity: 1 },
        { sku: "TR-B", quantity: 2 },
      ],
    });
    expect(kit.status, kit.text).toBe(201);
    await makeListing(t, channelId, { channelSku: "PARENT-1", type: "parent" });
    url = `/api/v1/accounts/${t.accountId}/channels/${channelId}/translate`;
  });
  afterAll(async () => {
    await t.close();
  });

  it("translates single, bundle, unmapped and parent lines with totals", async () => {
    const response = await t.as.viewer.post(url, {
      lines: [
        { channelSku: "CS-1", quantity: 3, ref: "l1" },
        { channelSku: "KIT-1", quantity: 2 },
        { channelSku: "PARENT-1", quantity: 1 },
        { channelSku: "NOPE", quantity: 1 },
      ],
    });
    expect(response.status, response.text).toBe(200);
    const [single, kit, parent, unknown] = response.body.lines;
    expect(single).toMatchObject({ ref: "l1", channelSku: "CS-1", quantity: 3, status: "mapped" });
    expect(single.internal).toEqual([{ sku: "TR-A", variantId: variants["TR-A"], quantity: 3 }]);
    expect(kit.status).toBe("mapped");
    expect(kit.internal).toEqual([
      { sku: "TR-A", variantId: variants["TR-A"], quantity: 2 },
      { sku: "TR-B", variantId: variants["TR-B"], quantity: 4 },
    ]);
    expect(parent).toMatchObject({ status: "parent_not_sellable", internal: [] });
    expect(unknown).toMatchObject({ ref: null, status: "unmapped", internal: [] });
    expect(response.body.totals).toEqual([
      { sku: "TR-A", quantity: 5 },
      { sku: "TR-B", quantity: 4 },
    ]);
  });

  it("matches the seller id exactly: another seller's SKU is unmapped", async () => {
    const response = await t.as.viewer.post(url, {
      lines: [{ channelSku: "CS-1", sellerId: "elsewhere", quantity: 1 }],
    });
    expect(response.status).toBe(200);
    expect(response.body.lines[0]).toMatchObject({ sellerId: "elsewhere", status: "unmapped" });
  });

  it("rejects zero, negative and fractional quantities", async () => {
    for (const quantity of [0, -1, 1.5]) {
      const response = await t.as.viewer.post(url, { lines: [{ channelSku: "CS-1", quantity }] });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      expect(response.body.error.message).toContain("lines.0.quantity");
    }
  });

  it("accepts 10,000 lines and rejects 10,001 and 1,000,000 naming the limit", async () => {
    const line = { channelSku: "KIT-1", quantity: 1 };
    const ok = await t.as.viewer.post(url, { lines: Array.from({ length: 10_000 }, () => line) });
    expect(ok.status).toBe(200);
    expect(ok.body.lines).toHaveLength(10_000);
    expect(ok.body.totals).toEqual([
      { sku: "TR-A", quantity: 10_000 },
      { sku: "TR-B", quantity: 20_000 },
    ]);
    const over = await t.as.viewer.post(url, { lines: Array.from({ length: 10_001 }, () => line) });
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe("TOO_MANY_LINES");
    expect(over.body.error.message).toContain("10000");
    const huge = await t.as.viewer.post(url, { lines: Array.from({ length: 1_000_000 }, () => line) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("TOO_MANY_LINES");
    expect(huge.body.error.message).toContain("10000 lines");
  });

  it("translates a batch of orders with per-order and overall totals, capped in total", async () => {
    const batchUrl = `${url}/batch`;
    const response = await t.as.viewer.post(batchUrl, {
      orders: [
        { ref: "o1", lines: [{ channelSku: "CS-1", quantity: 1 }] },
        {
          ref: "o2",
          lines: [
            { channelSku: "KIT-1", quantity: 1 },
            { channelSku: "NOPE", quantity: 4 },
          ],
        },
      ],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.orders.map((o: any) => o.ref)).toEqual(["o1", "o2"]);
    expect(response.body.orders[0].totals).toEqual([{ sku: "TR-A", quantity: 1 }]);
    expect(response.body.orders[1].lines[1].status).toBe("unmapped");
    expect(response.body.totals).toEqual([
      { sku: "TR-A", quantity: 2 },
      { sku: "TR-B", quantity: 2 },
    ]);
    const lines = Array.from({ length: 5_001 }, () => ({ channelSku: "CS-1", quantity: 1 }));
    const over = await t.as.viewer.post(batchUrl, { orders: [{ lines }, { lines }] });
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe("TOO_MANY_LINES");
  });

  it("answers 404 for a channel of another account", async () => {
    const response = await t.other.post(
      `/api/v1/accounts/${t.otherAccountId}/channels/${channelId}/translate`,
      {
        lines: [{ channelSku: "CS-1", quantity: 1 }],
      },
    );
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("CHANNEL_NOT_FOUND");
  });

  it("is never stale after a remap committed through a second server on the same database", async () => {
    const before = await t.as.viewer.post(url, { lines: [{ channelSku: "CS-1", quantity: 1 }] });
    expect(before.body.lines[0].internal[0].sku).toBe("TR-A");

    const second = openDatabase(
      dialect === "sqlite" ? { sqlitePath: t.database.sqlitePath } : { url: t.database.url },
    );
    const { app: secondApp } = await buildServer({ db: second.db });
    try {
      const editor = clientFor(secondApp, t.as.editor.key);
      const remap = await editor.put(mappingsUrl(t, channelId, `/${singleMappingId}`), {
        components: [{ sku: "TR-C", quantity: 2 }],
      });
      expect(remap.status, remap.text).toBe(200);
      const created = await editor.post(mappingsUrl(t, channelId), {
        channelSku: "NEW-1",
        components: [{ sku: "TR-B", quantity: 1 }],
      });
      expect(created.status, created.text).toBe(201);
    } finally {
      await secondApp.close();
      await second.close();
    }

    const after = await t.as.viewer.post(url, {
      lines: [
        { channelSku: "CS-1", quantity: 1 },
        { channelSku: "NEW-1", quantity: 1 },
      ],
    });
    expect(after.body.lines[0].internal).toEqual([{ sku: "TR-C", variantId: variants["TR-C"], quantity: 2 }]);
    expect(after.body.lines[1].status).toBe("mapped");
  });
});
