// The catalog import's batched writes against the one-at-a-time use cases: updateVariants against
// updateVariant, addVariants against addVariant. The same changes to two identical catalogs must
// leave the same rows, across several 500-row chunks, on both dialects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { createChannel } from "../channels/create-channel.ts";
import { addVariant, addVariants } from "./add-variant.ts";
import { createProducts } from "./create-product.ts";
import type { UpdateVariantBody } from "./schemas.ts";
import { updateVariant } from "./update-variant.ts";
import { updateVariants } from "./update-variants.ts";

const productCount = 420; // three variants each: 1,260 variants, three chunks

/** The change made to the i-th variant of a catalog (some get none). */
function changeOf(i: number): Omit<UpdateVariantBody, "sku"> | null {
  switch (i % 6) {
    case 0:
      return { costPrice: { amount: 100 + i, currency: "EUR" } };
    case 1:
      return { name: `Renamed ${i}`, price: { amount: 999, currency: "USD" } };
    case 2:
      return { barcode: "4006381333931", options: { Size: "XL", Colour: `c${i}` } };
    case 3:
      return { archived: i % 4 === 3, weightG: i, costPrice: null };
    case 4:
      return { name: null, barcode: null };
    default:
      return null;
  }
}

describe.each(dialects)("batched variant writes on %s", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await createChannel(t.database.db, {
      accountId: t.accountId,
      channel: { name: "Shop", kind: "sales", platform: "shopify" },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function createCatalog(prefix: string): Promise<string[]> {
    const ids = await createProducts(t.database.db, {
      accountId: t.accountId,
      inputs: Array.from({ length: productCount }, (_, p) => ({
        name: `Product ${p}`,
        variants: ["S", "M", "L"].map((size) => ({
          sku: `${prefix}-${p}-${size}`,
          name: `Size ${size}`,
          options: { Size: size },
          costPrice: { amount: 50, currency: "EUR" },
        })),
      })),
    });
    return [...ids.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, id]) => id);
  }

  /** The product ids of a catalog's variants, in the same order. */
  async function productsOf(variantIds: string[]): Promise<string[]> {
    const rows = await t.database.db
      .selectFrom("variants")
      .select(["id", "product_id"])
      .where("account_id", "=", t.accountId)
      .where("id", "in", variantIds)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row.product_id]));
    return variantIds.map((id) => byId.get(id) ?? "");
  }

  async function rowsOf(ids: string[]) {
    const rows = await t.database.db
      .selectFrom("variants")
      .selectAll()
      .where("account_id", "=", t.accountId)
      .where("id", "in", ids)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      // all but what differs between the two catalogs (ids, SKUs, times)
      const row = byId.get(id);
      if (!row) throw new Error(`variant ${id} is gone`);
      const { id: _id, product_id, sku, sku_search, created_at, updated_at, ...rest } = row;
      return rest;
    });
  }

  it("leaves every variant as updateVariant one at a time does, and bumps the mapping versions once", async () => {
    const one = await createCatalog("A");
    const batched = await createCatalog("B");
    expect(batched).toHaveLength(productCount * 3);
    for (const [i, variantId] of one.entries()) {
      const input = changeOf(i);
      if (input) await updateVariant(t.database.db, { accountId: t.accountId, variantId, input });
    }
    const versionBefore = await mappingVersion();
    const changes = batched.flatMap((variantId, i) => {
      const input = changeOf(i);
      return input ? [{ variantId, input }] : [];
    });
    const written = await t.database.db
      .transaction()
      .execute((trx) => updateVariants(trx, { accountId: t.accountId, changes }));
    expect(written).toBe(changes.length);
    expect(await mappingVersion()).toBe(versionBefore + 1);

    const expected = await rowsOf(one);
    const actual = await rowsOf(batched);
    expect(actual.filter((row) => row.archived === 1).length).toBeGreaterThan(100);
    for (const [i, row] of actual.entries()) expect({ i, ...row }).toEqual({ i, ...expected[i] });
  });

  it("writes nothing when a variant of another account is among the changes", async () => {
    const ids = await createCatalog("C");
    const [foreign] = await createProducts(t.database.db, {
      accountId: t.otherAccountId,
      inputs: [{ name: "Theirs", variants: [{ sku: "THEIRS-1" }] }],
    }).then((map) => [...map.values()]);
    const changes = ids.map((variantId) => ({
      variantId,
      input: { costPrice: { amount: 1, currency: "EUR" } },
    }));
    changes.splice(700, 0, {
      variantId: foreign ?? "",
      input: { costPrice: { amount: 1, currency: "EUR" } },
    });
    const attempt = t.database.db
      .transaction()
      .execute((trx) => updateVariants(trx, { accountId: t.accountId, changes }));
    await expect(attempt).rejects.toMatchObject({ code: "VARIANT_NOT_FOUND" });
    const costs = await t.database.db
      .selectFrom("variants")
      .select("cost_amount")
      .where("account_id", "=", t.accountId)
      .where("id", "in", ids)
      .execute();
    expect(new Set(costs.map((row) => Number(row.cost_amount)))).toEqual(new Set([50]));
  });

  it("adds variants to known products as addVariant one at a time does", async () => {
    const one = await productsOf(await createCatalog("D"));
    const batched = await productsOf(await createCatalog("E"));
    const additionOf = (i: number, prefix: string) => ({
      sku: `${prefix}-XL-${i}`,
      ...(i % 2 === 0 ? { name: `Extra ${i}` } : {}),
      options: { Size: "XL" },
      ...(i % 3 === 0 ? { barcode: "4006381333931", price: { amount: i, currency: "EUR" } } : {}),
    });
    // every second variant's product gets one more: 630 additions over 420 products
    const picks = one.flatMap((_, i) => (i % 2 === 0 ? [i] : []));
    const added: string[] = [];
    for (const i of picks) {
      const variant = await addVariant(t.database.db, {
        accountId: t.accountId,
        productId: one[i] ?? "",
        input: additionOf(i, "D"),
      });
      added.push(variant.id);
    }
    const ids = await t.database.db.transaction().execute((trx) =>
      addVariants(trx, {
        accountId: t.accountId,
        additions: picks.map((i) => ({ productId: batched[i] ?? "", input: additionOf(i, "E") })),
      }),
    );
    expect(ids.size).toBe(picks.length);
    const batchedIds = picks.map((i) => ids.get(`E-XL-${i}`) ?? "");
    expect(await rowsOf(batchedIds)).toEqual(await rowsOf(added));
    expect(await productsOf(batchedIds)).toEqual(picks.map((i) => batched[i]));
  });

  it("adds nothing when one of the new SKUs is taken", async () => {
    const [productId] = await productsOf(await createCatalog("F"));
    const additions = Array.from({ length: 700 }, (_, i) => ({
      productId: productId ?? "",
      input: { sku: i === 650 ? "F-1-S" : `F-NEW-${i}` },
    }));
    const attempt = t.database.db
      .transaction()
      .execute((trx) => addVariants(trx, { accountId: t.accountId, additions }));
    await expect(attempt).rejects.toMatchObject({
      code: "SKU_CONFLICT",
      details: { field: "variants.650.sku", value: "F-1-S" },
    });
    const added = await t.database.db
      .selectFrom("variants")
      .select("id")
      .where("account_id", "=", t.accountId)
      .where("sku", "like", "F-NEW-%")
      .execute();
    expect(added).toEqual([]);
  });

  async function mappingVersion(): Promise<number> {
    const rows = await t.database.db
      .selectFrom("channels")
      .select("mapping_version")
      .where("account_id", "=", t.accountId)
      .execute();
    return rows.reduce((sum, row) => sum + Number(row.mapping_version), 0);
  }
});
