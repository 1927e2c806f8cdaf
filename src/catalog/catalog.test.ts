// Products and variants through the API, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { getMappingVersion } from "../channels/channel-version.ts";
import { createChannel } from "../channels/create-channel.ts";

describe.each(dialects)("catalog API on %s", (dialect) => {
  let t: TestApp;
  let products: string;
  let variants: string;
  const countRows = async (table: "products" | "variants") =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("account_id", "=", t.accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    products = `/api/v1/accounts/${t.accountId}/products`;
    variants = `/api/v1/accounts/${t.accountId}/variants`;
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates a product from a sku alone with a default variant named like the product", async () => {
    const res = await t.as.editor.post(products, { name: "Plain Mug", sku: "  MUG-1  " });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("Plain Mug");
    expect(res.body.variants).toHaveLength(1);
    expect(res.body.variants[0]).toMatchObject({
      sku: "MUG-1",
      name: "Plain Mug",
      isDefault: true,
      archived: false,
    });
    const read = await t.as.viewer.get(`${products}/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it("creates a product with variants, options, barcode, dimensions and prices", async () => {
    const res = await t.as.editor.post(products, {
      name: "Tee",
      category: "Shirts",
      variants: [
        {
          sku: "TEE-RED-L",
          barcode: "'036000291452",
          options: { color: "Red", size: "L" },
          lengthMm: 300,
          widthMm: 200,
          heightMm: 10,
          weightG: 180,
          costPrice: { amount: 450, currency: "EUR" },
          price: { amount: 1999, currency: "EUR" },
        },
        { sku: "TEE-BLUE-L", name: "Tee blue L", options: { color: "Blue", size: "L" } },
      ],
    });
    expect(res.status).toBe(201);
    const [first, second] = res.body.variants;
    expect(first).toMatchObject({
      sku: "TEE-RED-L",
      barcode: "036000291452",
      gtin: "00036000291452",
      name: null,
      options: { color: "Red", size: "L" },
      lengthMm: 300,
      weightG: 180,
      costPrice: { amount: 450, currency: "EUR" },
      price: { amount: 1999, currency: "EUR" },
      isDefault: true,
    });
    expect(second).toMatchObject({
      sku: "TEE-BLUE-L",
      name: "Tee blue L",
      isDefault: false,
      costPrice: null,
    });
  });

  it("needs a sku or variants, and not both", async () => {
    const none = await t.as.editor.post(products, { name: "Nothing" });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: { field: "sku" } });
    const both = await t.as.editor.post(products, { name: "Both", sku: "B-1", variants: [{ sku: "B-2" }] });
    expect(both.status).toBe(400);
  });

  it("rejects duplicate SKUs in the body or in the account with 409 and writes nothing", async () => {
    const before = [await countRows("products"), await countRows("variants")];
    const inBody = await t.as.editor.post(products, {
      name: "Dup",
      variants: [{ sku: "DUP-1" }, { sku: " DUP-1" }],
    });
    expect(inBody.status).toBe(409);
    expect(inBody.body.error).toMatchObject({
      code: "SKU_CONFLICT",
      message: 'SKU "DUP-1" is given twice in this request.',
      details: { field: "variants.1.sku", value: "DUP-1" },
    });
    const inAccount = await t.as.editor.post(products, {
      name: "Dup",
      variants: [{ sku: "NEW-1" }, { sku: "MUG-1" }],
    });
    expect(inAccount.status).toBe(409);
    expect(inAccount.body.error.details).toEqual({ field: "variants.1.sku", value: "MUG-1" });
    expect(inAccount.body.error.message).toBe(
      'SKU "MUG-1" is already the SKU of another variant in this account.',
    );
    const single = await t.as.editor.post(products, { name: "Dup", sku: "MUG-1" });
    expect(single.status).toBe(409);
    expect([await countRows("products"), await countRows("variants")]).toEqual(before);
  });

  it("keeps SKUs case-sensitive: another case is another SKU", async () => {
    const res = await t.as.editor.post(products, { name: "Lower mug", sku: "mug-1" });
    expect(res.status).toBe(201);
  });

  it("rejects an invalid GTIN naming the field, and writes nothing", async () => {
    const before = await countRows("variants");
    const res = await t.as.editor.post(products, {
      name: "Bad barcode",
      variants: [
        { sku: "BB-1", barcode: "4006381333931" },
        { sku: "BB-2", barcode: "4006381333932" },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "INVALID_BARCODE",
      details: { field: "variants.1.barcode", value: "4006381333932" },
    });
    const sci = await t.as.editor.post(products, {
      name: "Sci",
      variants: [{ sku: "SCI", barcode: "3.65275E+11" }],
    });
    expect(sci.body.error.details.reason).toContain("scientific notation");
    expect(await countRows("variants")).toBe(before);
  });

  it("rejects a control character in a SKU", async () => {
    const res = await t.as.editor.post(products, { name: "Tab", variants: [{ sku: "A\tB" }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_SKU", details: { field: "variants.0.sku" } });
    const single = await t.as.editor.post(products, { name: "NUL", sku: "X\u0000" });
    expect(single.body.error).toMatchObject({ code: "INVALID_SKU", details: { field: "sku" } });
  });

  it("rejects unknown fields in product and variant bodies", async () => {
    const top = await t.as.editor.post(products, { name: "U", sku: "U-1", colour: "red" });
    expect(top.status).toBe(400);
    expect(top.body.error.code).toBe("VALIDATION_FAILED");
    const nested = await t.as.editor.post(products, { name: "U", variants: [{ sku: "U-1", ean: "1" }] });
    expect(nested.status).toBe(400);
    const money = await t.as.editor.post(products, {
      name: "U",
      variants: [{ sku: "U-1", costPrice: { amount: 1.5, currency: "EUR" } }],
    });
    expect(money.status).toBe(400);
    expect(money.body.error.details[0].field).toContain("costPrice.amount");
  });

  it("adds a variant, updates it, clears its barcode and archives it", async () => {
    const product = (await t.as.editor.post(products, { name: "Cap", sku: "CAP-1" })).body;
    const added = await t.as.editor.post(`${products}/${product.id}/variants`, {
      sku: "CAP-2",
      barcode: "96385074",
      options: { color: "Black" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ productId: product.id, gtin: "00000096385074", isDefault: false });
    const url = `${variants}/${added.body.id}`;
    const patched = await t.as.editor.patch(url, {
      sku: "CAP-2B",
      barcode: null,
      weightG: 50,
      price: { amount: 900, currency: "USD" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      sku: "CAP-2B",
      barcode: null,
      gtin: null,
      weightG: 50,
      options: { color: "Black" },
    });
    const conflict = await t.as.editor.patch(url, { sku: "CAP-1" });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.details).toEqual({ field: "sku", value: "CAP-1" });
    const archived = await t.as.editor.patch(url, { archived: true });
    expect(archived.body.archived).toBe(true);
    expect((await t.as.viewer.get(url)).body.archived).toBe(true);
    const full = (await t.as.viewer.get(`${products}/${product.id}`)).body;
    expect(full.variants.map((v: { sku: string }) => v.sku)).toEqual(["CAP-1", "CAP-2B"]);
  });

  it("renames a product", async () => {
    const product = (await t.as.editor.post(products, { name: "Old", sku: "REN-1" })).body;
    const res = await t.as.editor.patch(`${products}/${product.id}`, { name: "New", category: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "New", category: null });
  });

  it("answers 404 for another account's product and variant", async () => {
    const foreign = await t.other.post(`/api/v1/accounts/${t.otherAccountId}/products`, {
      name: "Theirs",
      sku: "THEIRS",
    });
    expect(foreign.status).toBe(201);
    const productId = foreign.body.id;
    const variantId = foreign.body.variants[0].id;
    expect((await t.as.owner.get(`${products}/${productId}`)).body.error.code).toBe("PRODUCT_NOT_FOUND");
    expect((await t.as.owner.patch(`${products}/${productId}`, { name: "x" })).status).toBe(404);
    expect((await t.as.owner.delete(`${products}/${productId}`)).status).toBe(404);
    expect((await t.as.owner.post(`${products}/${productId}/variants`, { sku: "Z" })).status).toBe(404);
    expect((await t.as.owner.get(`${variants}/${variantId}`)).body.error.code).toBe("VARIANT_NOT_FOUND");
    expect((await t.as.owner.patch(`${variants}/${variantId}`, { sku: "MINE" })).status).toBe(404);
    // the same SKU is free in this account: uniqueness is per account
    expect((await t.as.editor.post(products, { name: "Mine", sku: "THEIRS" })).status).toBe(201);
  });

  it("paginates products with cursors", async () => {
    for (let i = 0; i < 5; i += 1) await t.as.editor.post(products, { name: `Page ${i}`, sku: `PAGE-${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res = await t.as.viewer.get(`${products}?q=page-&limit=2${query}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((p: { name: string }) => p.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Page 0", "Page 1", "Page 2", "Page 3", "Page 4"]);
    expect((await t.as.viewer.get(`${products}?cursor=nonsense`)).status).toBe(400);
  });

  it("deletes a product with its variants, and refuses while a mapping uses a variant", async () => {
    const product = (
      await t.as.editor.post(products, { name: "Gone", variants: [{ sku: "GONE-1" }, { sku: "GONE-2" }] })
    ).body;
    const kept = (await t.as.editor.post(products, { name: "Mapped", sku: "MAPPED-1" })).body;
    await insertMapping(t, kept.variants[0].id);
    const refused = await t.as.editor.delete(`${products}/${kept.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "VARIANT_IN_USE", details: { sku: "MAPPED-1" } });
    expect((await t.as.viewer.get(`${products}/${kept.id}`)).status).toBe(200);
    const deleted = await t.as.editor.delete(`${products}/${product.id}`);
    expect(deleted.status).toBe(204);
    expect((await t.as.viewer.get(`${products}/${product.id}`)).status).toBe(404);
    expect((await t.as.viewer.get(`${variants}/${product.variants[1].id}`)).status).toBe(404);
  });

  it("bumps every channel's mapping version when a SKU changes or a variant is archived", async () => {
    const channel = await createChannel(t.database.db, {
      accountId: t.accountId,
      channel: { name: "Shop", kind: "sales", platform: "shopify" },
    });
    const version = async () => getMappingVersion(t.database.db, t.accountId, channel.id);
    const variant = (await t.as.editor.post(products, { name: "Ver", sku: "VER-1" })).body.variants[0];
    const start = (await version()) ?? -1;
    await t.as.editor.patch(`${variants}/${variant.id}`, { name: "Only a name" });
    expect(await version()).toBe(start);
    await t.as.editor.patch(`${variants}/${variant.id}`, { sku: "VER-2" });
    expect(await version()).toBe(start + 1);
    await t.as.editor.patch(`${variants}/${variant.id}`, { archived: true });
    expect(await version()).toBe(start + 2);
  });
});

/** A mapping of a listing to one variant, written directly: the mappings area builds these. */
async function insertMapping(t: TestApp, variantId: string) {
  const db = t.database.db;
  const now = new Date().toISOString();
  const accountId = t.accountId;
  const channel = await createChannel(db, {
    accountId,
    channel: { name: "Amazon", kind: "sales", platform: "amazon" },
  });
  await db
    .insertInto("listings")
    .values({
      account_id: accountId,
      id: "l-del",
      channel_id: channel.id,
      seller_id: "",
      channel_sku: "AMZ-1",
      type: "single",
      parent_id: null,
      title: null,
      category: null,
      barcode: null,
      barcode_gtin: null,
      external_id: null,
      price_amount: null,
      price_currency: null,
      quantity: null,
      status: "active",
      missing_on_channel: 0,
      content_hash: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("mappings")
    .values({
      account_id: accountId,
      id: "m-del",
      channel_id: channel.id,
      listing_id: "l-del",
      origin: "manual",
      created_by: null,
      created_at: now,
      updated_by: null,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("mapping_components")
    .values({ account_id: accountId, mapping_id: "m-del", variant_id: variantId, quantity: 1 })
    .execute();
}
