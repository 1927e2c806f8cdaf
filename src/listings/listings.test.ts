// Listings through the API, on SQLite and PostgreSQL: each type, parent rules, bad input,
// isolation between accounts and channels. Changes, deletion and the list: listings-changes.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";

describe.each(dialects)("listings on %s", (dialect) => {
  let t: TestApp;
  let url: string;
  let otherChannelUrl: string;

  async function count(): Promise<number> {
    const page = await t.as.viewer.get(`${url}?limit=500`);
    return page.body.items.length;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const channels = `/api/v1/accounts/${t.accountId}/channels`;
    const channel = await t.as.admin.post(channels, {
      name: "Amazon",
      kind: "sales",
      platform: "amazon",
      sellerId: "A1",
    });
    const other = await t.as.admin.post(channels, {
      name: "eBay",
      kind: "sales",
      platform: "ebay",
      sellerId: "A1",
    });
    url = `${channels}/${channel.body.id}/listings`;
    otherChannelUrl = `${channels}/${other.body.id}/listings`;
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates a single listing with every field and reads it back", async () => {
    const created = await t.as.editor.post(url, {
      channelSku: "  SINGLE-1 ",
      type: "single",
      title: "Mug",
      category: "Kitchen",
      barcode: "036000291452",
      externalId: "B000123",
      price: { amount: 1299, currency: "EUR" },
      quantity: 4,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      channelSku: "SINGLE-1",
      sellerId: "A1",
      type: "single",
      parentId: null,
      parentChannelSku: null,
      title: "Mug",
      category: "Kitchen",
      barcode: "036000291452",
      externalId: "B000123",
      price: { amount: 1299, currency: "EUR" },
      quantity: 4,
      status: "active",
      missingOnChannel: false,
      mapped: false,
    });
    const read = await t.as.viewer.get(`${url}/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it("keeps an invalid barcode as text but never as a GTIN", async () => {
    const created = await t.as.editor.post(url, {
      channelSku: "BAD-GTIN",
      type: "single",
      barcode: "036000291453",
    });
    expect(created.status).toBe(201);
    expect(created.body.barcode).toBe("036000291453");
    const row = await t.database.db
      .selectFrom("listings")
      .select(["barcode", "barcode_gtin"])
      .where("id", "=", created.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ barcode: "036000291453", barcode_gtin: null });
    const good = await t.database.db
      .selectFrom("listings")
      .select("barcode_gtin")
      .where("channel_sku", "=", "SINGLE-1")
      .executeTakeFirstOrThrow();
    expect(good.barcode_gtin).toBe("00036000291452");
  });

  it("creates a parent with two variations and a bundle", async () => {
    const parent = await t.as.editor.post(url, { channelSku: "SHIRT", type: "parent", title: "Shirt" });
    expect(parent.status).toBe(201);
    for (const sku of ["SHIRT-S", "SHIRT-M"]) {
      const variation = await t.as.editor.post(url, {
        channelSku: sku,
        type: "variation",
        parentChannelSku: "SHIRT",
      });
      expect(variation.status).toBe(201);
      expect(variation.body).toMatchObject({
        type: "variation",
        parentId: parent.body.id,
        parentChannelSku: "SHIRT",
      });
    }
    const bundle = await t.as.editor.post(url, { channelSku: "KIT-1", type: "bundle", title: "Gift kit" });
    expect(bundle.status).toBe(201);
    expect(bundle.body.type).toBe("bundle");

    const variations = await t.as.viewer.get(`${url}?type=variation`);
    expect(variations.body.items.map((l: { channelSku: string }) => l.channelSku)).toEqual([
      "SHIRT-M",
      "SHIRT-S",
    ]);
  });

  it("rejects a duplicate channel SKU with 409 and writes nothing", async () => {
    const before = await count();
    const duplicate = await t.as.editor.post(url, { channelSku: "SINGLE-1", type: "bundle", title: "Other" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({
      code: "LISTING_EXISTS",
      details: { field: "channelSku", value: "SINGLE-1" },
    });
    expect(await count()).toBe(before);
    // The same SKU for another seller of the channel is a different listing.
    const otherSeller = await t.as.editor.post(url, {
      channelSku: "SINGLE-1",
      sellerId: "B2",
      type: "single",
    });
    expect(otherSeller.status).toBe(201);
    expect(otherSeller.body.sellerId).toBe("B2");
  });

  it("enforces the parent rules", async () => {
    const before = await count();
    await t.as.editor.post(otherChannelUrl, { channelSku: "ELSEWHERE", type: "parent" });
    const inOtherChannel = await t.as.editor.post(url, {
      channelSku: "V-1",
      type: "variation",
      parentChannelSku: "ELSEWHERE",
    });
    expect(inOtherChannel.status).toBe(404);
    expect(inOtherChannel.body.error).toMatchObject({
      code: "PARENT_NOT_FOUND",
      details: { field: "parentChannelSku", value: "ELSEWHERE" },
    });
    const otherSeller = await t.as.editor.post(url, {
      channelSku: "V-1",
      sellerId: "B2",
      type: "variation",
      parentChannelSku: "SHIRT",
    });
    expect(otherSeller.status).toBe(404);

    const noParent = await t.as.editor.post(url, { channelSku: "V-1", type: "variation" });
    expect(noParent.status).toBe(400);
    expect(noParent.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "parentChannelSku" },
    });

    const notAParent = await t.as.editor.post(url, {
      channelSku: "V-1",
      type: "variation",
      parentChannelSku: "KIT-1",
    });
    expect(notAParent.status).toBe(422);
    expect(notAParent.body.error).toMatchObject({
      code: "INVALID_PARENT",
      details: { field: "parentChannelSku" },
    });

    const singleWithParent = await t.as.editor.post(url, {
      channelSku: "V-1",
      type: "single",
      parentChannelSku: "SHIRT",
    });
    expect(singleWithParent.status).toBe(400);
    expect(singleWithParent.body.error.details.field).toBe("parentChannelSku");
    expect(await count()).toBe(before);
  });

  it("rejects control characters, unknown fields and bad values, writing nothing", async () => {
    const before = await count();
    const control = await t.as.editor.post(url, { channelSku: "AB\u0000C", type: "single" });
    expect(control.status).toBe(400);
    expect(control.body.error).toMatchObject({ code: "INVALID_SKU", details: { field: "channelSku" } });
    const tab = await t.as.editor.post(url, { channelSku: "A\tB", type: "single" });
    expect(tab.body.error.code).toBe("INVALID_SKU");
    const empty = await t.as.editor.post(url, { channelSku: "   ", type: "single" });
    expect(empty.body.error).toMatchObject({ code: "INVALID_SKU", details: { field: "channelSku" } });
    const unknown = await t.as.editor.post(url, { channelSku: "X-1", type: "single", colour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("VALIDATION_FAILED");
    const badType = await t.as.editor.post(url, { channelSku: "X-1", type: "kit" });
    expect(badType.body.error.details[0].field).toBe("body.type");
    const badPrice = await t.as.editor.post(url, {
      channelSku: "X-1",
      type: "single",
      price: { amount: 1.5, currency: "EUR" },
    });
    expect(badPrice.body.error.details[0].field).toBe("body.price.amount");
    const badCurrency = await t.as.editor.post(url, {
      channelSku: "X-1",
      type: "single",
      price: { amount: 1, currency: "euro" },
    });
    expect(badCurrency.body.error.details[0].field).toBe("body.price.currency");
    const badQuantity = await t.as.editor.post(url, { channelSku: "X-1", type: "single", quantity: -1 });
    expect(badQuantity.body.error.details[0].field).toBe("body.quantity");
    expect(await count()).toBe(before);
  });

  it("answers 404 for another account's channel and listing", async () => {
    const theirs = await t.other.post(`/api/v1/accounts/${t.otherAccountId}/channels`, {
      name: "Theirs",
      kind: "sales",
      platform: "shopify",
    });
    const theirUrl = `/api/v1/accounts/${t.otherAccountId}/channels/${theirs.body.id}/listings`;
    const theirListing = await t.other.post(theirUrl, { channelSku: "T-1", type: "single" });
    expect(theirListing.status).toBe(201);

    const viaMyAccount = `/api/v1/accounts/${t.accountId}/channels/${theirs.body.id}/listings`;
    const create = await t.as.editor.post(viaMyAccount, { channelSku: "X", type: "single" });
    expect(create.status).toBe(404);
    expect(create.body.error.code).toBe("CHANNEL_NOT_FOUND");
    expect((await t.as.viewer.get(viaMyAccount)).status).toBe(404);
    const read = await t.as.viewer.get(`${url}/${theirListing.body.id}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe("LISTING_NOT_FOUND");
    expect((await t.as.editor.patch(`${url}/${theirListing.body.id}`, { title: "x" })).status).toBe(404);
    expect((await t.as.editor.delete(`${url}/${theirListing.body.id}`)).status).toBe(404);
    const still = await t.other.get(`${theirUrl}/${theirListing.body.id}`);
    expect(still.body.title).toBeNull();
  });
});
