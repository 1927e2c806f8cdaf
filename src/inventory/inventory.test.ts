/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Stock, channel locations, availability explanations and the inventory feed through the API on
// SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { makeChannel, makeListing, makeProduct, mappingsUrl } from "../mappings/mapping-test-helpers.ts";
import { computeListingQuantities } from "./availability.ts";
import { getAvailableByVariant } from "./stock-lookup.ts";

describe.each(dialects)("inventory on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let warehouseId: string;
  let variants: Record<string, string>;
  let singleId: string;
  let kitId: string;
  let base: string;

  const mapped = async (channelSku: string, components: Array<{ sku: string; quantity: number }>) => {
    const response = await t.as.editor.post(mappingsUrl(t, channelId), { channelSku, components });
    expect(response.status, response.text).toBe(201);
    return response.body.mapping.listingId as string;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/v1/accounts/${t.accountId}`;
    channelId = await makeChannel(t, { buffer: 1 });
    warehouseId = await makeChannel(t, { kind: "fulfillment" });
    variants = (await makeProduct(t, ["IN-A", "IN-B", "IN-C"])).variants;
    singleId = await mapped("SHOP-A", [{ sku: "IN-A", quantity: 1 }]);
    kitId = await mapped("SHOP-KIT", [
      { sku: "IN-A", quantity: 1 },
      { sku: "IN-B", quantity: 2 },
    ]);
    await mapped("SHOP-C", [{ sku: "IN-C", quantity: 1 }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it("sets levels, and writes nothing when one SKU is unknown", async () => {
    const bad = await t.as.editor.post(`${base}/stock`, {
      levels: [
        { sku: "IN-A", onHand: 99 },
        { sku: "NOPE", onHand: 1 },
      ],
    });
    expect(bad.status).toBe(404);
    expect(bad.body.error.code).toBe("VARIANT_NOT_FOUND");
    expect(bad.body.error.details).toMatchObject({ field: "levels.1.sku", value: "NOPE" });
    expect((await t.as.viewer.get(`${base}/stock`)).body.items).toEqual([]);

    const ok = await t.as.editor.post(`${base}/stock`, {
      levels: [
        { sku: "IN-A", onHand: 12, reserved: 2 },
        { sku: "IN-B", onHand: 7 },
        { sku: "IN-C", location: warehouseId, onHand: 5 },
      ],
    });
    expect(ok.status, ok.text).toBe(200);
    const listed = await t.as.viewer.get(`${base}/stock?sku=IN-A`);
    expect(listed.body.items).toEqual([
      { sku: "IN-A", variantId: variants["IN-A"], location: "default", onHand: 12, reserved: 2 },
    ]);
    const available = await getAvailableByVariant(t.database.db, {
      accountId: t.accountId,
      variantIds: [variants["IN-A"]!, variants["IN-B"]!, variants["IN-C"]!],
    });
    expect(Object.fromEntries(available)).toEqual({
      [variants["IN-A"]!]: 10,
      [variants["IN-B"]!]: 7,
      [variants["IN-C"]!]: 5,
    });
  });

  it("rejects an unknown location, a duplicate row and negative numbers", async () => {
    const location = await t.as.editor.post(`${base}/stock`, {
      levels: [{ sku: "IN-A", location: "moon", onHand: 1 }],
    });
    expect(location.status).toBe(404);
    expect(location.body.error).toMatchObject({
      code: "LOCATION_NOT_FOUND",
      details: { field: "levels.0.location" },
    });
    const duplicate = await t.as.editor.post(`${base}/stock`, {
      levels: [
        { sku: "IN-A", onHand: 1 },
        { sku: "IN-A", location: "default", onHand: 2 },
      ],
    });
    expect(duplicate.body.error.code).toBe("DUPLICATE_STOCK_LEVEL");
    const negative = await t.as.editor.post(`${base}/stock`, { levels: [{ sku: "IN-A", onHand: -1 }] });
    expect(negative.status).toBe(400);
    expect((await t.as.viewer.get(`${base}/stock?sku=IN-A`)).body.items[0].onHand).toBe(12);
  });

  it("adjusts on hand and never below zero, writing nothing on failure", async () => {
    const bad = await t.as.editor.post(`${base}/stock/adjustments`, {
      adjustments: [
        { sku: "IN-A", delta: -1 },
        { sku: "IN-B", delta: -8 },
      ],
    });
    expect(bad.status).toBe(409);
    expect(bad.body.error.code).toBe("NEGATIVE_STOCK");
    expect(bad.body.error.details).toMatchObject({ field: "adjustments.1.delta", onHand: 7 });
    expect((await t.as.viewer.get(`${base}/stock?sku=IN-A`)).body.items[0].onHand).toBe(12);

    const ok = await t.as.editor.post(`${base}/stock/adjustments`, {
      adjustments: [
        { sku: "IN-A", delta: -2 },
        { sku: "IN-A", delta: 1 },
      ],
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.items.map((i: any) => i.onHand)).toEqual([10, 11]);
  });

  it("explains a bundle's figure: limiting component and buffer", async () => {
    const response = await t.as.viewer.get(`${base}/channels/${channelId}/listings/${kitId}/availability`);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      listingId: kitId,
      channelSku: "SHOP-KIT",
      quantity: 2,
      buffer: 1,
      limitingSku: "IN-B",
    });
    expect(response.body.explanation).toBe(
      "limited by component IN-B: 7 available / 2 per kit = 3, minus buffer 1 = 2",
    );
    const b = response.body.components.find((c: any) => c.sku === "IN-B");
    expect(b).toEqual({
      sku: "IN-B",
      variantId: variants["IN-B"],
      quantityPerUnit: 2,
      available: 7,
      canMake: 3,
      locations: [{ location: "default", onHand: 7, reserved: 0 }],
    });
    const single = await t.as.viewer.get(`${base}/channels/${channelId}/listings/${singleId}/availability`);
    expect(single.body.quantity).toBe(8);
    expect(single.body.explanation).toBe("variant IN-A: 9 available, minus buffer 1 = 8");
  });

  it("explains an unmapped listing as 0, and 404s an unknown one", async () => {
    const listingId = await makeListing(t, channelId, { channelSku: "LONELY", type: "single" });
    const response = await t.as.viewer.get(
      `${base}/channels/${channelId}/listings/${listingId}/availability`,
    );
    expect(response.body).toMatchObject({ quantity: 0, limitingSku: null, components: [] });
    expect(response.body.explanation).toContain("not mapped");
    const missing = await t.as.viewer.get(`${base}/channels/${channelId}/listings/nope/availability`);
    expect(missing.status).toBe(404);
  });

  it("sums only the locations assigned to the channel", async () => {
    const urlOf = `${base}/channels/${channelId}/locations`;
    expect((await t.as.viewer.get(urlOf)).body).toEqual({ locations: [] });
    const bad = await t.as.admin.put(urlOf, { locations: ["default", "nowhere"] });
    expect(bad.body.error).toMatchObject({ code: "LOCATION_NOT_FOUND", details: { field: "locations.1" } });
    const quantities = () => computeListingQuantities(t.database.db, { accountId: t.accountId, channelId });
    expect((await quantities()).get(singleId)).toBe(8);

    expect((await t.as.admin.put(urlOf, { locations: [warehouseId] })).body).toEqual({
      locations: [warehouseId],
    });
    const onlyWarehouse = await quantities();
    expect(onlyWarehouse.get(singleId)).toBe(0);
    expect([...onlyWarehouse.values()].reduce((a, b) => a + b, 0)).toBe(4); // IN-C: 5 - buffer 1
    expect((await t.as.admin.put(urlOf, { locations: [] })).body).toEqual({ locations: [] });
  });

  it("previews quantities with overridden components without writing", async () => {
    const preview = await computeListingQuantities(t.database.db, {
      accountId: t.accountId,
      channelId,
      listingIds: [singleId],
      override: new Map([
        [kitId, [{ variantId: variants["IN-C"]!, quantity: 2 }]],
        ["gone", null],
      ]),
    });
    expect(Object.fromEntries(preview)).toEqual({ [singleId]: 8, [kitId]: 1, gone: 0 });
  });

  it("feeds every mapped listing, then only those whose quantity changed", async () => {
    const feedUrl = `${base}/channels/${channelId}/inventory-feed`;
    const full = await t.as.viewer.get(feedUrl);
    expect(full.status, full.text).toBe(200);
    expect(full.body.items.map((i: any) => [i.channelSku, i.quantity])).toEqual([
      ["SHOP-A", 8],
      ["SHOP-C", 4],
      ["SHOP-KIT", 2],
    ]);
    const cursor = full.body.cursor;
    expect((await t.as.viewer.get(`${feedUrl}?changedSince=${cursor}`)).body.items).toEqual([]);

    await t.as.editor.post(`${base}/stock`, { levels: [{ sku: "IN-B", onHand: 20 }] });
    const changed = await t.as.viewer.get(`${feedUrl}?changedSince=${cursor}`);
    expect(changed.body.items).toEqual([
      { listingId: kitId, channelSku: "SHOP-KIT", sellerId: expect.any(String), quantity: 8 },
    ]);
    expect(Number(changed.body.cursor)).toBeGreaterThan(Number(cursor));

    const csv = await t.as.viewer.get(`${feedUrl}?format=csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const sellerId = changed.body.items[0].sellerId;
    expect(csv.text).toBe(
      `channel_sku,seller_id,quantity\nSHOP-A,${sellerId},8\nSHOP-C,${sellerId},4\nSHOP-KIT,${sellerId},8\n`,
    );

    const bad = await t.as.viewer.get(`${feedUrl}?changedSince=abc`);
    expect(bad.body.error.code).toBe("INVALID_CURSOR");

    // a screen's worth (the console): the first items and how many there are
    const first = await t.as.viewer.get(`${feedUrl}?limit=2`);
    expect(first.body.items.map((i: any) => i.channelSku)).toEqual(["SHOP-A", "SHOP-C"]);
    expect(first.body.total).toBe(3);
    expect(full.body.total).toBe(3);
    // a sync reading changes must get them all: no limit with a cursor
    const both = await t.as.viewer.get(`${feedUrl}?limit=2&changedSince=${cursor}`);
    expect([both.status, both.body.error.code, both.body.error.details.field]).toEqual([
      400,
      "VALIDATION_FAILED",
      "limit",
    ]);
  });

  it("feeds a listing whose mapping was deleted once more, with quantity 0", async () => {
    const feedUrl = `${base}/channels/${channelId}/inventory-feed`;
    const cursor = (await t.as.viewer.get(feedUrl)).body.cursor;
    const list = await t.as.viewer.get(mappingsUrl(t, channelId, "?channelSku=SHOP-C"));
    const mapping = list.body.items.find((m: any) => m.channelSku === "SHOP-C");
    expect((await t.as.editor.delete(mappingsUrl(t, channelId, `/${mapping.id}`))).status).toBe(200);
    const changed = await t.as.viewer.get(`${feedUrl}?changedSince=${cursor}`);
    expect(changed.body.items.map((i: any) => [i.channelSku, i.quantity])).toEqual([["SHOP-C", 0]]);
    const full = await t.as.viewer.get(feedUrl);
    expect(full.body.items.map((i: any) => i.channelSku)).toEqual(["SHOP-A", "SHOP-KIT"]);
  });
});
