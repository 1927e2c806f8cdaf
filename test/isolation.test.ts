/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Invariant 3 across routes that take ids in a body or query: account B's ids (and ids of another
// channel of the same account) used through account A's URLs are refused and write nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeChannel, makeListing, makeProduct, mappingsUrl } from "../src/mappings/mapping-test-helpers.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";
import { dialects } from "./support/test-database.ts";

describe.each(dialects)("nothing crosses accounts or channels on %s", (dialect) => {
  let t: TestApp;
  let a: string;
  let b: string;
  let channelX: string;
  let channelY: string;
  let fulfillmentA: string;
  let fulfillmentB: string;
  let channelB: string;
  let productB: { productId: string; variants: Record<string, string> };
  let listingB: string;
  let listingY: string;
  let operationB: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    a = `/api/v1/accounts/${t.accountId}`;
    b = `/api/v1/accounts/${t.otherAccountId}`;
    channelX = await makeChannel(t);
    channelY = await makeChannel(t);
    fulfillmentA = await makeChannel(t, { kind: "fulfillment" });
    await makeProduct(t, ["A-1"]);
    const made = async (body: Record<string, unknown>) => {
      const r = await t.other.post(`${b}/channels`, { platform: "generic", ...body });
      expect(r.status, r.text).toBe(201);
      return r.body.id as string;
    };
    channelB = await made({ name: "B shop", kind: "sales" });
    fulfillmentB = await made({ name: "B warehouse", kind: "fulfillment" });
    productB = await makeProduct(t, ["B-1"], t.other, t.otherAccountId);
    const lb = await t.other.post(`${b}/channels/${channelB}/listings`, {
      channelSku: "SHARED",
      type: "single",
    });
    expect(lb.status, lb.text).toBe(201);
    listingB = lb.body.id;
    const mb = await t.other.post(`${b}/channels/${channelB}/mappings`, {
      channelSku: "SHARED",
      components: [{ sku: "B-1" }],
    });
    expect(mb.status, mb.text).toBe(201);
    const ops = await t.other.get(`${b}/operations`);
    operationB = ops.body.items[0].id;
    listingY = await makeListing(t, channelY, { channelSku: "Y-1", type: "single" });
    await makeListing(t, channelX, { channelSku: "SHARED", type: "single" });
  });
  afterAll(async () => {
    await t.close();
  });

  // refused by the use case: a 4xx naming what was not found or is invalid, never a missing route
  const refused = (r: { status: number; text: string; body: any }) => {
    expect(r.status, r.text).toBeGreaterThanOrEqual(400);
    expect(r.status, r.text).toBeLessThan(500);
    expect(r.body?.error?.code, r.text).not.toBe("NOT_FOUND");
  };

  it("refuses B's variant and product as mapping components", async () => {
    refused(
      await t.as.editor.post(mappingsUrl(t, channelX), {
        channelSku: "SHARED",
        components: [{ variantId: productB.variants["B-1"] }],
      }),
    );
    refused(
      await t.as.editor.post(mappingsUrl(t, channelX), {
        channelSku: "SHARED",
        components: [{ productId: productB.productId }],
      }),
    );
    refused(
      await t.as.editor.post(mappingsUrl(t, channelX), {
        channelSku: "SHARED",
        components: [{ sku: "B-1" }],
      }),
    );
  });

  it("refuses accepting a suggestion with B's variant, B's listing or another channel's listing", async () => {
    const listingX = (await t.as.viewer.get(`${a}/channels/${channelX}/listings?q=SHARED`)).body.items[0].id;
    const variantA = (await t.as.viewer.get(`${a}/variants?q=A-1`)).body.items[0].id;
    for (const accept of [
      { listingId: listingX, variantId: productB.variants["B-1"] },
      { listingId: listingB, variantId: variantA },
      { listingId: listingY, variantId: variantA },
    ]) {
      refused(await t.as.editor.post(`${a}/channels/${channelX}/suggestions/accept`, { accept: [accept] }));
    }
    const mappings = await t.as.viewer.get(mappingsUrl(t, channelX));
    expect(mappings.body.items).toEqual([]);
  });

  it("refuses creating products from B's listings or another channel's", async () => {
    refused(
      await t.as.editor.post(`${a}/channels/${channelX}/listings/create-products`, {
        listingIds: [listingB],
      }),
    );
    refused(
      await t.as.editor.post(`${a}/channels/${channelX}/listings/create-products`, {
        listingIds: [listingY],
      }),
    );
  });

  it("refuses B's fulfillment channel as a stock location or a channel location", async () => {
    refused(
      await t.as.editor.post(`${a}/stock`, { levels: [{ sku: "A-1", location: fulfillmentB, onHand: 5 }] }),
    );
    refused(
      await t.as.editor.post(`${a}/stock/adjustments`, {
        adjustments: [{ sku: "A-1", location: fulfillmentB, delta: 5 }],
      }),
    );
    refused(await t.as.admin.put(`${a}/channels/${channelX}/locations`, { locations: [fulfillmentB] }));
    refused(await t.as.admin.put(`${a}/channels/${channelX}/locations`, { locations: [channelY] }));
    const ok = await t.as.admin.put(`${a}/channels/${channelX}/locations`, { locations: [fulfillmentA] });
    expect(ok.status, ok.text).toBe(200);
    const stock = await t.as.viewer.get(`${a}/stock?location=${fulfillmentB}`);
    expect(stock.body.items).toEqual([]);
  });

  it("refuses B's channel as master product source", async () => {
    refused(
      await t.as.admin.put(`${a}/settings/master-product-source`, { source: "channel", channelId: channelB }),
    );
    refused(
      await t.as.admin.put(`${a}/settings/master-product-source?dryRun=true`, {
        source: "channel",
        channelId: channelB,
      }),
    );
  });

  it("refuses undoing or reading B's operation", async () => {
    refused(await t.as.editor.get(`${a}/operations/${operationB}`));
    refused(await t.as.editor.post(`${a}/operations/${operationB}/undo`));
    const still = await t.other.get(`${b}/channels/${channelB}/mappings`);
    expect(still.body.items).toHaveLength(1);
  });

  it("refuses a parent listing of another channel", async () => {
    await makeListing(t, channelY, { channelSku: "PARENT", type: "parent" });
    refused(
      await t.as.editor.post(`${a}/channels/${channelX}/listings`, {
        channelSku: "CHILD",
        type: "variation",
        parentChannelSku: "PARENT",
      }),
    );
  });

  it("refuses another channel's and B's jobs", async () => {
    const job = await t.as.admin.post(`${a}/channels/${channelY}/jobs`, {
      kind: "product_download",
      intervalSeconds: 3600,
    });
    expect(job.status, job.text).toBe(201);
    refused(await t.as.viewer.get(`${a}/channels/${channelX}/jobs/${job.body.id}`));
    refused(await t.as.admin.patch(`${a}/channels/${channelX}/jobs/${job.body.id}`, { enabled: false }));
    refused(await t.as.admin.delete(`${a}/channels/${channelX}/jobs/${job.body.id}`));
    refused(await t.as.viewer.get(`${a}/channels/${channelX}/jobs/${job.body.id}/runs`));
  });

  it("filters the availability and feeds by channel", async () => {
    refused(await t.as.viewer.get(`${a}/channels/${channelX}/listings/${listingY}/availability`));
    refused(await t.as.viewer.get(`${a}/channels/${channelX}/listings/${listingB}/availability`));
    refused(await t.as.viewer.get(`${a}/channels/${channelX}/listings/${listingY}`));
  });
});

