// Listings through the API, on SQLite and PostgreSQL: changing and deleting them, deleting their
// channel, and the list's pagination and filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";

describe.each(dialects)("listing changes and lists on %s", (dialect) => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const channels = `/api/v1/accounts/${t.accountId}/channels`;
    const channel = await t.as.admin.post(channels, {
      name: "Amazon",
      kind: "sales",
      platform: "amazon",
      sellerId: "A1",
    });
    url = `${channels}/${channel.body.id}/listings`;
    await t.as.editor.post(url, { channelSku: "SHIRT", type: "parent" });
    await t.as.editor.post(url, { channelSku: "SHIRT-S", type: "variation", parentChannelSku: "SHIRT" });
    await t.as.editor.post(url, { channelSku: "SINGLE-1", sellerId: "B2", type: "single" });
  });
  afterAll(async () => {
    await t.close();
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

  it("keeps a mapped listing until its mapping is deleted through the mappings API", async () => {
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, { name: "Mug", sku: "MUG-DEL" });
    const mappingsUrl = url.replace(/listings$/, "mappings");
    const created = await t.as.editor.post(mappingsUrl, {
      channelSku: "DEL-MAPPED",
      components: [{ sku: "MUG-DEL" }],
    });
    expect(created.status).toBe(201);
    const listingId = created.body.mapping.listingId;
    const refused = await t.as.editor.delete(`${url}/${listingId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("LISTING_MAPPED");
    expect((await t.as.viewer.get(`${url}/${listingId}`)).status).toBe(200);
    expect((await t.as.editor.delete(`${mappingsUrl}/${created.body.mapping.id}`)).status).toBe(200);
    expect((await t.as.editor.delete(`${url}/${listingId}`)).status).toBe(204);
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
