/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// The custom-mapping sheet's error file: an upload with a failed row answers errorFileUrl; that
// file holds the failed rows as uploaded plus an error column; fixed and uploaded again on its own
// it creates the missing mapping. Only the account's members can read it, only under its channel.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";

const uploads = mkdtempSync(join(tmpdir(), "crosswalk-custom-sheet-"));
process.env.CROSSWALK_UPLOADS = uploads;

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

afterAll(() => {
  rmSync(uploads, { recursive: true, force: true });
});

describe.each(dialects)("custom-mapping sheet error file on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = async (url: string, parts: Record<string, string | { name: string; bytes: Buffer }>) => {
    const body = multipart(parts);
    const response = await t.app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${t.as.editor.key}`, "content-type": body.contentType },
      payload: body.payload,
    });
    return { status: response.statusCode, body: response.json() as any };
  };

  async function channelWithListings(name: string) {
    const channel = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
      name,
      kind: "sales",
      platform: "generic",
    });
    const url = `/api/v1/accounts/${t.accountId}/channels/${channel.body.id}`;
    const csv = "channel_sku,title,barcode\nC-1,Red Mug,\nC-2,Blue Mug,\nC-3,Green Mug,\n";
    const downloaded = await upload(`${url}/listings/downloads`, {
      format: "generic",
      file: { name: "c.csv", bytes: Buffer.from(csv) },
    });
    expect(downloaded.status).toBe(200);
    return { url, channelId: channel.body.id as string };
  }

  function fill(sheet: string, internalSkus: Record<string, string>): string {
    return sheet
      .trim()
      .split("\n")
      .map((line, i) => {
        if (i === 0) return line;
        const sku = line.split(",")[0] ?? "";
        return internalSkus[sku] ? `${line}${internalSkus[sku]}` : line;
      })
      .join("\n");
  }

  it("answers an error file of the failed rows; fixed and uploaded alone it creates the mapping", async () => {
    for (const [name, sku] of [
      ["Mug red", "MUG-RED"],
      ["Mug blue", "MUG-BLUE"],
    ]) {
      const product = await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, { name, sku });
      expect(product.status).toBe(201);
    }
    const { url } = await channelWithListings("Errors");
    const sheet = await t.as.viewer.get(`${url}/custom-sheet`);
    expect(sheet.status).toBe(200);
    // C-1 right, C-2 with a typo, C-3 left empty
    const filled = fill(sheet.text, { "C-1": "MUG-RED", "C-2": "MUG-BLU" });

    const preview = await upload(`${url}/custom-sheet?dryRun=true`, {
      file: { name: "filled.csv", bytes: Buffer.from(filled) },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ created: 1, ignored: 1, operationId: null });
    expect(preview.body.errorFileUrl).toBe(`${url}/custom-sheet/errors/${preview.body.importId}`);

    const applied = await upload(`${url}/custom-sheet`, {
      file: { name: "filled.csv", bytes: Buffer.from(filled) },
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ created: 1, ignored: 1 });
    expect(applied.body.operationId).toEqual(expect.any(String));
    expect(applied.body.failed).toEqual([
      { row: 3, channelSku: "C-2", internalSku: "MUG-BLU", reason: 'unknown internal SKU "MUG-BLU"' },
    ]);
    expect(applied.body.importId).not.toBe(preview.body.importId);
    expect(applied.body.errorFileUrl).toBe(`${url}/custom-sheet/errors/${applied.body.importId}`);

    const errors = await t.as.viewer.get(applied.body.errorFileUrl);
    expect(errors.status).toBe(200);
    expect(String(errors.headers["content-type"])).toContain("text/csv");
    expect(String(errors.headers["content-disposition"])).toContain("attachment");
    const lines = errors.text.trim().split(/\r?\n/);
    expect(lines).toEqual([
      "channel_sku,seller_id,title,barcode,suggestion,internal_sku,error",
      expect.stringMatching(/^C-2,[^,]*,Blue Mug,,[^,]*,MUG-BLU,"?unknown internal SKU ""MUG-BLU"""?$/),
    ]);

    // Fix the SKU in the error file and upload just that file, error column and all.
    const fixed = errors.text.replace(",MUG-BLU,", ",MUG-BLUE,");
    const again = await upload(`${url}/custom-sheet`, {
      file: { name: "errors-fixed.csv", bytes: Buffer.from(fixed) },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      created: 1,
      ignored: 0,
      failed: [],
      importId: null,
      errorFileUrl: null,
    });
    // every listing but C-3 (left empty) is mapped now
    const left = await t.as.viewer.get(`${url}/custom-sheet`);
    expect(
      left.text
        .trim()
        .split("\n")
        .map((l) => l.split(",")[0]),
    ).toEqual(["channel_sku", "C-3"]);

    // The same error file as XLSX.
    const xlsx = await t.app.inject({
      method: "GET",
      url: `${applied.body.errorFileUrl}?format=xlsx`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]?.at(-1)).toBe("error");
    expect(rows[1]?.[0]).toBe("C-2");
  });

  it("keeps the rows of an XLSX upload and answers no error file when nothing failed", async () => {
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/products`, {
      name: "Mug green",
      sku: "MUG-GREEN",
    });
    const { url } = await channelWithListings("Xlsx");
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("custom mappings");
    ws.addRow(["channel_sku", "internal_sku"]);
    ws.addRow(["C-1", "MUG-GREEN"]);
    ws.addRow(["C-9", "MUG-GREEN"]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const applied = await upload(`${url}/custom-sheet`, { file: { name: "filled.xlsx", bytes } });
    expect(applied.status).toBe(200);
    expect(applied.body.created).toBe(1);
    expect(applied.body.failed.map((f: any) => f.channelSku)).toEqual(["C-9"]);
    const errors = await t.as.viewer.get(applied.body.errorFileUrl);
    expect(errors.status).toBe(200);
    expect(errors.text.trim().split(/\r?\n/)).toEqual([
      "channel_sku,internal_sku,error",
      'C-9,MUG-GREEN,"unknown channel SKU ""C-9"" for seller """" in this channel"',
    ]);

    const clean = await upload(`${url}/custom-sheet`, {
      file: { name: "empty.csv", bytes: Buffer.from("channel_sku,internal_sku\nC-2,\n") },
    });
    expect(clean.body).toMatchObject({
      created: 0,
      ignored: 1,
      failed: [],
      importId: null,
      errorFileUrl: null,
    });
  });

  it("serves an error file only to the account's members, under its own channel", async () => {
    const { url } = await channelWithListings("Guarded");
    const applied = await upload(`${url}/custom-sheet`, {
      file: { name: "bad.csv", bytes: Buffer.from("channel_sku,internal_sku\nC-1,NOPE\n") },
    });
    const errorUrl: string = applied.body.errorFileUrl;
    expect(errorUrl).toEqual(expect.any(String));
    expect((await t.anonymous.get(errorUrl)).status).toBe(401);
    const foreign = await t.other.get(errorUrl);
    expect([403, 404]).toContain(foreign.status);
    const other = await channelWithListings("Elsewhere");
    const wrongChannel = await t.as.viewer.get(`${other.url}/custom-sheet/errors/${applied.body.importId}`);
    expect(wrongChannel.status).toBe(404);
    const unknown = await t.as.viewer.get(`${url}/custom-sheet/errors/nope`);
    expect(unknown.status).toBe(404);
  });
});
