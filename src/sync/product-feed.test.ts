/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// The product feed (JSON, CSV, changedSince) and the file channel port, on SQLite and PostgreSQL.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { createFileChannelPort } from "./channel-port.ts";
import { getProductFeed } from "./product-feed.ts";
import { makeChannel } from "./sync-test-helpers.ts";

describe.each(dialects)("product feed on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let variants: Record<string, string>;
  const feedUrl = (rest = "") => `/api/v1/accounts/${t.accountId}/channels/${channelId}/product-feed${rest}`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    channelId = await makeChannel(t, { name: "Marketplace", platform: "amazon", canImportProducts: false });
    const product = await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, {
      name: "Tee",
      category: "Clothing > Tshirts",
      variants: [
        {
          sku: "TEE-S",
          name: "Tee small",
          barcode: "4006381333931",
          options: { Size: "S" },
          price: { amount: 1500, currency: "EUR" },
        },
        { sku: "TEE-M", options: { Size: "M" } },
      ],
    });
    expect(product.status, product.text).toBe(201);
    variants = Object.fromEntries(product.body.variants.map((v: any) => [v.sku, v.id]));
    const url = `/api/v1/accounts/${t.accountId}/channels/${channelId}/mappings`;
    for (const body of [
      { channelSku: "AMZ-TEE-S", components: [{ sku: "TEE-S" }] },
      { channelSku: "AMZ-TEE-M", components: [{ sku: "TEE-M" }] },
      { channelSku: "AMZ-PACK", components: [{ sku: "TEE-S", quantity: 2 }, { sku: "TEE-M" }] },
    ]) {
      const created = await t.as.editor.post(url, body);
      expect(created.status, created.text).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers what each mapped listing should show from the catalog", async () => {
    const feed = await t.as.viewer.get(feedUrl());
    expect(feed.status, feed.text).toBe(200);
    const bySku = Object.fromEntries(feed.body.items.map((i: any) => [i.channelSku, i]));
    expect(Object.keys(bySku).sort()).toEqual(["AMZ-PACK", "AMZ-TEE-M", "AMZ-TEE-S"]);
    expect(bySku["AMZ-TEE-S"]).toMatchObject({
      title: "Tee small",
      barcode: "4006381333931",
      price: { amount: 1500, currency: "EUR" },
      category: "Clothing > Tshirts",
      options: { Size: "S" },
      components: [{ sku: "TEE-S", quantity: 1 }],
      removed: false,
    });
    expect(bySku["AMZ-TEE-M"]).toMatchObject({ title: "Tee", barcode: null, options: { Size: "M" } });
    expect(bySku["AMZ-PACK"].type).toBe("bundle");
    expect(bySku["AMZ-PACK"].components).toEqual(
      expect.arrayContaining([
        { sku: "TEE-S", quantity: 2 },
        { sku: "TEE-M", quantity: 1 },
      ]),
    );
  });

  it("answers only changed listings after a cursor, and CSV with the cursor in a header", async () => {
    const first = await t.as.viewer.get(feedUrl());
    const cursor = first.body.cursor;
    const none = await t.as.viewer.get(feedUrl(`?changedSince=${cursor}`));
    expect(none.body.items).toEqual([]);
    const renamed = await t.as.editor.patch(`/api/v1/accounts/${t.accountId}/variants/${variants["TEE-M"]}`, {
      name: "Tee medium",
    });
    expect(renamed.status, renamed.text).toBe(200);
    const changed = await t.as.viewer.get(feedUrl(`?changedSince=${cursor}`));
    expect(changed.body.items.map((i: any) => [i.channelSku, i.title])).toEqual([
      ["AMZ-TEE-M", "Tee medium"],
    ]);

    const csv = await t.as.viewer.get(feedUrl("?format=csv"));
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["x-feed-cursor"]).toBeTruthy();
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe(
      "channel_sku,seller_id,type,title,barcode,price,currency,category,options,components,removed",
    );
    expect(lines.find((l) => l.startsWith("AMZ-TEE-S"))).toContain(
      "Tee small,4006381333931,1500,EUR,Clothing > Tshirts,Size=S,TEE-S x1,0",
    );

    const bad = await t.as.viewer.get(feedUrl("?changedSince=abc"));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_CURSOR");
  });

  it("lists a listing that lost its mapping once, as removed", async () => {
    const { cursor } = await getProductFeed(t.database.db, { accountId: t.accountId, channelId });
    const listing = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/channels/${channelId}/mappings?limit=50`,
    );
    const pack = listing.body.items.find((m: any) => m.channelSku === "AMZ-PACK");
    const removed = await t.as.editor.delete(
      `/api/v1/accounts/${t.accountId}/channels/${channelId}/mappings/${pack.id}`,
    );
    expect(removed.status, removed.text).toBeLessThan(300);
    const after = await getProductFeed(t.database.db, {
      accountId: t.accountId,
      channelId,
      changedSince: cursor,
    });
    expect(after.items.map((i) => [i.channelSku, i.removed])).toEqual([["AMZ-PACK", true]]);
    const again = await getProductFeed(t.database.db, {
      accountId: t.accountId,
      channelId,
      changedSince: after.cursor,
    });
    expect(again.items).toEqual([]);
  });

  it("the file port writes feed files per channel and fetches the newest inbox file", async () => {
    const root = mkdtempSync(join(tmpdir(), "crosswalk-port-"));
    try {
      const port = createFileChannelPort({
        accountId: t.accountId,
        channelId,
        outbox: join(root, "outbox"),
        inbox: join(root, "inbox"),
      });
      expect(await port.fetchListings()).toBeNull();
      const feed = await getProductFeed(t.database.db, { accountId: t.accountId, channelId });
      const pushed = await port.pushProducts(feed);
      expect(pushed.pushed).toBe(feed.items.length);
      const inventory = await port.pushInventory({
        items: [{ listingId: "x", channelSku: "AMZ-TEE-S", sellerId: "", quantity: 3 }],
        cursor: "1",
      });
      const dir = join(root, "outbox", t.accountId, channelId);
      const files = readdirSync(dir).sort();
      expect(files.some((f) => f.startsWith("products-") && f.endsWith(".csv"))).toBe(true);
      expect(files.some((f) => f.startsWith("inventory-"))).toBe(true);
      expect(readFileSync(inventory.location, "utf8")).toBe("channel_sku,seller_id,quantity\nAMZ-TEE-S,,3\n");

      const inbox = join(root, "inbox", t.accountId, channelId);
      const { mkdirSync } = await import("node:fs");
      mkdirSync(inbox, { recursive: true });
      writeFileSync(join(inbox, "old.csv"), "old");
      writeFileSync(join(inbox, "new.csv"), "new");
      utimesSync(join(inbox, "old.csv"), new Date(2020, 0, 1), new Date(2020, 0, 1));
      const fetched = await port.fetchListings();
      expect(fetched && !Array.isArray(fetched) && fetched.fileName).toBe("new.csv");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
