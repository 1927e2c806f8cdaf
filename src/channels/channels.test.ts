// Channels through the API, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";

describe.each(dialects)("channels on %s", (dialect) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/v1/accounts/${t.accountId}/channels`;
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates a sales and a fulfillment channel with defaults", async () => {
    const sales = await t.as.admin.post(base, { name: "Amazon UK", kind: "sales", platform: "amazon" });
    expect(sales.status).toBe(201);
    expect(sales.body).toMatchObject({
      name: "Amazon UK",
      displayName: "Amazon UK",
      kind: "sales",
      platform: "amazon",
      sellerId: "",
      enabled: true,
      canImportProducts: false,
      buffer: 0,
      familyLock: false,
      mappingVersion: 0,
      accountId: t.accountId,
    });
    const fulfillment = await t.as.admin.post(base, {
      name: "3PL",
      kind: "fulfillment",
      platform: "generic",
      sellerId: " S-1 ",
      canImportProducts: true,
      buffer: 3,
    });
    expect(fulfillment.status).toBe(201);
    expect(fulfillment.body).toMatchObject({
      kind: "fulfillment",
      sellerId: "S-1",
      buffer: 3,
      canImportProducts: true,
    });

    const read = await t.as.viewer.get(`${base}/${fulfillment.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(fulfillment.body);
  });

  it("disables a channel and shows it in the display name", async () => {
    const created = await t.as.admin.post(base, { name: "Shop", kind: "sales", platform: "shopify" });
    const patched = await t.as.admin.patch(`${base}/${created.body.id}`, { enabled: false, buffer: 2 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      enabled: false,
      displayName: "Shop (disabled)",
      buffer: 2,
      name: "Shop",
    });
    const enabledAgain = await t.as.admin.patch(`${base}/${created.body.id}`, { enabled: true });
    expect(enabledAgain.body.displayName).toBe("Shop");
  });

  it("rejects an invalid kind, platform, buffer and unknown fields, writing nothing", async () => {
    const before = await t.as.viewer.get(`${base}?limit=500`);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: "X", kind: "wholesale", platform: "amazon" }, "body.kind"],
      [{ name: "X", kind: "sales", platform: "myspace" }, "body.platform"],
      [{ name: "X", kind: "sales", platform: "ebay", buffer: -1 }, "body.buffer"],
      [{ name: "X", kind: "sales", platform: "ebay", buffer: 1.5 }, "body.buffer"],
      [{ name: "X", kind: "sales", platform: "ebay", colour: "red" }, "body"],
      [{ name: " ", kind: "sales", platform: "ebay" }, "body.name"],
    ];
    for (const [body, field] of cases) {
      const response = await t.as.admin.post(base, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      expect(response.body.error.details[0].field).toBe(field);
    }
    const control = await t.as.admin.post(base, {
      name: "X",
      kind: "sales",
      platform: "ebay",
      sellerId: "a\u0007b",
    });
    expect(control.status).toBe(400);
    expect(control.body.error).toMatchObject({ code: "INVALID_SKU", details: { field: "sellerId" } });
    const after = await t.as.viewer.get(`${base}?limit=500`);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("rejects unknown fields and bad values on PATCH", async () => {
    const created = await t.as.admin.post(base, { name: "Etsy", kind: "sales", platform: "etsy" });
    const unknown = await t.as.admin.patch(`${base}/${created.body.id}`, { mappingVersion: 9 });
    expect(unknown.status).toBe(400);
    const badBuffer = await t.as.admin.patch(`${base}/${created.body.id}`, { buffer: -5 });
    expect(badBuffer.status).toBe(400);
    expect(badBuffer.body.error.details[0].field).toBe("body.buffer");
    const read = await t.as.viewer.get(`${base}/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  it("paginates channels with a cursor", async () => {
    for (const name of ["P1", "P2", "P3"]) {
      await t.as.admin.post(base, { name, kind: "sales", platform: "magento" });
    }
    const all = await t.as.viewer.get(`${base}?limit=500`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await t.as.viewer.get(`${base}${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((c: { id: string }) => c.id));
    expect(seen.length).toBeGreaterThanOrEqual(3);
    const bad = await t.as.viewer.get(`${base}?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_CURSOR");
  });

  it("hides channels of another account and needs admin to write", async () => {
    const created = await t.as.admin.post(base, { name: "Mine", kind: "sales", platform: "ebay" });
    const other = await t.other.post(`/api/v1/accounts/${t.otherAccountId}/channels`, {
      name: "Theirs",
      kind: "sales",
      platform: "ebay",
    });
    expect(other.status).toBe(201);
    const cross = await t.as.viewer.get(`${base}/${other.body.id}`);
    expect(cross.status).toBe(404);
    expect(cross.body.error.code).toBe("CHANNEL_NOT_FOUND");
    const crossPatch = await t.as.admin.patch(`${base}/${other.body.id}`, { name: "Stolen" });
    expect(crossPatch.status).toBe(404);
    const crossDelete = await t.as.admin.delete(`${base}/${other.body.id}`);
    expect(crossDelete.status).toBe(404);
    const editor = await t.as.editor.patch(`${base}/${created.body.id}`, { name: "Nope" });
    expect(editor.status).toBe(403);
    const list = await t.as.viewer.get(`${base}?limit=500`);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(other.body.id);
  });

  it("deletes a channel", async () => {
    const created = await t.as.admin.post(base, { name: "Gone", kind: "sales", platform: "woocommerce" });
    const deleted = await t.as.admin.delete(`${base}/${created.body.id}`);
    expect(deleted.status).toBe(204);
    const read = await t.as.viewer.get(`${base}/${created.body.id}`);
    expect(read.status).toBe(404);
  });

  it("refuses to delete a fulfillment channel a sales channel sells from, and takes its stock along otherwise", async () => {
    const warehouse = await t.as.admin.post(base, {
      name: "3PL of the shop",
      kind: "fulfillment",
      platform: "generic",
    });
    const shop = await t.as.admin.post(base, { name: "Shop on 3PL", kind: "sales", platform: "generic" });
    const product = await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, {
      name: "Boxed",
      variants: [{ sku: "BOX-1" }],
    });
    expect(product.status, product.text).toBe(201);
    const stocked = await t.as.editor.post(`/api/v1/accounts/${t.accountId}/stock`, {
      levels: [
        { sku: "BOX-1", location: warehouse.body.id, onHand: 7 },
        { sku: "BOX-1", onHand: 2 },
      ],
    });
    expect(stocked.status, stocked.text).toBeLessThan(300);
    const assigned = await t.as.admin.put(`${base}/${shop.body.id}/locations`, {
      locations: [warehouse.body.id],
    });
    expect(assigned.status, assigned.text).toBe(200);

    const refused = await t.as.admin.delete(`${base}/${warehouse.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "CHANNEL_IN_USE",
      details: { channels: [{ id: shop.body.id, name: "Shop on 3PL" }] },
    });
    expect((await t.as.viewer.get(`${base}/${warehouse.body.id}`)).status).toBe(200);
    const madeSales = await t.as.admin.patch(`${base}/${warehouse.body.id}`, { kind: "sales" });
    expect(madeSales.status).toBe(409);
    expect(madeSales.body.error.code).toBe("CHANNEL_IN_USE");
    expect((await t.as.viewer.get(`${base}/${warehouse.body.id}`)).body.kind).toBe("fulfillment");

    await t.as.admin.put(`${base}/${shop.body.id}/locations`, { locations: [] });
    expect((await t.as.admin.delete(`${base}/${warehouse.body.id}`)).status).toBe(204);
    const stock = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/stock?sku=BOX-1`);
    expect(stock.body.items.map((level: { location: string }) => level.location)).toEqual(["default"]);
  });

  it("keeps the master product source able to import products", async () => {
    const master = await t.as.admin.post(base, {
      name: "Master",
      kind: "sales",
      platform: "woocommerce",
      canImportProducts: true,
    });
    const settings = `/api/v1/accounts/${t.accountId}/settings/master-product-source`;
    const chosen = await t.as.admin.put(settings, {
      source: "channel",
      channelId: master.body.id,
      confirm: true,
    });
    expect(chosen.status, chosen.text).toBe(200);
    const refused = await t.as.admin.patch(`${base}/${master.body.id}`, { canImportProducts: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "CHANNEL_IN_USE",
      details: { field: "canImportProducts" },
    });
    expect((await t.as.viewer.get(`${base}/${master.body.id}`)).body.canImportProducts).toBe(true);
    expect((await t.as.admin.put(settings, { source: "internal" })).status).toBe(200);
    const allowed = await t.as.admin.patch(`${base}/${master.body.id}`, { canImportProducts: false });
    expect(allowed.status, allowed.text).toBe(200);
  });

  it("refuses a second channel of one name in an account, whatever its case", async () => {
    const first = await t.as.admin.post(base, { name: "Amazon DE", kind: "sales", platform: "amazon" });
    expect(first.status, first.text).toBe(201);
    const again = await t.as.admin.post(base, { name: " amazon de ", kind: "sales", platform: "amazon" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "CHANNEL_NAME_TAKEN",
      message: 'This account already has a channel named "Amazon DE".',
      details: { field: "name", channelId: first.body.id },
    });
    const other = await t.as.admin.post(base, { name: "Amazon FR", kind: "sales", platform: "amazon" });
    expect((await t.as.admin.patch(`${base}/${other.body.id}`, { name: "AMAZON DE" })).status).toBe(409);
    // its own name, and another account's channels, are no clash
    expect((await t.as.admin.patch(`${base}/${first.body.id}`, { name: "Amazon DE" })).status).toBe(200);
    const elsewhere = await t.other.post(`/api/v1/accounts/${t.otherAccountId}/channels`, {
      name: "Amazon DE",
      kind: "sales",
      platform: "amazon",
    });
    expect(elsewhere.status, elsewhere.text).toBe(201);
  });
});
