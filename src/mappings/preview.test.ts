// Impact preview through the API on both dialects: quantities before/after, nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { makeChannel, makeProduct, mappingsUrl, readMappingTable } from "./mapping-test-helpers.ts";

describe.each(dialects)("impact preview on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    channelId = await makeChannel(t);
    await makeProduct(t, ["PV-A", "PV-B"]);
    const stock = await t.as.editor.post(`/api/v1/accounts/${t.accountId}/stock`, {
      levels: [
        { sku: "PV-A", onHand: 10 },
        { sku: "PV-B", onHand: 3 },
      ],
    });
    expect(stock.status, stock.text).toBeLessThan(300);
  });
  afterAll(async () => {
    await t.close();
  });

  it("previews create, remap, delete and delete all without writing", async () => {
    const create = await t.as.editor.post(mappingsUrl(t, channelId, "?preview=true"), {
      channelSku: "PV-KIT",
      components: [{ sku: "PV-A", quantity: 2 }],
    });
    expect(create.status, create.text).toBe(200);
    expect(create.body).toEqual({
      preview: true,
      changes: [{ listingId: "new", channelSku: "PV-KIT", quantityBefore: null, quantityAfter: 5 }],
      warnings: [],
    });
    expect(await readMappingTable(t, channelId)).toEqual({});

    const made = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "PV-KIT",
      components: [{ sku: "PV-A", quantity: 2 }],
    });
    const id = made.body.mapping.id;
    const remap = await t.as.editor.put(mappingsUrl(t, channelId, `/${id}?preview=true`), {
      components: [{ sku: "PV-A", quantity: 2 }, { sku: "PV-B" }],
    });
    expect(remap.body.changes).toEqual([
      expect.objectContaining({ channelSku: "PV-KIT", quantityBefore: 5, quantityAfter: 3 }),
    ]);
    const one = await t.as.editor.delete(mappingsUrl(t, channelId, `/${id}?preview=true`));
    expect(one.body.changes).toEqual([expect.objectContaining({ quantityBefore: 5, quantityAfter: null })]);
    const all = await t.as.editor.delete(mappingsUrl(t, channelId, "?preview=true"));
    expect(all.body.changes).toHaveLength(1);
    const table = await readMappingTable(t, channelId);
    expect(Object.values(table)).toHaveLength(1);
    expect(Object.values(table)[0]).toMatch(/x2$/);
  });

  it("warns before saving that a second listing would sell the same variant, and names the mapping to remap", async () => {
    const first = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "PV-ONE",
      components: [{ sku: "PV-B" }],
    });
    expect(first.status, first.text).toBe(201);
    const second = await t.as.editor.post(mappingsUrl(t, channelId, "?preview=true"), {
      channelSku: "PV-TWO",
      components: [{ sku: "PV-B" }],
    });
    expect(second.body.warnings).toEqual([
      {
        code: "DUPLICATE_TARGET",
        message: "Variant PV-B is also mapped by PV-ONE; the channel may oversell it.",
      },
    ]);
    const again = await t.as.editor.post(mappingsUrl(t, channelId, "?preview=true"), {
      channelSku: "PV-ONE",
      components: [{ sku: "PV-A" }],
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "MAPPING_EXISTS",
      details: { mappingId: first.body.mapping.id },
    });
  });
});