describe.each(dialects)("listing changes keep mappings valid on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses turning a mapped listing into a parent (a parent is never mapped)", async () => {
    const channelId = await makeChannel(t);
    await makeProduct(t, ["M-1"]);
    const listingId = await makeListing(t, channelId, { channelSku: "M-1", type: "single" });
    const mapped = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "M-1",
      components: [{ sku: "M-1" }],
    });
    expect(mapped.status, mapped.text).toBe(201);
    const url = `/api/v1/accounts/${t.accountId}/channels/${channelId}/listings/${listingId}`;
    const toParent = await t.as.editor.patch(url, { type: "parent" });
    expect(toParent.status, toParent.text).toBe(409);
    expect(toParent.body.error.code).toBe("LISTING_MAPPED");
    expect((await t.as.viewer.get(url)).body.type).toBe("single");
    // a mapped single may still become a bundle, and an unmapped one a parent
    expect((await t.as.editor.patch(url, { type: "bundle" })).status).toBe(200);
    const free = await makeListing(t, channelId, { channelSku: "FREE-1", type: "single" });
    const freeUrl = `/api/v1/accounts/${t.accountId}/channels/${channelId}/listings/${free}`;
    expect((await t.as.editor.patch(freeUrl, { type: "parent" })).status).toBe(200);
  });
});
