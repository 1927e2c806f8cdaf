/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Mapping files through the API on SQLite and PostgreSQL: template, export, upload -> preview
// (nothing written), apply in one transaction, error file, valid rows only, replace mode with
// undo, idempotency, and export -> import of the export = zero changes.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { dialects } from "../../test/support/test-database.ts";
import { csvLines, upload, useMappingFileApp } from "./transfer-test-helpers.ts";

const header = "channel_sku,internal_sku,quantity,seller_id,action";

describe.each(dialects)("mapping files on %s", (dialect) => {
  const app = useMappingFileApp(dialect);

  it("serves the template and exports an unmapped channel as the blank template", async () => {
    const { t, base } = await app.freshChannel();
    const template = await t.as.viewer.get(`${base}/template`);
    expect(template.status).toBe(200);
    expect(template.text).toBe(`${header}\n`);
    const exported = await t.as.viewer.get(`${base}/export`);
    expect(exported.text).toBe(template.text);
    // named for the channel ("Shop xxxxx"), not its id
    expect(exported.headers["content-disposition"]).toMatch(
      /^attachment; filename="mappings-Shop-[a-z0-9]+\.csv"$/,
    );
    const xlsx = await t.app.inject({
      method: "GET",
      url: `${base}/template?format=xlsx`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("previews without writing, applies in one operation, and re-imports its export to zero changes", async () => {
    const { t, base } = await app.freshChannel();
    const file = [
      "Channel SKU;Internal SKU;Quantity",
      "CH-1;ISKU-1;",
      "CH-2;ISKU-2;1",
      "BUNDLE;ISKU-1;2",
      "BUNDLE;ISKU-3;1",
      "'=CH;'=FORMULA;1",
    ].join("\r\n");
    const preview = await upload(t.as.editor, `${base}/imports`, { name: "m.csv", content: file });
    expect(preview.status, preview.text).toBe(201);
    expect(preview.body).toMatchObject({
      status: "previewed",
      totalRows: 5,
      counts: { create: 4, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 },
      errors: [],
      errorFileUrl: null,
    });
    expect(await app.mappedCount()).toBe(0);

    const dry = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply?dryRun=true`);
    expect(dry.body.status).toBe("previewed");
    expect(await app.mappedCount()).toBe(0);

    const applied = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply`);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.status).toBe("applied");
    expect(applied.body.summary).toMatchObject({ created: 4, updated: 0, deleted: 0, listingsCreated: 4 });
    expect(await app.mappedCount()).toBe(4);
    const status = await t.as.viewer.get(`${base}/imports/${preview.body.id}`);
    expect(status.body.progress).toEqual({ rowsDone: 5, rowsTotal: 5, writingChanges: null, waiting: false });
    const again = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply`);
    expect(again.body.summary.operationId).toBe(applied.body.summary.operationId);

    const exported = await t.as.viewer.get(`${base}/export`);
    const lines = csvLines(exported.text);
    expect(lines[0]).toBe(header);
    expect(lines.slice(1).sort()).toEqual(
      [
        "BUNDLE,ISKU-1,2,,",
        "BUNDLE,ISKU-3,1,,",
        "CH-1,ISKU-1,1,,",
        "CH-2,ISKU-2,1,,",
        "'=CH,'=FORMULA,1,,",
      ].sort(),
    );
    const reimport = await upload(t.as.editor, `${base}/imports`, {
      name: "export.csv",
      content: exported.text,
    });
    expect(reimport.body.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: 4, rejectedRows: 0 });

    const xlsx = await t.app.inject({
      method: "GET",
      url: `${base}/export?format=xlsx`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    const fromXlsx = await upload(t.as.editor, `${base}/imports`, {
      name: "export.xlsx",
      content: xlsx.rawPayload,
    });
    expect(fromXlsx.status, fromXlsx.text).toBe(201);
    expect(fromXlsx.body.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: 4, rejectedRows: 0 });
  });

  it("rejects bad rows with row, column and reason, writes nothing, and serves the error file", async () => {
    const { t, base } = await app.freshChannel();
    const file = [
      header,
      "OK-1,ISKU-1,1,,",
      "BAD-QTY,ISKU-1,1.5,,",
      "UNKNOWN,NOPE,1,,",
      "FOREIGN,FOREIGN-1,1,,",
      "TWICE,ISKU-1,1,,",
      "TWICE,ISKU-1,2,,",
      "SELLER,ISKU-1,1,A,",
      "SELLER,ISKU-2,1,B,",
      "SCI,3.65275E+11,1,,",
      "ZERO,ISKU-2,0,,",
      "NEGATIVE,ISKU-2,-2,,",
      "OK-2,ISKU-2,1,,",
    ].join("\n");
    const preview = await upload(t.as.editor, `${base}/imports`, { name: "bad.csv", content: file });
    expect(preview.status, preview.text).toBe(201);
    expect(preview.body.counts).toMatchObject({ create: 2, rejectedRows: 10 });
    const byRow = Object.fromEntries(preview.body.errors.map((e: any) => [e.row, e]));
    expect(byRow[3]).toMatchObject({ column: "quantity", value: "1.5", reason: "is not a whole number" });
    expect(byRow[4]).toMatchObject({ column: "internal_sku", value: "NOPE" });
    expect(byRow[5]).toMatchObject({ column: "internal_sku", value: "FOREIGN-1" });
    expect(byRow[7].reason).toMatch(/already a component .* row 6/);
    expect(byRow[6].reason).toMatch(/not applied: row 7/);
    expect(byRow[9]).toMatchObject({ column: "seller_id", value: "B" });
    expect(byRow[10].reason).toMatch(/the digits were lost/);
    expect(byRow[11]).toMatchObject({ column: "quantity", reason: "must be at least 1" });
    expect(byRow[12]).toMatchObject({ column: "quantity", value: "-2", reason: "must be at least 1" });

    const refused = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("IMPORT_HAS_ERRORS");
    expect(await app.mappedCount()).toBe(0);

    const errors = await t.as.viewer.get(preview.body.errorFileUrl);
    expect(errors.status).toBe(200);
    const lines = csvLines(errors.text);
    expect(lines[0]).toBe(`${header},error`);
    expect(lines).toHaveLength(11);
    expect(lines[1]).toBe('BAD-QTY,ISKU-1,1.5,,,"quantity: ""1.5"" is not a whole number"');

    const partial = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply?validRowsOnly=true`);
    expect(partial.status, partial.text).toBe(200);
    expect(partial.body.summary).toMatchObject({ created: 2, rejectedRows: 10 });
    expect(await app.mappedCount()).toBe(2);
  });

  it("refuses unreadable files with a reason and records nothing", async () => {
    const { t, base } = await app.freshChannel();
    const cases: Array<[string | Buffer, RegExp]> = [
      ["", /empty/],
      [`${header}\n`, /no rows/],
      ["channel_sku,colour\nA,red\n", /"colour" is not a known column/],
      ["internal_sku\nA\n", /no channel_sku column/],
      [Buffer.from("channel_sku,internal_sku\nCAF\xc9,ISKU-1\n", "latin1"), /not UTF-8/],
      [Buffer.from([1, 2, 0, 4, 5]), /binary/],
    ];
    for (const [content, reason] of cases) {
      const response = await upload(t.as.editor, `${base}/imports`, { name: "x.csv", content });
      expect(response.status, response.text).toBe(400);
      expect(response.body.error.code).toBe("INVALID_FILE");
      expect(response.body.error.message).toMatch(reason);
    }
  });

  it("replace mode deletes what the file does not name, as one undoable operation", async () => {
    const { t, base } = await app.freshChannel();
    const first = await upload(t.as.editor, `${base}/imports`, {
      name: "a.csv",
      content: `${header}\nA,ISKU-1,1,,\nB,ISKU-2,1,,\nC,ISKU-3,1,,\n`,
    });
    await t.as.editor.post(`${base}/imports/${first.body.id}/apply`);
    const replace = await upload(
      t.as.editor,
      `${base}/imports`,
      { name: "b.csv", content: `${header}\nA,ISKU-2,1,,\nC,,,,delete\n` },
      { mode: "replace" },
    );
    expect(replace.body.counts).toMatchObject({ create: 0, update: 1, delete: 2, unchanged: 0 });
    const applied = await t.as.editor.post(`${base}/imports/${replace.body.id}/apply`);
    expect(applied.body.summary).toMatchObject({ updated: 1, deleted: 2 });
    expect(await app.mappedCount()).toBe(1);
    const undo = await t.as.editor.post(
      `/api/v1/accounts/${t.accountId}/operations/${applied.body.summary.operationId}/undo`,
    );
    expect(undo.status, undo.text).toBeLessThan(300);
    expect(await app.mappedCount()).toBe(3);
  });

  it("refuses a seller id that is neither the channel's nor one of its listings'", async () => {
    const { t, base } = await app.freshChannel();
    // a listing of a second seller, mapped by hand
    const byHand = await t.as.editor.post(base, {
      channelSku: "SECOND-1",
      sellerId: "SECOND",
      components: [{ sku: "ISKU-1" }],
    });
    expect(byHand.status, byHand.text).toBe(201);
    const file = [header, "NEW-1,ISKU-1,1,WRONG,", "NEW-2,ISKU-2,1,SECOND,", "NEW-3,ISKU-2,1,,"].join("\n");
    const preview = await upload(t.as.editor, `${base}/imports`, { name: "sellers.csv", content: file });
    expect(preview.status, preview.text).toBe(201);
    expect(preview.body.counts).toMatchObject({ create: 2, rejectedRows: 1 });
    expect(preview.body.errors).toEqual([
      {
        row: 2,
        column: "seller_id",
        value: "WRONG",
        reason:
          "is neither the channel's seller id nor that of any of its listings; leave it empty for the channel's own",
      },
    ]);
  });

  it("re-imports the export of a channel whose SKU two sellers list to zero changes", async () => {
    const { t, base } = await app.freshChannel();
    const channelUrl = base.replace(/\/mappings$/, "");
    expect((await t.as.admin.patch(channelUrl, { sellerId: "OWN" })).status).toBe(200);
    // one channel SKU, two listings: the channel's own seller's and a second seller's
    for (const [sellerId, sku] of [
      [undefined, "ISKU-1"],
      ["SECOND", "ISKU-2"],
    ] as const) {
      const made = await t.as.editor.post(base, {
        channelSku: "SHARED",
        ...(sellerId ? { sellerId } : {}),
        components: [{ sku }],
      });
      expect(made.status, made.text).toBe(201);
    }
    const exported = await t.as.viewer.get(`${base}/export`);
    expect(csvLines(exported.text).filter((line) => line.startsWith("SHARED,"))).toHaveLength(2);
    const again = await upload(t.as.editor, `${base}/imports`, {
      name: "export.csv",
      content: exported.text,
    });
    expect(again.body.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: 2, rejectedRows: 0 });

    // a kit's rows may name the channel's own seller or leave it empty: one listing either way
    const kit = [header, "KIT,ISKU-1,1,,", "KIT,ISKU-2,2,OWN,"].join("\n");
    const kitPreview = await upload(t.as.editor, `${base}/imports`, { name: "kit.csv", content: kit });
    expect(kitPreview.body.counts).toMatchObject({ create: 1, rejectedRows: 0 });

    // a typo in one row's seller id: the channel SKU's other rows are not applied either, so no
    // kit is made of what is left
    const typo = [
      header,
      "KIT2,ISKU-1,1,,",
      "KIT2,ISKU-2,1,TYPO,",
      "NEWK,ISKU-1,1,TYPO2,",
      "NEWK,ISKU-2,1,TYPO2,",
    ];
    const typoPreview = await upload(t.as.editor, `${base}/imports`, {
      name: "typo.csv",
      content: typo.join("\n"),
    });
    expect(typoPreview.body.counts).toMatchObject({ create: 0, rejectedRows: 4 });
    const reasons = Object.fromEntries(
      typoPreview.body.errors.map((e: any) => [e.row, [e.column, e.reason]]),
    );
    expect(reasons[2]).toEqual(["channel_sku", "not applied: row 3 of the same channel_sku is invalid"]);
    expect(reasons[3]?.[0]).toBe("seller_id");
    expect(reasons[4]?.[0]).toBe("seller_id");
    expect(reasons[5]).toEqual(["channel_sku", "not applied: row 4 of the same channel_sku is invalid"]);
  });

  it("refuses XLSX cells Excel changed: a date where a quantity belongs, a number too long to keep its digits", async () => {
    const { t, base } = await app.freshChannel();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("mappings");
    sheet.addRow(["channel_sku", "internal_sku", "quantity"]);
    sheet.addRow(["DATED", "ISKU-1", new Date(Date.UTC(2024, 0, 2))]);
    // a 21-digit number typed into a General cell: a double keeps only its first 17 digits
    sheet.addRow([1.2345678901234568e20, "ISKU-1", 1]);
    sheet.addRow([4006381333931, "ISKU-2", 1]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await upload(t.as.editor, `${base}/imports`, { name: "excel.xlsx", content });
    expect(preview.status, preview.text).toBe(201);
    expect(preview.body.counts).toMatchObject({ create: 1, rejectedRows: 2 });
    expect(preview.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: "quantity",
        value: "2024-01-02",
        reason: expect.stringMatching(/whole number/),
      }),
      expect.objectContaining({
        row: 3,
        column: "channel_sku",
        reason: expect.stringMatching(/scientific notation/),
      }),
    ]);
  });

  it("answers the first import for a repeated Idempotency-Key", async () => {
    const { t, channelId, base } = await app.freshChannel();
    const file = { name: "k.csv", content: `${header}\nK,ISKU-1,1,,\n` };
    const key = { "idempotency-key": `key-${channelId}` };
    const first = await upload(t.as.editor, `${base}/imports`, file, {}, key);
    const second = await upload(t.as.editor, `${base}/imports`, file, {}, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
  });

  it("refuses a repeated Idempotency-Key sent with another channel, file or options", async () => {
    const { t, channelId, base } = await app.freshChannel();
    const other = await app.freshChannel();
    const file = { name: "k.csv", content: `${header}\nK,ISKU-1,1,,\n` };
    const key = { "idempotency-key": `shared-${channelId}` };
    const first = await upload(t.as.editor, `${base}/imports`, file, {}, key);
    expect(first.status).toBe(201);
    const reused = [
      await upload(t.as.editor, `${other.base}/imports`, file, {}, key),
      await upload(
        t.as.editor,
        `${base}/imports`,
        { ...file, content: `${header}\nK,ISKU-2,1,,\n` },
        {},
        key,
      ),
      await upload(t.as.editor, `${base}/imports?apply=true`, file, {}, key),
      await upload(t.as.editor, `${base}/imports`, file, { mode: "replace" }, key),
    ];
    for (const response of reused) {
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        code: "IDEMPOTENCY_KEY_REUSED",
        message: `Idempotency-Key "shared-${channelId}" was first sent with another request (another channel, file or options); send this one with a new key.`,
        details: { importId: first.body.id },
      });
    }
    // nothing was applied anywhere; the first import is still a preview
    for (const where of [base, other.base]) {
      expect((await t.as.viewer.get(`${where}?limit=10`)).body.items).toEqual([]);
    }
    expect((await t.as.viewer.get(`${base}/imports/${first.body.id}`)).body.status).toBe("previewed");
  });
});
