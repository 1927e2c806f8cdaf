/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// The mapping index cache on SQLite and PostgreSQL: rebuilt when the channel's mapping version
// changes, and never shared when built inside a transaction that is then rolled back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { getMappingIndex, indexKey } from "./mapping-index.ts";
import { makeChannel, makeProduct, mappingsUrl } from "./mapping-test-helpers.ts";
import { writeMappings } from "./write-mappings.ts";

describe.each(dialects)("mapping index on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let listingId: string;
  let variants: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    channelId = await makeChannel(t);
    variants = (await makeProduct(t, ["IX-A", "IX-B", "IX-C"])).variants;
    const created = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "IX-1",
      components: [{ sku: "IX-A", quantity: 1 }],
    });
    expect(created.status, created.text).toBe(201);
    listingId = created.body.mapping.listingId;
  });
  afterAll(async () => {
    await t.close();
  });

  const componentsOf = async () => {
    const index = await getMappingIndex(t.database.db, { accountId: t.accountId, channelId });
    const entry = index.entries.get(indexKey(index.sellerId, "IX-1"));
    return entry?.components.map((c) => `${c.sku}x${c.quantity}`);
  };

  const remap = (db: typeof t.database.db, sku: string) =>
    writeMappings(db, {
      accountId: t.accountId,
      channelId,
      actorUserId: null,
      origin: "manual",
      kind: "remap",
      summary: `remap to ${sku}`,
      changes: [{ listingId, components: [{ variantId: variants[sku]!, quantity: 2 }] }],
    });

  it("keeps the same index while the version is unchanged", async () => {
    const first = await getMappingIndex(t.database.db, { accountId: t.accountId, channelId });
    const second = await getMappingIndex(t.database.db, { accountId: t.accountId, channelId });
    expect(second).toBe(first);
  });

  it("never serves a change that was rolled back, even once its version number is reused", async () => {
    expect(await componentsOf()).toEqual(["IX-Ax1"]);
    const rollback = new Error("roll back");
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await remap(trx, "IX-B");
        const inside = await getMappingIndex(trx, { accountId: t.accountId, channelId });
        expect(inside.entries.get(indexKey(inside.sellerId, "IX-1"))?.components[0]?.sku).toBe("IX-B");
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await componentsOf()).toEqual(["IX-Ax1"]);
    await t.database.db.transaction().execute((trx) => remap(trx, "IX-C"));
    expect(await componentsOf()).toEqual(["IX-Cx2"]);
  });
});
