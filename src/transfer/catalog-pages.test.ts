// The catalog import is staged in SQL and planned and written a page of product groups at a
// time. Planned one group per page, a file must change two identical catalogs exactly as planned
// in one page, and reject the same rows for the same reasons, on both dialects: across pages,
// a product two groups rename, SKUs and product keys the catalog knows, repeated SKUs, and
// rejections found only while planning.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { createProducts } from "../catalog/create-product.ts";
import { emptySummary, writeCatalogChanges } from "./catalog-apply.ts";
import { catalogPageGroups, type ProductChange, runCatalogImport } from "./catalog-import.ts";
import type { RowError } from "./import-store.ts";

const dir = mkdtempSync(join(tmpdir(), "crosswalk-catalog-pages-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, "catalog.csv");
writeFileSync(
  file,
  [
    "sku,product_key,product_name,variant_name,price_amount,price_currency,option:size",
    "L-1,,Lamp A,,1000,EUR,", // renames the lamp
    "L-2,,Lamp B,,,,", // renames it differently: rejected
    "D-1,,Desk X,,,,", // two groups rename the desk alike: both update it
    "D-2,,Desk X,,,,",
    "POLO-M,POLO,,M,,,M", // joins the product keyed POLO
    "NEWP-1,NEWP,New product,,,,S",
    "NEWP-2,NEWP,,,,,M",
    "MUG-2,MUG,,,,,", // the key is the SKU of the mug's variant: joins the mug
    "TWIN-C,TWIN,Twin,,,,", // two products have the key TWIN: rejected
    "NONAME-1,,,,,,", // a new product without a name: rejected
    "MUG,MIX,,,,,", // two known products in one group: rejected
    "POLO-S,MIX,,,,,",
    "DUP-1,,Dup,,,,",
    "DUP-1,,Dup,,,,", // the same row again: one row
    "DIFF-1,,Diff,,,,",
    "DIFF-1,,Diff two,,,,", // the same SKU with other data: both rejected
    "NK-1,NK,Name A,,,,",
    "NK-2,NK,Name B,,,,", // one product_key, two names: rejected
    ...Array.from({ length: 30 }, (_, i) => `BULK-${i},BULK-${i % 3},Bulk ${i % 3},,${100 + i},EUR,`),
  ].join("\n"),
);

describe.each(dialects)("catalog import planned page by page on %s", (dialect) => {
  const apps: TestApp[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const t = await createTestApp(dialect);
      await createProducts(t.database.db, {
        accountId: t.accountId,
        inputs: [
          { name: "Lamp", variants: [{ sku: "L-1" }, { sku: "L-2" }] },
          { name: "Polo", productKey: "POLO", variants: [{ sku: "POLO-S" }] },
          { name: "Twin", productKey: "TWIN", variants: [{ sku: "TWIN-A" }] },
          { name: "Twin", productKey: "TWIN", variants: [{ sku: "TWIN-B" }] },
          { name: "Mug", variants: [{ sku: "MUG" }] },
          { name: "Desk", variants: [{ sku: "D-1" }, { sku: "D-2" }] },
        ],
      });
      apps.push(t);
    }
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  async function importWith(t: TestApp, pageGroups: number) {
    const errors: RowError[] = [];
    const pages: number[] = [];
    const validation = await t.database.db.transaction().execute((trx) =>
      runCatalogImport(trx, {
        accountId: t.accountId,
        path: file,
        kind: "catalog",
        pageGroups,
        onErrors: async (found) => {
          errors.push(...found);
        },
        write: async (changes: ProductChange[]) => {
          pages.push(changes.length);
          await writeCatalogChanges(trx, { accountId: t.accountId, changes, summary: emptySummary() });
        },
      }),
    );
    return { validation, errors, pages };
  }

  /** Every product of the account as names, keys and variants, without ids or times. */
  async function catalogOf(t: TestApp) {
    const rows = await t.database.db
      .selectFrom("products as p")
      .innerJoin("variants as v", (join) =>
        join.onRef("v.account_id", "=", "p.account_id").onRef("v.product_id", "=", "p.id"),
      )
      .select(["p.name", "p.product_key", "v.sku", "v.name as variant", "v.options", "v.price_amount"])
      .where("p.account_id", "=", t.accountId)
      .execute();
    const products = new Map<string, { name: string; key: string | null; variants: string[] }>();
    const byVariant = await t.database.db
      .selectFrom("variants")
      .select(["sku", "product_id"])
      .where("account_id", "=", t.accountId)
      .execute();
    const productOf = new Map(byVariant.map((v) => [v.sku, v.product_id]));
    for (const row of rows) {
      const id = productOf.get(row.sku) ?? "";
      const product = products.get(id) ?? { name: row.name, key: row.product_key, variants: [] };
      product.variants.push(`${row.sku}|${row.variant ?? ""}|${row.options}|${row.price_amount ?? ""}`);
      products.set(id, product);
    }
    return [...products.values()]
      .map((p) => ({ ...p, variants: p.variants.sort() }))
      .sort((a, b) => (a.variants[0]! < b.variants[0]! ? -1 : 1));
  }

  it("changes the catalog and rejects rows exactly as one page does", async () => {
    const [onePerPage, onePage] = apps as [TestApp, TestApp];
    const paged = await importWith(onePerPage, 1);
    const whole = await importWith(onePage, catalogPageGroups);
    expect(paged.pages.length).toBeGreaterThan(5);
    expect(whole.pages).toHaveLength(1);
    expect(paged.errors).toEqual(whole.errors);
    expect(paged.validation).toEqual(whole.validation);
    expect(await catalogOf(onePerPage)).toEqual(await catalogOf(onePage));

    expect(whole.validation).toMatchObject({
      totalRows: 48,
      counts: { create: 35, update: 3, unchanged: 0, rejectedRows: 9 },
    });
    const reasons = Object.fromEntries(whole.errors.map((e) => [e.row, `${e.column}: ${e.reason}`]));
    expect(reasons).toEqual({
      3: 'product_name: names the product of row 2 differently ("Lamp A")',
      10: "product_key: is the key of 2 products in this account, so the new SKU has no one product to join; give it the SKU of one of their variants as product_key",
      11: "product_name: is empty: a new product needs a name",
      12: "product_key: not applied: row 13 of the same product is invalid",
      13: 'product_key: groups SKU "POLO-S" with SKU "MUG" (row 12), which belongs to another product; variants cannot move between products',
      16: "sku: is also on row 17 with different data; keep one of the two rows",
      17: "sku: is also on row 16 with different data; keep one of the two rows",
      18: "product_key: not applied: row 19 of the same product is invalid",
      19: 'product_name: differs from row 18 of the same product_key ("Name A")',
    });
    const catalog = await catalogOf(onePage);
    const productWith = (sku: string) => catalog.find((p) => p.variants.some((v) => v.startsWith(`${sku}|`)));
    expect(productWith("L-1")).toMatchObject({ name: "Lamp A" });
    expect(productWith("D-2")).toMatchObject({ name: "Desk X" });
    const skusWith = (sku: string) =>
      productWith(sku)
        ?.variants.map((v) => v.split("|")[0])
        .sort();
    expect(skusWith("POLO-M")).toEqual(["POLO-M", "POLO-S"]);
    expect(skusWith("MUG-2")).toEqual(["MUG", "MUG-2"]);
    expect(productWith("NEWP-1")).toMatchObject({ name: "New product", key: "NEWP" });
    expect(productWith("BULK-4")?.variants).toHaveLength(10);
    expect(productWith("DIFF-1")).toBeUndefined();
  });

  it("names the SKU, not a request field, when another writer took it after the plan", async () => {
    const [t] = apps as [TestApp];
    const late: ProductChange = {
      kind: "new",
      name: "Late lamp",
      productKey: null,
      rows: [
        {
          row: 2,
          sku: "MUG", // made by someone else since the plan found it free
          productKey: "",
          productName: "Late lamp",
          variantName: undefined,
          barcode: undefined,
          cost: undefined,
          price: undefined,
          archived: undefined,
          options: {},
        },
      ],
    };
    const write = t.database.db
      .transaction()
      .execute((trx) =>
        writeCatalogChanges(trx, { accountId: t.accountId, changes: [late], summary: emptySummary() }),
      );
    await expect(write).rejects.toMatchObject({
      code: "SKU_CONFLICT",
      message:
        'SKU "MUG" was given to another variant while this import ran; nothing was written. Apply the import again.',
      details: { column: "sku", value: "MUG" },
    });
  });
});
