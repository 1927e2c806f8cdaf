/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Master product source and product sync on SQLite and PostgreSQL: the setting's validation,
// dry run and confirmation, and the WooCommerce sample downloaded from the master channel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { downloadListings } from "../downloads/download-listings.ts";
import { syncProductsFromMaster } from "./sync-products.ts";
import { catalogCounts, makeChannel, readWooSample, settingUrl } from "./sync-test-helpers.ts";

describe.each(dialects)("master product source on %s", (dialect) => {
  let t: TestApp;
  let woo: string;
  let noImport: string;
  let disabled: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    woo = await makeChannel(t, { name: "Woo shop" });
    noImport = await makeChannel(t, { name: "Marketplace", canImportProducts: false });
    disabled = await makeChannel(t, { name: "Old shop", enabled: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers internal by default with the channels that can import products, disabled ones labelled", async () => {
    const got = await t.as.viewer.get(settingUrl(t));
    expect(got.status, got.text).toBe(200);
    expect(got.body.masterProductSource).toEqual({ source: "internal" });
    const labels = got.body.options.map((o: any) => o.label);
    expect(got.body.options[0]).toMatchObject({ source: "internal" });
    expect(got.body.options.map((o: any) => o.channelId).filter(Boolean)).toEqual([woo, disabled]);
    expect(labels).toContain("Old shop (disabled) (sales)");
  });

  it("refuses a channel that cannot import products, another account's channel, and non-admins", async () => {
    const cannot = await t.as.admin.put(settingUrl(t), { source: "channel", channelId: noImport });
    expect(cannot.status).toBe(422);
    expect(cannot.body.error).toMatchObject({
      code: "CHANNEL_CANNOT_IMPORT",
      details: { field: "channelId", value: noImport },
    });
    const otherChannel = await t.other.post(`/api/v1/accounts/${t.otherAccountId}/channels`, {
      name: "B shop",
      kind: "sales",
      platform: "shopify",
      canImportProducts: true,
    });
    const foreign = await t.as.admin.put(settingUrl(t), {
      source: "channel",
      channelId: otherChannel.body.id,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("CHANNEL_NOT_FOUND");
    const editor = await t.as.editor.put(settingUrl(t), { source: "internal" });
    expect(editor.status).toBe(403);
    expect((await t.as.viewer.get(settingUrl(t))).body.masterProductSource).toEqual({ source: "internal" });
  });

  it("lets a disabled channel be chosen, and syncs nothing from it", async () => {
    const saved = await t.as.admin.put(settingUrl(t), { source: "channel", channelId: disabled });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.masterProductSource).toEqual({ source: "channel", channelId: disabled });
    const read = await readWooSample();
    const result = await t.database.db.transaction().execute((trx) =>
      syncProductsFromMaster(trx, {
        accountId: t.accountId,
        channelId: disabled,
        listings: read.listings,
        actorUserId: null,
      }),
    );
    expect(result.skipped).toBe("master channel is disabled");
    expect((await catalogCounts(t)).products).toBe(0);
    const ops = await t.database.db
      .selectFrom("operations")
      .select(["kind", "actor_user_id"])
      .where("account_id", "=", t.accountId)
      .where("kind", "=", "settings.master-product-source")
      .execute();
    expect(ops.length).toBe(1);
  });

  it("syncs the WooCommerce sample once from the master's download, then only the changed title", async () => {
    expect((await t.as.admin.put(settingUrl(t), { source: "channel", channelId: woo })).status).toBe(200);
    const read = await readWooSample();
    const first = await downloadListings(t.database.db, {
      accountId: t.accountId,
      channelId: woo,
      actorUserId: null,
      mode: "all",
      read,
    });
    expect(first.productSync).toMatchObject({
      productsCreated: 16,
      variantsCreated: 21,
      variantsUpdated: 0,
      conflicts: [],
    });
    const counts = await catalogCounts(t);
    expect(counts).toMatchObject({ products: 16, variants: 21 });
    expect(new Set(counts.skus).size).toBe(21);
    // The master's own listings are mapped to the variants the sync made.
    expect(first.autoMappedBySku).toBe(21);

    const products = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/products?limit=100`);
    const hoodie = products.body.items.find((p: any) => p.name === "Hoodie");
    expect(hoodie.category).toBe("Clothing > Hoodies");
    expect(hoodie.variants.map((v: any) => v.sku).sort()).toEqual([
      "woo-hoodie-blue",
      "woo-hoodie-blue-logo",
      "woo-hoodie-green",
      "woo-hoodie-red",
    ]);
    expect(hoodie.variants.find((v: any) => v.sku === "woo-hoodie-red")).toMatchObject({
      options: { Color: "Red", Logo: "No" },
      price: { amount: 4200, currency: "USD" },
    });

    const again = await downloadListings(t.database.db, {
      accountId: t.accountId,
      channelId: woo,
      actorUserId: null,
      mode: "all",
      read: await readWooSample((csv) => csv.replace('"V-Neck T-Shirt - Red"', '"V-Neck Tee - Crimson"')),
    });
    expect(again.productSync).toMatchObject({
      productsCreated: 0,
      variantsCreated: 0,
      variantsUpdated: 1,
      unchanged: 20,
    });
    const red = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/variants?q=woo-vneck-tee-red`);
    expect(red.body.items[0].name).toBe("V-Neck Tee - Crimson");
    expect(await catalogCounts(t)).toMatchObject({ products: 16, variants: 21 });

    // the history shows the setting's change and the syncs with what each entry recorded
    const history = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/operations?limit=500`);
    const detailOf = async (kind: string) => {
      const operation = history.body.items.find((o: { kind: string }) => o.kind === kind);
      const detail = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/operations/${operation.id}`);
      expect(detail.status, detail.text).toBe(200);
      return detail.body.entries;
    };
    const [setting] = await detailOf("settings.master-product-source");
    expect(setting).toMatchObject({ entity: "setting", after: { source: "channel", channelId: woo } });
    const settingChange = history.body.items.find(
      (o: { kind: string }) => o.kind === "settings.master-product-source",
    );
    const undo = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/operations/${settingChange.id}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error).toMatchObject({
      code: "NOT_UNDOABLE",
      message: "Operations of kind settings.master-product-source cannot be undone.",
    });
    const synced = await detailOf("product_sync");
    expect(synced.length).toBeGreaterThan(0);
    expect(synced.every((e: { entity: string }) => ["product", "variant"].includes(e.entity))).toBe(true);
  });

  it("refuses a master download with conflicting rows and writes nothing", async () => {
    const before = await catalogCounts(t);
    const read = await readWooSample((csv) => {
      const beltRow = csv.split("\n").find((line) => line.startsWith("58,"));
      return `${csv.trimEnd()}\n${beltRow?.replace(",Belt,", ",Belt Deluxe,")}\n`;
    });
    const result = await t.database.db.transaction().execute((trx) =>
      syncProductsFromMaster(trx, {
        accountId: t.accountId,
        channelId: woo,
        listings: read.listings,
        readIssues: read.issues,
        actorUserId: null,
      }),
    );
    expect(result.conflicts).toEqual([expect.objectContaining({ channelSku: "woo-belt", rows: [7, 27] })]);
    expect(result.variantsUpdated).toBe(0);
    expect(await catalogCounts(t)).toEqual(before);
  });

  it("switching to internal and back creates no duplicate; the dry run shows SKU matches", async () => {
    const toInternal = await t.as.admin.put(settingUrl(t), { source: "internal" });
    expect(toInternal.status, toInternal.text).toBe(200);
    const dry = await t.as.admin.put(`${settingUrl(t)}?dryRun=true`, { source: "channel", channelId: woo });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.applied).toBe(false);
    expect(dry.body.dryRun.firstSync).toMatchObject({ productsCreated: 0, variantsCreated: 0 });
    expect(dry.body.dryRun.firstSync.duplicatesAvoided).toHaveLength(21);
    expect(dry.body.dryRun.firstSync.duplicatesAvoided[0]).toMatchObject({ matchedBy: "sku" });
    expect((await t.as.viewer.get(settingUrl(t))).body.masterProductSource).toEqual({ source: "internal" });

    const unconfirmed = await t.as.admin.put(settingUrl(t), { source: "channel", channelId: woo });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe("MASTER_CHANGE_UNCONFIRMED");
    expect(unconfirmed.body.error.details.dryRun.firstSync.duplicatesAvoided).toHaveLength(21);
    const confirmed = await t.as.admin.put(settingUrl(t), {
      source: "channel",
      channelId: woo,
      confirm: true,
    });
    expect(confirmed.status, confirmed.text).toBe(200);

    const synced = await t.as.admin.post(`${settingUrl(t)}/sync`);
    expect(synced.status, synced.text).toBe(200);
    expect(synced.body).toMatchObject({ productsCreated: 0, variantsCreated: 0 });
    expect(await catalogCounts(t)).toMatchObject({ products: 16, variants: 21 });
  });

  it("dry run on a fresh account with a master's stored listings counts what the first sync creates", async () => {
    const fresh = await createTestApp(dialect);
    try {
      const shop = await makeChannel(fresh, { name: "Fresh shop" });
      await downloadListings(fresh.database.db, {
        accountId: fresh.accountId,
        channelId: shop,
        actorUserId: null,
        mode: "all",
        read: await readWooSample(),
      });
      const dry = await fresh.as.admin.put(`${settingUrl(fresh)}?dryRun=true`, {
        source: "channel",
        channelId: shop,
      });
      expect(dry.body.dryRun.firstSync).toMatchObject({
        productsCreated: 16,
        variantsCreated: 21,
        variantsUpdated: 0,
      });
      // No products yet: saving needs no confirmation.
      const saved = await fresh.as.admin.put(settingUrl(fresh), { source: "channel", channelId: shop });
      expect(saved.status, saved.text).toBe(200);
      expect(saved.body.operationId).toBeTruthy();

      // "sync now" makes the products and maps the master's own listings to them, as a download would
      const coverage = `/api/v1/accounts/${fresh.accountId}/channels/${shop}/coverage`;
      const before = (await fresh.as.viewer.get(coverage)).body;
      const synced = await fresh.as.admin.post(`${settingUrl(fresh)}/sync`);
      expect(synced.status, synced.text).toBe(200);
      expect(synced.body).toMatchObject({ productsCreated: 16, variantsCreated: 21 });
      expect(synced.body.autoMapped).toMatchObject({ bySku: 21, byBarcode: 0 });
      expect(synced.body.autoMapped.operationId).toBeTruthy();
      const after = (await fresh.as.viewer.get(coverage)).body;
      expect(after.mapped).toBe(before.mapped + 21);
      expect(after.unmapped).toBe(before.unmapped - 21);
    } finally {
      await fresh.close();
    }
  });
});
