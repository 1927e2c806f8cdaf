// familyLock and remap-family, the unmapped queue and coverage, through the API on both dialects.
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

describe.each(dialects)("family lock and coverage on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses a mapping into a partly mapped family and remaps the family as one operation", async () => {
    const channelId = await makeChannel(t, { familyLock: true });
    const shirt = await makeProduct(t, ["SH-S", "SH-M", "SH-L"]);
    await makeListing(t, channelId, { channelSku: "P-SH", type: "parent" });
    const listings: Record<string, string> = {};
    for (const size of ["S", "M", "L"]) {
      listings[size] = await makeListing(t, channelId, {
        channelSku: `V-SH-${size}`,
        type: "variation",
        parentChannelSku: "P-SH",
      });
    }
    const first = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "V-SH-S",
      components: [{ sku: "SH-S" }],
    });
    expect(first.status, first.text).toBe(201);
    const blocked = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "V-SH-M",
      components: [{ sku: "SH-M" }],
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("FAMILY_NOT_UNMAPPED");
    expect(blocked.body.error.details.blockers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "listing", channelSku: "V-SH-S" }),
        expect.objectContaining({ kind: "variant", sku: "SH-S", mappedBy: ["V-SH-S"] }),
      ]),
    );
    const family = await t.as.editor.post(mappingsUrl(t, channelId, "/remap-family"), {
      parentChannelSku: "P-SH",
      productId: shirt.productId,
      pairs: [
        { channelSku: "V-SH-S", sku: "SH-S" },
        { channelSku: "V-SH-M", sku: "SH-M" },
        { channelSku: "V-SH-L", sku: "SH-L" },
      ],
    });
    expect(family.status, family.text).toBe(200);
    expect(family.body).toMatchObject({ created: 2, unchanged: 1 });
    const table = await readMappingTable(t, channelId);
    expect(table[listings.M!]).toBe(`manual|${shirt.variants["SH-M"]}x1`);
    const undo = await t.as.editor.post(
      `/api/v1/accounts/${t.accountId}/operations/${family.body.operationId}/undo`,
    );
    expect(undo.status, undo.text).toBe(200);
    expect(Object.keys(await readMappingTable(t, channelId))).toEqual([listings.S]);
  });

  it("allows the same mappings without the lock", async () => {
    const channelId = await makeChannel(t);
    await makeProduct(t, ["FREE-S", "FREE-M"]);
    await makeListing(t, channelId, { channelSku: "P-FREE", type: "parent" });
    await makeListing(t, channelId, {
      channelSku: "V-FREE-S",
      type: "variation",
      parentChannelSku: "P-FREE",
    });
    await makeListing(t, channelId, {
      channelSku: "V-FREE-M",
      type: "variation",
      parentChannelSku: "P-FREE",
    });
    for (const size of ["S", "M"]) {
      const r = await t.as.editor.post(mappingsUrl(t, channelId), {
        channelSku: `V-FREE-${size}`,
        components: [{ sku: `FREE-${size}` }],
      });
      expect(r.status, r.text).toBe(201);
    }
  });

  it("counts coverage and lists the unmapped queue without parents", async () => {
    const channelId = await makeChannel(t);
    await makeProduct(t, ["COV-1", "COV-2"]);
    await makeListing(t, channelId, { channelSku: "C-P", type: "parent" });
    await makeListing(t, channelId, { channelSku: "C-V1", type: "variation", parentChannelSku: "C-P" });
    await makeListing(t, channelId, { channelSku: "C-S1", type: "single" });
    await makeListing(t, channelId, {
      channelSku: "C-S2",
      type: "single",
      barcode: "4006381333931",
      externalId: "B0TEST",
    });
    await t.as.editor.post(mappingsUrl(t, channelId), { channelSku: "C-S1", components: [{ sku: "COV-1" }] });
    await t.as.editor.post(mappingsUrl(t, channelId), { channelSku: "C-S3", components: [{ sku: "COV-1" }] });
    const coverage = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/channels/${channelId}/coverage`);
    expect(coverage.status, coverage.text).toBe(200);
    expect(coverage.body).toEqual({ total: 4, mapped: 2, unmapped: 2, withWarnings: 2, parents: 1 });
    const unmapped = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/channels/${channelId}/unmapped`);
    expect(unmapped.body.items.map((l: { channelSku: string }) => l.channelSku)).toEqual(["C-V1", "C-S2"]);
    expect(unmapped.body.total).toBe(2);
    expect(unmapped.body.items[1]).toMatchObject({ barcode: "4006381333931", externalId: "B0TEST" });
    const filtered = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/channels/${channelId}/unmapped?type=single`,
    );
    expect(filtered.body.items.map((l: { channelSku: string }) => l.channelSku)).toEqual(["C-S2"]);
    const counts = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/unmapped/counts`);
    expect(counts.body.items).toContainEqual({ channelId, unmapped: 2 });
  });
});
