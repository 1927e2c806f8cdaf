/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Catalog files through the API on SQLite and PostgreSQL: template, upload -> preview (nothing
// written), apply in one transaction, updates by SKU, rejected rows with reasons and the error
// file, valid rows only, idempotency, export -> import of the export = zero changes (CSV and
// XLSX), and the WooCommerce and Shopify product exports as catalog sources.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { applyCatalogImport } from "./catalog-apply.ts";
import { csvLines, upload } from "./transfer-test-helpers.ts";

const uploads = mkdtempSync(join(tmpdir(), "crosswalk-uploads-"));
process.env.CROSSWALK_UPLOADS = uploads;
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));
const header =
  "sku,product_key,product_name,variant_name,barcode,cost_amount,cost_currency,price_amount,price_currency,archived";

describe.each(dialects)("catalog files on %s", (dialect) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/v1/accounts/${t.accountId}/products`;
  });
  afterAll(async () => {
    await t.close();
  });

  async function productsWith(prefix: string): Promise<any[]> {
    const response = await t.as.viewer.get(`${base}?limit=100&q=${encodeURIComponent(prefix)}`);
    expect(response.status, response.text).toBe(200);
    return response.body.items;
  }

  async function uploadCatalog(content: string | Buffer, name = "catalog.csv", query = "", headers = {}) {
    const response = await upload(t.as.editor, `${base}/imports${query}`, { name, content }, {}, headers);
    expect([200, 201], response.text).toContain(response.status);
    return response.body;
  }

  async function apply(importId: string, query = "") {
    return t.as.editor.post(`${base}/imports/${importId}/apply${query}`);
  }

  async function exportAll(format = "csv") {
    const response = await t.app.inject({
      method: "GET",
      url: `${base}/export?format=${format}`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  }

  it("serves the template with option columns, CSV headers only and XLSX with an example", async () => {
    const template = await t.as.viewer.get(`${base}/template`);
    expect(template.status).toBe(200);
    expect(template.text).toBe(`${header},option:color,option:size\n`);
    const xlsx = await t.app.inject({
      method: "GET",
      url: `${base}/template?format=xlsx`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    // the template's example row is skipped, so it is a header with no rows
    const blank = await upload(t.as.editor, `${base}/imports`, { name: "t.xlsx", content: xlsx.rawPayload });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details).toMatchObject({ reason: "no data rows" });
  });

  it("previews without writing, applies in one transaction, and re-imports its export to zero changes", async () => {
    const file = [
      `${header},option:color,option:size`,
      "TEE-RED-M,TEE,T-shirt,Red M,4006381333931,850,EUR,1999,EUR,false,Red,M",
      "TEE-BLUE-M,TEE,T-shirt,,,,,1999,EUR,,Blue,M",
      "MUG-1,,Mug,,,,,,,,,",
      "=TEE-FORMULA,TEE,T-shirt,,,,,,,true,,",
    ].join("\n");
    const preview = await uploadCatalog(file);
    expect(preview).toMatchObject({
      kind: "catalog",
      status: "previewed",
      totalRows: 4,
      counts: { create: 4, update: 0, unchanged: 0, rejectedRows: 0 },
      errors: [],
    });
    expect(await productsWith("TEE-")).toHaveLength(0);

    const dry = await apply(preview.id, "?dryRun=true");
    expect(dry.body.status).toBe("previewed");
    expect(await productsWith("TEE-")).toHaveLength(0);

    const applied = await apply(preview.id);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.summary).toMatchObject({ productsCreated: 2, variantsCreated: 4 });
    const [tee] = await productsWith("TEE-");
    expect(tee).toMatchObject({ name: "T-shirt", productKey: "TEE" });
    const red = tee.variants.find((v: any) => v.sku === "TEE-RED-M");
    expect(red).toMatchObject({
      name: "Red M",
      barcode: "4006381333931",
      costPrice: { amount: 850, currency: "EUR" },
      price: { amount: 1999, currency: "EUR" },
      options: { color: "Red", size: "M" },
      archived: false,
    });
    expect(tee.variants.find((v: any) => v.sku === "=TEE-FORMULA").archived).toBe(true);
    expect((await productsWith("MUG-1"))[0]).toMatchObject({ name: "Mug", productKey: null });

    const exported = (await exportAll()).toString();
    expect(csvLines(exported)[0]).toBe(`${header},option:color,option:size`);
    expect(exported).toContain("'=TEE-FORMULA,TEE,T-shirt");
    for (const format of ["csv", "xlsx"]) {
      const again = await uploadCatalog(await exportAll(format), `export.${format}`);
      expect(again.counts, format).toMatchObject({ create: 0, update: 0, rejectedRows: 0 });
      expect(again.counts.unchanged).toBe(again.totalRows);
    }

    const repeat = await apply(preview.id);
    expect(repeat.body.status).toBe("applied");
  });

  it("updates existing variants by SKU and counts update / unchanged; an Idempotency-Key answers the first import", async () => {
    const created = await t.as.editor.post(base, {
      name: "Lamp",
      variants: [{ sku: "LAMP-1" }, { sku: "LAMP-2" }],
    });
    expect(created.status, created.text).toBe(201);
    const file = [
      "sku,product_name,price_amount,price_currency,archived,option:wattage",
      "LAMP-1,Lamp,4500,EUR,false,40W",
      "LAMP-2,Lamp,,,false,",
      "LAMP-3,Lamp,,,true,",
    ].join("\n");
    const headers = { "idempotency-key": `lamp-${dialect}` };
    const preview = await uploadCatalog(file, "lamp.csv", "", headers);
    // LAMP-3 has no product_key: it is a product of its own
    expect(preview.counts).toMatchObject({ create: 1, update: 1, unchanged: 1, rejectedRows: 0 });
    const first = await upload(
      t.as.editor,
      `${base}/imports`,
      { name: "lamp.csv", content: file },
      {},
      headers,
    );
    expect(first.status).toBe(200);
    expect(first.body.id).toBe(preview.id);
    expect((await apply(preview.id)).body.summary).toMatchObject({ variantsUpdated: 1, variantsCreated: 1 });
    const lamp = (await productsWith("LAMP-1"))[0];
    expect(lamp.variants.find((v: any) => v.sku === "LAMP-1")).toMatchObject({
      price: { amount: 4500, currency: "EUR" },
      options: { wattage: "40W" },
    });

    const grouped = await uploadCatalog(
      "sku,product_key,product_name\nLAMP-4,LAMP-1,Desk lamp\nLAMP-1,LAMP-1,Desk lamp\n",
    );
    expect(grouped.counts).toMatchObject({ create: 1, update: 1, rejectedRows: 0 });
    await apply(grouped.id);
    const renamed = (await productsWith("LAMP-1"))[0];
    expect(renamed.name).toBe("Desk lamp");
    expect(renamed.variants.map((v: any) => v.sku).sort()).toEqual(["LAMP-1", "LAMP-2", "LAMP-4"]);
  });

  it("adds a new SKU to the product its product_key is the key of, and rejects a key two products share", async () => {
    const shirt = await t.as.editor.post(base, {
      name: "Polo",
      productKey: "POLO",
      variants: [{ sku: "POLO-S" }],
    });
    expect(shirt.status, shirt.text).toBe(201);
    const added = await uploadCatalog("sku,product_key,variant_name\nPOLO-M,POLO,M\n");
    expect(added.counts).toMatchObject({ create: 1, rejectedRows: 0 });
    expect((await apply(added.id)).body.summary).toMatchObject({ productsCreated: 0, variantsCreated: 1 });
    const polos = await productsWith("POLO-");
    expect(polos.map((p: any) => [p.id, p.variants.map((v: any) => v.sku).sort()])).toEqual([
      [shirt.body.id, ["POLO-M", "POLO-S"]],
    ]);

    for (const sku of ["TWIN-A", "TWIN-B"]) {
      const twin = await t.as.editor.post(base, { name: "Twin", productKey: "TWIN", sku });
      expect(twin.status, twin.text).toBe(201);
    }
    const ambiguous = await uploadCatalog("sku,product_key,product_name\nTWIN-C,TWIN,Twin\n");
    expect(ambiguous.counts).toMatchObject({ create: 0, rejectedRows: 1 });
    expect(ambiguous.errors[0]).toMatchObject({ row: 2, column: "product_key", value: "TWIN" });
    expect(ambiguous.errors[0].reason).toContain("is the key of 2 products");
  });

  it("rejects bad rows with row, column, value and reason, writes nothing, and serves the error file", async () => {
    const file = [
      header,
      "BAD-1,BAD,Bad,,4006381333932,,,,,",
      "BAD-2,,Bad two,,3.65275E+11,,,,,",
      "3.65275E+11,,Sci,,,,,,,",
      "BAD-4,,Bad\u0001four,,,,,,,",
      "BAD-5,K,Name A,,,,,,,",
      "BAD-6,K,Name B,,,,,,,",
      "BAD-7,,Seven,,,12.50,EUR,-5,EUR,",
      "BAD-8,,Eight,,,,,,,",
      "BAD-8,,Eight changed,,,,,,,",
      "GOOD-1,,Good,,,,,,,",
      "GOOD-1,,Good,,,,,,,",
    ].join("\n");
    const preview = await uploadCatalog(file, "bad.csv");
    const byRow = Object.fromEntries(preview.errors.map((e: any) => [e.row, e]));
    expect(byRow[2]).toMatchObject({ column: "barcode", value: "4006381333932" });
    expect(byRow[2].reason).toContain("check digit should be 1");
    expect(byRow[3]).toMatchObject({ column: "barcode", value: "3.65275E+11" });
    expect(byRow[3].reason).toContain("scientific notation");
    expect(byRow[4]).toMatchObject({ column: "sku", value: "3.65275E+11" });
    expect(byRow[5]).toMatchObject({ column: "product_name", reason: "contains a control character" });
    expect(byRow[7]).toMatchObject({ column: "product_name", value: "Name B" });
    expect(byRow[6].reason).toContain("not applied: row 7");
    expect(byRow[8]).toMatchObject({ column: "cost_amount", value: "12.50" });
    // every problem of the row is named, not only the first
    expect(byRow[8].reason).toContain("price_amount");
    expect(byRow[9].reason).toContain("row 10 with different data");
    expect(byRow[10].reason).toContain("row 9 with different data");
    expect(preview.counts).toMatchObject({ create: 1, rejectedRows: 9 });
    expect(preview.errorFileUrl).toBe(`${base}/imports/${preview.id}/errors`);

    const errorFile = await t.as.viewer.get(preview.errorFileUrl);
    const lines = csvLines(errorFile.text);
    expect(lines[0]).toBe(`${header},error`);
    expect(lines).toHaveLength(10);
    expect(lines[1]).toContain("check digit");

    const refused = await apply(preview.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("IMPORT_HAS_ERRORS");
    expect(await productsWith("GOOD-1")).toHaveLength(0);

    const partial = await apply(preview.id, "?validRowsOnly=true");
    expect(partial.status, partial.text).toBe(200);
    expect(partial.body.summary).toMatchObject({ variantsCreated: 1, rejectedRows: 9 });
    expect(await productsWith("GOOD-1")).toHaveLength(1);
    expect(await productsWith("BAD-")).toHaveLength(0);
  });

  it("applies two racing imports of the same new SKUs one after the other", async () => {
    const fileNamed = (name: string) =>
      [header, ...Array.from({ length: 40 }, (_, i) => `RACE-${i},race-${i},${name} ${i},,,,,,,`)].join("\n");
    const [a, b] = await Promise.all([
      upload(t.as.editor, `${base}/imports?apply=true`, { name: "a.csv", content: fileNamed("First") }),
      upload(t.as.editor, `${base}/imports?apply=true`, { name: "b.csv", content: fileNamed("Second") }),
    ]);
    expect([a.status, b.status], `${a.text}\n${b.text}`).toEqual([201, 201]);
    const summaries = [a.body.summary, b.body.summary];
    // whichever came second found the first one's products and renamed them
    expect(summaries.map((s) => [s.productsCreated, s.productsUpdated]).sort()).toEqual([
      [0, 40],
      [40, 0],
    ]);
    const last = summaries[0].productsUpdated === 40 ? "First" : "Second";
    const products = await productsWith("RACE-");
    expect(products).toHaveLength(40);
    expect(products.every((p) => p.name.startsWith(`${last} `))).toBe(true);
  });

  it("validates and applies an upload in one pass with apply=true, and writes nothing when a row is rejected", async () => {
    const file = `${header}\nONE-1,ONE,One pass,,,,,,,\nONE-2,ONE,One pass,,,,,,,\n`;
    const headers = { "idempotency-key": `one-pass-${dialect}` };
    const applied = await uploadCatalog(file, "one.csv", "?apply=true", headers);
    expect(applied).toMatchObject({ status: "applied", summary: { productsCreated: 1, variantsCreated: 2 } });
    expect((await productsWith("ONE-"))[0].variants).toHaveLength(2);
    const repeated = await upload(
      t.as.editor,
      `${base}/imports?apply=true`,
      { name: "one.csv", content: file },
      {},
      headers,
    );
    expect(repeated.status).toBe(200);
    expect(repeated.body.id).toBe(applied.id);

    // TWO-2 is found wanting only while the file is planned: a new product needs a name
    const bad = `${header}\nTWO-1,TWO,Two,,,,,,,\nTWO-2,,,,,,,,,\n`;
    const refused = await uploadCatalog(bad, "two.csv", "?apply=true");
    expect(refused).toMatchObject({ status: "previewed", counts: { create: 1, rejectedRows: 1 } });
    expect(refused.errors[0]).toMatchObject({ row: 3, column: "product_name" });
    expect(await productsWith("TWO-")).toHaveLength(0);
    const partial = await uploadCatalog(bad, "two.csv", "?apply=true&validRowsOnly=true");
    expect(partial).toMatchObject({ status: "applied", summary: { productsCreated: 1, rejectedRows: 1 } });
    expect(await productsWith("TWO-")).toHaveLength(1);
  });

  it("tells the apply's progress when the writes begin, with the preview's number of changes", async () => {
    const preview = await uploadCatalog(`${header}\nTOLD-1,TOLD,Told,,,,,,,\nTOLD-2,TOLD,Told,,,,,,,\n`);
    expect(preview.counts).toMatchObject({ create: 2, update: 0 });
    const told: number[] = [];
    const applied = await applyCatalogImport(t.database.db, {
      accountId: t.accountId,
      importId: preview.id,
      validRowsOnly: false,
      dryRun: false,
      onWrite: (n) => told.push(n),
    });
    expect(applied.status).toBe("applied");
    expect(told).toEqual([2]);
  });

  it("refuses a file without a sku column or without rows", async () => {
    const noSku = await upload(t.as.editor, `${base}/imports`, {
      name: "a.csv",
      content: "product_name\nX\n",
    });
    expect(noSku.status).toBe(400);
    expect(noSku.body.error.details).toMatchObject({ column: "sku", reason: "required column missing" });
    const empty = await upload(t.as.editor, `${base}/imports`, { name: "a.csv", content: `${header}\n` });
    expect(empty.status).toBe(400);
    const unknown = await upload(t.as.editor, `${base}/imports`, {
      name: "a.csv",
      content: "sku,colour\nA,red\n",
    });
    expect(unknown.status).toBe(400);
  });

  it("reads the WooCommerce sample export as a catalog: variable products with their variations, simple products alone", async () => {
    const preview = await uploadCatalog(
      fixture("woocommerce/sample_products.csv"),
      "woo.csv",
      "?source=woocommerce",
    );
    expect(preview).toMatchObject({
      kind: "catalog-woocommerce",
      // the file's rows: the parents, the grouped and the external product give no variant
      totalRows: 25,
      counts: { create: 21, update: 0, rejectedRows: 0 },
    });
    const applied = await apply(preview.id);
    expect(applied.status, applied.text).toBe(200);
    // 2 variable products (7 variations) + 14 simple; the grouped and the external product give none
    expect(applied.body.summary).toMatchObject({ productsCreated: 16, variantsCreated: 21 });
    const again = await uploadCatalog(
      fixture("woocommerce/sample_products.csv"),
      "woo.csv",
      "?source=woocommerce",
    );
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 21 });
  });

  it("rejects the rows of a Shopify export whose barcodes Excel ruined, and one without SKUs as a whole", async () => {
    const ruined = await uploadCatalog(
      fixture("shopify/product_template_excel-resaved.csv"),
      "resaved.csv",
      "?source=shopify",
    );
    expect(ruined.counts).toMatchObject({ create: 0, rejectedRows: 16 });
    expect(ruined.errors[0]).toMatchObject({
      column: "Variant Barcode",
      value: "3.65275E+11",
      // the row is rejected, so the reason does not say the barcode was left out of it
      reason: "barcode is in scientific notation (a spreadsheet turned it into a number and lost digits)",
    });
    const noSkus = await upload(t.as.editor, `${base}/imports?source=shopify`, {
      name: "packt.csv",
      content: fixture("shopify/packt_product_data.csv"),
    });
    expect(noSkus.status).toBe(400);
    expect(noSkus.body.error).toMatchObject({ code: "INVALID_FILE", details: { rowsRead: 21 } });
    expect(noSkus.body.error.message).toMatch(
      /^None of the file's 21 rows is a sellable product or variation with a SKU/,
    );
  });

  it("reads a Shopify product export as a catalog", async () => {
    const preview = await uploadCatalog(
      fixture("shopify/products_export_1.csv"),
      "shopify.csv",
      "?source=shopify",
    );
    expect(preview.kind).toBe("catalog-shopify");
    // 2 products with 8 variants + 3 single-variant products, from the file's 61 rows (most of them
    // image rows)
    expect(preview.totalRows).toBe(61);
    // the export repeats three SKUs with different data: the reader keeps the first, those rows are reported
    expect(preview.counts).toMatchObject({ create: 11, rejectedRows: 3 });
    expect(preview.errors.map((e: any) => [e.row, e.column])).toEqual([
      [50, "Variant SKU"],
      [53, "Variant SKU"],
      [54, "Variant SKU"],
    ]);
    expect(preview.errors[0].reason).toContain("is also on row 3 with different data");
    const applied = await apply(preview.id, "?validRowsOnly=true");
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.summary.variantsCreated).toBe(preview.counts.create);
    const wax = await productsWith("og1oz-light-black-usa");
    expect(wax[0]).toMatchObject({ name: "Mustache Wax", productKey: "mustache-wax" });
  });

  it("keeps other accounts and roles out", async () => {
    expect((await t.other.get(`${base}/export`)).status).toBe(404);
    const viewerUpload = await upload(t.as.viewer, `${base}/imports`, { name: "a.csv", content: "sku\nX\n" });
    expect(viewerUpload.status).toBe(403);
  });
});
