// Listings through the API, on SQLite and PostgreSQL: each type, parent rules, bad input,
// isolation between accounts and channels, pagination and filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";

describe.each(dialects)("listings on %s", (dialect) => {
  let t: TestApp;
  let channelUrl: string;
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
    channelUrl = `${channels}/${channel.body.id}`;
    url = `${channelUrl}/listings`;
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

  it("patches data and type, and guards a parent with variations", async () => {
    const single = await t.as.editor.post(url, {
      channelSku: "PATCH-1",
      type: "single",
      barcode: "4006381333931",
    });
    const patched = await t.as.editor.patch(`${url}/${single.body.id}`, {
      title: "New title",
      status: "inactive",
      price: { amount: 500, currency: "GBP" },
      barcode: null,
      type: "bundle",
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: "New title",
      status: "inactive",
      price: { amount: 500, currency: "GBP" },
      barcode: null,
      type: "bundle",
      channelSku: "PATCH-1",
    });

    const parent = (await t.as.viewer.get(`${url}?q=SHIRT&type=parent`)).body.items[0];
    const toSingle = await t.as.editor.patch(`${url}/${parent.id}`, { type: "single" });
    expect(toSingle.status).toBe(409);
    expect(toSingle.body.error.code).toBe("LISTING_HAS_CHILDREN");
    const toVariation = await t.as.editor.patch(`${url}/${single.body.id}`, { type: "variation" });
    expect(toVariation.status).toBe(400);
    expect(toVariation.body.error.details.field).toBe("type");
    const unknown = await t.as.editor.patch(`${url}/${single.body.id}`, { channelSku: "RENAMED" });
    expect(unknown.status).toBe(400);
    const viewer = await t.as.viewer.patch(`${url}/${single.body.id}`, { title: "x" });
    expect(viewer.status).toBe(403);
  });

  it("deletes listings, but not a parent that has variations", async () => {
    const parent = await t.as.editor.post(url, { channelSku: "DEL-P", type: "parent" });
    const child = await t.as.editor.post(url, {
      channelSku: "DEL-C",
      type: "variation",
      parentChannelSku: "DEL-P",
    });
    const refused = await t.as.editor.delete(`${url}/${parent.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("LISTING_HAS_CHILDREN");
    expect((await t.as.editor.delete(`${url}/${child.body.id}`)).status).toBe(204);
    expect((await t.as.editor.delete(`${url}/${parent.body.id}`)).status).toBe(204);
    expect((await t.as.viewer.get(`${url}/${parent.body.id}`)).status).toBe(404);
  });

  it("paginates in channel SKU order and filters by prefix, type, status and mapped", async () => {
    for (let i = 0; i < 7; i += 1) {
      await t.as.editor.post(url, {
        channelSku: `PAGE-${i}`,
        type: "single",
        status: i % 2 ? "inactive" : "active",
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : "";
      const page = await t.as.viewer.get(`${url}?q=PAGE-&limit=3${suffix}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((l: { channelSku: string }) => l.channelSku));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["PAGE-0", "PAGE-1", "PAGE-2", "PAGE-3", "PAGE-4", "PAGE-5", "PAGE-6"]);

    const inactive = await t.as.viewer.get(`${url}?q=PAGE-&status=inactive`);
    expect(inactive.body.items.map((l: { channelSku: string }) => l.channelSku)).toEqual([
      "PAGE-1",
      "PAGE-3",
      "PAGE-5",
    ]);
    const prefixIsCaseExact = await t.as.viewer.get(`${url}?q=page-`);
    expect(prefixIsCaseExact.body.items).toEqual([]);
    const bySeller = await t.as.viewer.get(`${url}?sellerId=B2`);
    expect(bySeller.body.items.map((l: { channelSku: string }) => l.channelSku)).toEqual(["SINGLE-1"]);

    // Map one listing directly (the mappings area owns the API for it) to see the mapped filter.
    const target = (await t.as.viewer.get(`${url}?q=PAGE-0`)).body.items[0];
    const now = new Date().toISOString();
    await t.database.db
      .insertInto("mappings")
      .values({
        account_id: t.accountId,
        id: "00000000-0000-7000-8000-00000000aaaa",
        channel_id: target.channelId,
        listing_id: target.id,
        origin: "manual",
        created_by: null,
        created_at: now,
        updated_by: null,
        updated_at: now,
      })
      .execute();
    const mapped = await t.as.viewer.get(`${url}?mapped=true`);
    expect(mapped.body.items.map((l: { id: string }) => l.id)).toEqual([target.id]);
    expect(mapped.body.items[0].mapped).toBe(true);
    const unmapped = await t.as.viewer.get(`${url}?q=PAGE-&mapped=false`);
    expect(unmapped.body.items).toHaveLength(6);
    const badFilter = await t.as.viewer.get(`${url}?mapped=maybe`);
    expect(badFilter.status).toBe(400);
    const badCursor = await t.as.viewer.get(`${url}?cursor=%%%`);
    expect(badCursor.status).toBe(400);
  });

  it("deletes a channel with its listings and mappings", async () => {
    const channels = `/api/v1/accounts/${t.accountId}/channels`;
    const channel = await t.as.admin.post(channels, { name: "Temp", kind: "sales", platform: "generic" });
    const listingsUrl = `${channels}/${channel.body.id}/listings`;
    const listing = await t.as.editor.post(listingsUrl, { channelSku: "TEMP-1", type: "single" });
    const now = new Date().toISOString();
    await t.database.db
      .insertInto("mappings")
      .values({
        account_id: t.accountId,
        id: "00000000-0000-7000-8000-00000000bbbb",
        channel_id: channel.body.id,
        listing_id: listing.body.id,
        origin: "manual",
        created_by: null,
        created_at: now,
        updated_by: null,
        updated_at: now,
      })
      .execute();
    const product = await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, {
      name: "Temp product",
      sku: "TEMP-VARIANT",
    });
    expect(product.status).toBe(201);
    await t.database.db
      .insertInto("mapping_components")
      .values({
        account_id: t.accountId,
        mapping_id: "00000000-0000-7000-8000-00000000bbbb",
        variant_id: product.body.variants[0].id,
        quantity: 2,
      })
      .execute();
    await t.database.db
      .insertInto("channel_locations")
      .values({ account_id: t.accountId, channel_id: channel.body.id, location: "temp-warehouse" })
      .execute();
    expect((await t.as.admin.delete(`${channels}/${channel.body.id}`)).status).toBe(204);
    const components = await t.database.db
      .selectFrom("mapping_components")
      .select("variant_id")
      .where("mapping_id", "=", "00000000-0000-7000-8000-00000000bbbb")
      .execute();
    expect(components).toEqual([]);
    const locations = await t.database.db
      .selectFrom("channel_locations")
      .select("location")
      .where("channel_id", "=", channel.body.id)
      .execute();
    expect(locations).toEqual([]);
    // The variant itself belongs to the catalog and stays.
    const variant = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/products/${product.body.id}`);
    expect(variant.status).toBe(200);
    const left = await t.database.db
      .selectFrom("listings")
      .select("id")
      .where("channel_id", "=", channel.body.id)
      .execute();
    expect(left).toEqual([]);
    const mappings = await t.database.db
      .selectFrom("mappings")
      .select("id")
      .where("channel_id", "=", channel.body.id)
      .execute();
    expect(mappings).toEqual([]);
  });
});
