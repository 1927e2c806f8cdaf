// Mapping routes through the API on SQLite and PostgreSQL: create (single, kit, variation),
// the bad inputs, remap, delete, delete all with undo, warnings and concurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import {
  makeChannel,
  makeListing,
  makeProduct,
  mappingsUrl,
  readMappingTable,
} from "./mapping-test-helpers.ts";

describe.each(dialects)("mappings on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let catalog: Record<string, string>;
  let productId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    channelId = await makeChannel(t);
    const p = await makeProduct(t, ["TEE-S", "TEE-M", "TEE-L"]);
    const q = await makeProduct(t, ["MUG", "LID", "BOX"]);
    catalog = { ...p.variants, ...q.variants };
    productId = p.productId;
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates a single mapping, making the listing, and reads it back", async () => {
    const created = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "AMZ-TEE-S",
      components: [{ sku: "TEE-S" }],
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.operationId).toBeTruthy();
    const m = created.body.mapping;
    expect(m).toMatchObject({ channelSku: "AMZ-TEE-S", listingType: "single", origin: "manual" });
    expect(m.components).toEqual([
      { variantId: catalog["TEE-S"], sku: "TEE-S", name: null, quantity: 1, archived: false },
    ]);
    const read = await t.as.viewer.get(mappingsUrl(t, channelId, `/${m.id}`));
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(m.id);
    const list = await t.as.viewer.get(mappingsUrl(t, channelId, "?channelSku=AMZ-TEE-S"));
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([m.id]);
  });

  it("creates a kit with quantities as a bundle listing, by variant id and product", async () => {
    const created = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "KIT-1",
      components: [{ sku: "MUG", quantity: 2 }, { variantId: catalog.LID, quantity: 3 }, { productId }],
      origin: "import",
    });
    expect(created.status, created.text).toBe(201);
    const m = created.body.mapping;
    expect(m.listingType).toBe("bundle");
    expect(m.origin).toBe("import");
    const bySku = Object.fromEntries(
      m.components.map((c: { sku: string; quantity: number }) => [c.sku, c.quantity]),
    );
    expect(bySku).toEqual({ MUG: 2, LID: 3, "TEE-S": 1 });
    const unknown = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "KIT-2",
      components: [{ sku: "MUG" }, { productId: "not-a-product" }],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: "PRODUCT_NOT_FOUND",
      message: "components.1.productId: no product not-a-product in this account.",
      details: { field: "components.1.productId" },
    });
  });

  it("maps a variation and refuses its parent", async () => {
    await makeListing(t, channelId, { channelSku: "PARENT-1", type: "parent" });
    await makeListing(t, channelId, { channelSku: "VAR-M", type: "variation", parentChannelSku: "PARENT-1" });
    const ok = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "VAR-M",
      components: [{ sku: "TEE-M" }],
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.mapping.listingType).toBe("variation");
    const parent = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "PARENT-1",
      components: [{ sku: "TEE-L" }],
    });
    expect(parent.status).toBe(422);
    expect(parent.body.error.code).toBe("PARENT_NOT_MAPPABLE");
  });

  it("answers 409 MAPPING_EXISTS for a listing already mapped", async () => {
    const again = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "AMZ-TEE-S",
      components: [{ sku: "TEE-M" }],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("MAPPING_EXISTS");
  });

  it("rejects bad input with the field named and writes nothing", async () => {
    const before = await readMappingTable(t, channelId);
    const dup = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "BAD-1",
      components: [{ sku: "MUG" }, { variantId: catalog.MUG, quantity: 2 }],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: { field: "components.1" } });
    for (const quantity of [0, -1, 1.5]) {
      const bad = await t.as.editor.post(mappingsUrl(t, channelId), {
        channelSku: "BAD-2",
        components: [{ sku: "MUG", quantity }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        code: "INVALID_QUANTITY",
        details: { field: "components.0.quantity", value: quantity },
      });
    }
    const foreign = await makeProduct(t, ["FOREIGN-1"], t.other, t.otherAccountId);
    const cross = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "BAD-3",
      components: [{ variantId: foreign.variants["FOREIGN-1"] }],
    });
    expect(cross.status).toBe(404);
    expect(cross.body.error.code).toBe("VARIANT_NOT_FOUND");
    const crossSku = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "BAD-3",
      components: [{ sku: "FOREIGN-1" }],
    });
    expect(crossSku.body.error).toMatchObject({
      code: "VARIANT_NOT_FOUND",
      details: { field: "components.0.sku" },
    });
    expect(await readMappingTable(t, channelId)).toEqual(before);
    const listings = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/channels/${channelId}/listings?limit=500`,
    );
    const skus = listings.body.items.map((l: { channelSku: string }) => l.channelSku);
    expect(skus).not.toContain("BAD-1");
    expect(skus).not.toContain("BAD-3");
  });

  it("remaps in one step and deletes one mapping, each an operation", async () => {
    const created = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "RM-1",
      components: [{ sku: "BOX" }],
    });
    const id = created.body.mapping.id;
    const remapped = await t.as.editor.put(mappingsUrl(t, channelId, `/${id}`), {
      components: [{ sku: "LID", quantity: 2 }],
    });
    expect(remapped.status, remapped.text).toBe(200);
    expect(remapped.body.mapping.components.map((c: { sku: string }) => c.sku)).toEqual(["LID"]);
    expect(remapped.body.operationId).not.toBe(created.body.operationId);
    const deleted = await t.as.editor.delete(mappingsUrl(t, channelId, `/${id}`));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ deleted: 1 });
    expect((await t.as.viewer.get(mappingsUrl(t, channelId, `/${id}`))).status).toBe(404);
    const history = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/operations?channelId=${channelId}&limit=3`,
    );
    expect(history.body.items.map((o: { kind: string }) => o.kind)).toEqual(["delete", "remap", "create"]);
    expect(history.body.items[0].counts).toMatchObject({ deleted: 1 });
  });

  it("warns about duplicate targets and archived variants, and filters by warning", async () => {
    await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "DUP-A",
      components: [{ sku: "TEE-L" }],
    });
    await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "DUP-B",
      components: [{ sku: "TEE-L" }],
    });
    const dup = await t.as.viewer.get(mappingsUrl(t, channelId, "?warning=DUPLICATE_TARGET"));
    expect(dup.body.items.map((m: { channelSku: string }) => m.channelSku).sort()).toEqual([
      "DUP-A",
      "DUP-B",
    ]);
    const archived = await makeProduct(t, ["OLD-1"]);
    const patch = await t.as.editor.patch(
      `/api/v1/accounts/${t.accountId}/variants/${archived.variants["OLD-1"]}`,
      {
        archived: true,
      },
    );
    expect(patch.status, patch.text).toBe(200);
    const created = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "ARCH-1",
      components: [{ sku: "OLD-1" }],
    });
    expect(created.status).toBe(201);
    expect(created.body.mapping.warnings.map((w: { code: string }) => w.code)).toContain("ARCHIVED_VARIANT");
    expect(created.body.mapping.components[0].archived).toBe(true);
    const list = await t.as.viewer.get(mappingsUrl(t, channelId, "?warning=ARCHIVED_VARIANT"));
    expect(list.body.items.map((m: { channelSku: string }) => m.channelSku)).toEqual(["ARCH-1"]);
    const search = await t.as.viewer.get(mappingsUrl(t, channelId, "?q=OLD"));
    expect(search.body.items.map((m: { channelSku: string }) => m.channelSku)).toEqual(["ARCH-1"]);
  });

  it("deletes all as one operation, undoes it, and refuses a second undo", async () => {
    const before = await readMappingTable(t, channelId);
    expect(Object.keys(before).length).toBeGreaterThan(3);
    const refused = await t.as.editor.delete(mappingsUrl(t, channelId, "?confirm=yes"));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("CONFIRMATION_REQUIRED");
    const all = await t.as.editor.delete(mappingsUrl(t, channelId, "?confirm=delete-all"));
    expect(all.status, all.text).toBe(200);
    expect(all.body.deleted).toBe(Object.keys(before).length);
    expect(await readMappingTable(t, channelId)).toEqual({});
    const undo = await t.as.editor.post(
      `/api/v1/accounts/${t.accountId}/operations/${all.body.operationId}/undo`,
    );
    expect(undo.status, undo.text).toBe(200);
    expect(undo.body.created).toBe(Object.keys(before).length);
    expect(await readMappingTable(t, channelId)).toEqual(before);
    const again = await t.as.editor.post(
      `/api/v1/accounts/${t.accountId}/operations/${all.body.operationId}/undo`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_UNDONE");
    const op = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/operations/${all.body.operationId}?limit=2`,
    );
    expect(op.body.undoneAt).toBeTruthy();
    expect(op.body.entries).toHaveLength(2);
    expect(op.body.nextCursor).toBeTruthy();
  });

  it("refuses an undo when a newer change touched the listing, naming it", async () => {
    const created = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "UC-1",
      components: [{ sku: "MUG" }],
    });
    const remap = await t.as.editor.put(mappingsUrl(t, channelId, `/${created.body.mapping.id}`), {
      components: [{ sku: "BOX" }],
    });
    expect(remap.status).toBe(200);
    const undo = await t.as.editor.post(
      `/api/v1/accounts/${t.accountId}/operations/${created.body.operationId}/undo`,
    );
    expect(undo.status).toBe(409);
    expect(undo.body.error.code).toBe("UNDO_CONFLICT");
    expect(undo.body.error.details).toEqual([
      expect.objectContaining({
        channelSku: "UC-1",
        changedBy: expect.objectContaining({ operationId: remap.body.operationId, kind: "remap" }),
      }),
    ]);
  });

  it("lets exactly one of 50 concurrent creates of one channel SKU win", async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.as.editor.post(mappingsUrl(t, channelId), { channelSku: "RACE-1", components: [{ sku: "LID" }] }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of responses.filter((x) => x.status === 409))
      expect(r.body.error.code).toBe("MAPPING_EXISTS");
  });
});
