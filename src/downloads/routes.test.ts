/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { fixtureBytes } from "./test-setup.ts";

function multipart(parts: Record<string, string | { name: string; bytes: Buffer }>) {
  const boundary = `----crosswalk${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [field, value] of Object.entries(parts)) {
    if (typeof value === "string") {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${value.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        value.bytes,
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(dialects)("download, create-from-listing and custom-sheet routes on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name: "Shop",
      kind: "sales",
      platform: "woocommerce",
    });
    channelId = channel.body.id;
    base = `/api/v1/accounts/${t.accountId}/channels/${channelId}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = async (
    url: string,
    parts: Record<string, string | { name: string; bytes: Buffer }>,
    key = t.as.editor.key,
  ) => {
    const body = multipart(parts);
    const response = await t.app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${key}`, "content-type": body.contentType },
      payload: body.payload,
    });
    return { status: response.statusCode, body: response.json() as any };
  };

  it("rejects a file of another format than declared, and a missing file, writing nothing", async () => {
    const wrong = await upload(`${base}/listings/downloads`, {
      format: "shopify",
      file: { name: "x.tsv", bytes: fixtureBytes("amazon/merchant_listings_all_data_DE_v1.tsv") },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("FILE_FORMAT_MISMATCH");
    const noSku = await upload(`${base}/listings/downloads`, {
      format: "generic",
      file: { name: "x.csv", bytes: Buffer.from("title,quantity\nMug,3\n") },
    });
    expect(noSku.status).toBe(422);
    expect(noSku.body.error.code).toBe("MISSING_COLUMN");
    const missing = await upload(`${base}/listings/downloads`, { format: "amazon" });
    expect(missing.status).toBe(400);
    const badMode = await upload(`${base}/listings/downloads`, {
      format: "amazon",
      mode: "sometimes",
      file: { name: "x.tsv", bytes: fixtureBytes("amazon/merchant_listings_all_data_DE_v1.tsv") },
    });
    expect(badMode.status).toBe(400);
    expect(badMode.body.error.details.field).toBe("mode");
    const history = await t.as.viewer.get(`${base}/listings/downloads`);
    expect(history.body.items).toEqual([]);
  });

  it("downloads the WooCommerce sample, creates products from unmappable listings, and maps them", async () => {
    const first = await upload(`${base}/listings/downloads`, {
      format: "woocommerce",
      mode: "all",
      file: { name: "sample_products.csv", bytes: fixtureBytes("woocommerce/sample_products.csv") },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ read: 25, new: 25, unmappable: 21, notSellable: 4 });
    // the external product is not to be mapped: not in the queue, not in coverage
    const coverage = await t.as.viewer.get(`${base}/coverage`);
    expect(coverage.body).toMatchObject({ total: 21, mapped: 0, unmapped: 21, parents: 3 });
    const queue = await t.as.viewer.get(`${base}/unmapped?limit=1`);
    expect(queue.body.total).toBe(21);
    const history = await t.as.viewer.get(`${base}/listings/downloads`);
    expect(history.body.items[0]).toMatchObject({
      id: first.body.id,
      format: "woocommerce",
      fileName: "sample_products.csv",
    });

    // an existing internal SKU makes that listing's product fail, and only that one
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, { name: "Taken", sku: "woo-beanie" });
    const created = await t.as.editor.post(`${base}/listings/create-products`, { allUnmappable: true });
    expect(created.status).toBe(200);
    // woo-beanie is auto-mappable now (exact SKU): no product for it, and the answer says why
    expect(created.body.failed).toEqual([
      {
        listingId: expect.any(String),
        channelSku: "woo-beanie",
        reason: "a variant matches it by SKU; map it to that variant instead of creating a product",
      },
    ]);
    expect(created.body.created).toBe(20);
    // 13 simple products + 2 variable products (with 7 variations) = 15 products
    expect(created.body.products).toBe(15);

    const again = await upload(`${base}/listings/downloads`, {
      format: "woocommerce",
      file: { name: "sample_products.csv", bytes: fixtureBytes("woocommerce/sample_products.csv") },
    });
    expect(again.body).toMatchObject({
      new: 0,
      changed: 0,
      alreadyMapped: 20,
      autoMappedBySku: 1,
      unmappable: 0,
    });
    const hoodie = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/variants?q=woo-hoodie-blue-logo`);
    expect(hoodie.body.items[0]?.sku).toBe("woo-hoodie-blue-logo");
  });

  it("creates no product for a listing whose barcode is already a variant's GTIN", async () => {
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name: "Barcodes",
      kind: "sales",
      platform: "generic",
    });
    const url = `/api/v1/accounts/${t.accountId}/channels/${channel.body.id}`;
    const summary = await upload(`${url}/listings/downloads`, {
      format: "generic",
      file: { name: "b.csv", bytes: Buffer.from("channel_sku,title,barcode\nB-1,Boxed,4006381333931\n") },
    });
    expect(summary.body).toMatchObject({ new: 1, unmappable: 1 });
    // the variant comes after the download, with the listing's barcode
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, {
      name: "Boxed",
      variants: [{ sku: "BOXED", barcode: "4006381333931" }],
    });
    const listings = await t.as.viewer.get(`${url}/listings?limit=10`);
    const result = await t.as.editor.post(`${url}/listings/create-products`, {
      listingIds: [listings.body.items[0].id],
    });
    expect(result.body).toMatchObject({ products: 0, created: 0 });
    expect(result.body.failed[0].reason).toBe(
      "barcode 4006381333931 is already the GTIN of variant BOXED; map the listing to it instead of creating a product",
    );
  });

  it("serves every issue of a download as a file, past the 50 its summary carries", async () => {
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name: "Many issues",
      kind: "sales",
      platform: "generic",
    });
    const url = `/api/v1/accounts/${t.accountId}/channels/${channel.body.id}`;
    // 60 rows without a SKU, one good row
    const rows = Array.from({ length: 60 }, (_, i) => `,No SKU ${i}`);
    const csv = ["channel_sku,title", "GOOD-1,Good", ...rows].join("\n");
    const summary = await upload(`${url}/listings/downloads`, {
      format: "generic",
      file: { name: "many.csv", bytes: Buffer.from(csv) },
    });
    expect(summary.status).toBe(200);
    expect(summary.body.issueCount).toBe(60);
    expect(summary.body.issues).toHaveLength(50);
    const file = await t.as.viewer.get(`${url}/listings/downloads/${summary.body.id}/issues`);
    expect(file.status).toBe(200);
    const lines = file.text.trim().split("\n");
    expect(lines[0]).toBe("row,column,value,severity,code,reason");
    expect(lines).toHaveLength(61);
    expect(lines[60]).toMatch(/^62,/);
    const unknown = await t.as.viewer.get(`${url}/listings/downloads/nope/issues`);
    expect(unknown.status).toBe(404);
    // another account's member does not get it
    const foreign = await t.other.get(`${url}/listings/downloads/${summary.body.id}/issues`);
    expect(foreign.status).toBe(404);
  });

  it("creates no standalone product for a bundle listing: it sells as its components", async () => {
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name: "Kits",
      kind: "sales",
      platform: "generic",
    });
    const url = `/api/v1/accounts/${t.accountId}/channels/${channel.body.id}`;
    await upload(`${url}/listings/downloads`, {
      format: "generic",
      file: { name: "k.csv", bytes: Buffer.from("channel_sku,title,type\nKIT-1,Gift set,bundle\n") },
    });
    const result = await t.as.editor.post(`${url}/listings/create-products`, { allUnmappable: true });
    expect(result.body).toMatchObject({ products: 0, created: 0 });
    expect(result.body.failed).toEqual([
      {
        listingId: expect.any(String),
        channelSku: "KIT-1",
        reason: "the listing is a bundle: map it to its components (a kit) instead of creating a product",
      },
    ]);
  });

  it("reports SKU conflicts per listing and creates nothing half", async () => {
    const csv =
      "channel_sku,title,type,parent_channel_sku\nP-1,Parent,parent,\nP-1-A,Parent - A,variation,P-1\nP-1-B,Parent - B,variation,P-1\n";
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name: "Gen",
      kind: "sales",
      platform: "generic",
    });
    const url = `/api/v1/accounts/${t.accountId}/channels/${channel.body.id}`;
    const summary = await upload(`${url}/listings/downloads`, {
      format: "generic",
      file: { name: "g.csv", bytes: Buffer.from(csv) },
    });
    expect(summary.body).toMatchObject({ new: 3, unmappable: 2, notSellable: 1 });
    // internal SKU exists, but with another case: not an exact match, so still unmappable
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, { name: "Clash", sku: "p-1-b" });
    const listings = await t.as.viewer.get(`${url}/listings?limit=50`);
    const parent = listings.body.items.find((l: any) => l.channelSku === "P-1");
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, { name: "Clash 2", sku: "P-1-B" });
    const result = await t.as.editor.post(`${url}/listings/create-products`, { listingIds: [parent.id] });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ products: 0, created: 0, operationId: null });
    expect(result.body.failed.map((f: any) => f.channelSku).sort()).toEqual(["P-1-A", "P-1-B"]);
    const search = await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/variants?q=P-1-A`);
    expect(search.body.items.filter((v: any) => v.sku === "P-1-A")).toEqual([]);
    const unknown = await t.as.editor.post(`${url}/listings/create-products`, { listingIds: ["nope"] });
    expect(unknown.status).toBe(404);
    for (const body of [{}, { listingIds: [parent.id], allUnmappable: true }]) {
      const neither = await t.as.editor.post(`${url}/listings/create-products`, body);
      expect(neither.status).toBe(400);
      expect(neither.body.error.message).toBe("body: give either listingIds or allUnmappable: true");
    }
  });

  it("round-trips the custom-mapping sheet as CSV and XLSX, reporting bad rows", async () => {
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name: "Custom",
      kind: "sales",
      platform: "generic",
    });
    const url = `/api/v1/accounts/${t.accountId}/channels/${channel.body.id}`;
    const csv =
      "channel_sku,title,barcode\nC-1,Red Mug,\nC-2,Blue Mug,\nC-3,Green Mug,\nC-4,=cmd,\nC-5,Tea Pot,\n";
    await upload(`${url}/listings/downloads`, {
      format: "generic",
      file: { name: "c.csv", bytes: Buffer.from(csv) },
    });
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, { name: "Mug red", sku: "MUG-RED" });
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, {
      name: "Mug green",
      sku: "MUG-GREEN",
    });
    await t.other.post(`/api/v1/accounts/${t.otherAccountId}/products`, {
      name: "Foreign",
      sku: "FOREIGN-1",
    });
    // two variants as good as each other for C-5: the hint names both
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, {
      name: "Tea Pot",
      variants: [{ sku: "TEA-POT-1" }, { sku: "TEA-POT-2" }],
    });

    const sheet = await t.as.viewer.get(`${url}/custom-sheet`);
    expect(sheet.status).toBe(200);
    const lines = sheet.text.trim().split("\n");
    expect(lines[0]).toBe("channel_sku,seller_id,title,barcode,suggestion,internal_sku");
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith("C-4"))).toContain("'=cmd");
    expect(lines.find((l) => l.startsWith("C-5"))).toBe("C-5,,Tea Pot,,TEA-POT-1 or TEA-POT-2,");
    const filled = lines
      .map((line, i) => {
        if (i === 0) return line;
        if (line.startsWith("C-1,")) return `${line}MUG-RED`;
        if (line.startsWith("C-2,")) return `${line}FOREIGN-1`;
        return line;
      })
      .join("\n");
    const applied = await upload(`${url}/custom-sheet`, {
      file: { name: "filled.csv", bytes: Buffer.from(filled) },
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ created: 1, ignored: 3 });
    expect(applied.body.failed).toEqual([
      { row: 3, channelSku: "C-2", internalSku: "FOREIGN-1", reason: 'unknown internal SKU "FOREIGN-1"' },
    ]);

    const xlsx = await t.app.inject({
      method: "GET",
      url: `${url}/custom-sheet?format=xlsx`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const skus: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) skus.push(String(row.getCell(1).value));
      if (n > 1 && row.getCell(1).value === "C-3") row.getCell(6).value = "MUG-GREEN";
    });
    expect(skus.sort()).toEqual(["C-2", "C-3", "C-4", "C-5"]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromXlsx = await upload(`${url}/custom-sheet`, { file: { name: "filled.xlsx", bytes } });
    expect(fromXlsx.body).toMatchObject({ created: 1, failed: [] });
    const left = await t.as.viewer.get(`${url}/custom-sheet`);
    expect(left.text.trim().split("\n")).toHaveLength(4);
  });

  it("lists suggestions and accepts them over HTTP", async () => {
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name: "Sugg",
      kind: "sales",
      platform: "generic",
    });
    const url = `/api/v1/accounts/${t.accountId}/channels/${channel.body.id}`;
    await upload(`${url}/listings/downloads`, {
      format: "generic",
      file: { name: "s.csv", bytes: Buffer.from("channel_sku\nmug red\n") },
    });
    const page = await t.as.viewer.get(`${url}/suggestions?minScore=0.8`);
    expect(page.status).toBe(200);
    expect(page.body.items[0].candidates[0]).toMatchObject({ sku: "MUG-RED", score: 0.9 });
    const bad = await t.as.viewer.get(`${url}/suggestions?minScore=2`);
    expect(bad.status).toBe(400);
    const accepted = await t.as.editor.post(`${url}/suggestions/accept`, { allAboveScore: 0.85 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ created: 1, skipped: [] });
    const undo = await t.as.editor.post(
      `/api/v1/accounts/${t.accountId}/operations/${accepted.body.operationId}/undo`,
    );
    expect(undo.status).toBe(200);
    expect((await t.as.viewer.get(`${url}/suggestions`)).body.items).toHaveLength(1);
  });
});
