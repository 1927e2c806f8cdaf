/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Mapping files through the API on SQLite and PostgreSQL: template, export, upload -> preview
// (nothing written), apply in one transaction, error file, valid rows only, replace mode with
// undo, idempotency, and export -> import of the export = zero changes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { csvLines, makeChannel, makeVariants, upload } from "./transfer-test-helpers.ts";

const header = "channel_sku,internal_sku,quantity,seller_id,action";
const uploads = mkdtempSync(join(tmpdir(), "crosswalk-uploads-"));
process.env.CROSSWALK_UPLOADS = uploads;
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

describe.each(dialects)("mapping files on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await makeVariants(t, ["ISKU-1", "ISKU-2", "ISKU-3", "=FORMULA"]);
    await makeVariants(t, ["FOREIGN-1"], t.other, t.otherAccountId);
  });
  afterAll(async () => {
    await t.close();
  });

  async function freshChannel() {
    channelId = await makeChannel(t);
    base = `/api/v1/accounts/${t.accountId}/channels/${channelId}/mappings`;
  }

  async function mappedCount(): Promise<number> {
    const response = await t.as.viewer.get(`${base}?limit=500`);
    expect(response.status, response.text).toBe(200);
    return response.body.items.length;
  }

  it("serves the template and exports an unmapped channel as the blank template", async () => {
    await freshChannel();
    const template = await t.as.viewer.get(`${base}/template`);
    expect(template.status).toBe(200);
    expect(template.text).toBe(`${header}\n`);
    const exported = await t.as.viewer.get(`${base}/export`);
    expect(exported.text).toBe(template.text);
    const xlsx = await t.app.inject({
      method: "GET",
      url: `${base}/template?format=xlsx`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("previews without writing, applies in one operation, and re-imports its export to zero changes", async () => {
    await freshChannel();
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
    expect(await mappedCount()).toBe(0);

    const dry = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply?dryRun=true`);
    expect(dry.body.status).toBe("previewed");
    expect(await mappedCount()).toBe(0);

    const applied = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply`);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.status).toBe("applied");
    expect(applied.body.summary).toMatchObject({ created: 4, updated: 0, deleted: 0, listingsCreated: 4 });
    expect(await mappedCount()).toBe(4);
    const status = await t.as.viewer.get(`${base}/imports/${preview.body.id}`);
    expect(status.body.progress).toEqual({ rowsDone: 5, rowsTotal: 5, writingChanges: null });
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
    await freshChannel();
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
      "OK-2,ISKU-2,1,,",
    ].join("\n");
    const preview = await upload(t.as.editor, `${base}/imports`, { name: "bad.csv", content: file });
    expect(preview.status, preview.text).toBe(201);
    expect(preview.body.counts).toMatchObject({ create: 2, rejectedRows: 9 });
    const byRow = Object.fromEntries(preview.body.errors.map((e: any) => [e.row, e]));
    expect(byRow[3]).toMatchObject({ column: "quantity", value: "1.5", reason: "is not a whole number" });
    expect(byRow[4]).toMatchObject({ column: "internal_sku", value: "NOPE" });
    expect(byRow[5]).toMatchObject({ column: "internal_sku", value: "FOREIGN-1" });
    expect(byRow[7].reason).toMatch(/already a component .* row 6/);
    expect(byRow[6].reason).toMatch(/not applied: row 7/);
    expect(byRow[9]).toMatchObject({ column: "seller_id", value: "B" });
    expect(byRow[10].reason).toMatch(/the digits were lost/);
    expect(byRow[11]).toMatchObject({ column: "quantity", reason: "must be at least 1" });

    const refused = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("IMPORT_HAS_ERRORS");
    expect(await mappedCount()).toBe(0);

    const errors = await t.as.viewer.get(preview.body.errorFileUrl);
    expect(errors.status).toBe(200);
    const lines = csvLines(errors.text);
    expect(lines[0]).toBe(`${header},error`);
    expect(lines).toHaveLength(10);
    expect(lines[1]).toBe('BAD-QTY,ISKU-1,1.5,,,"quantity: ""1.5"" is not a whole number"');

    const partial = await t.as.editor.post(`${base}/imports/${preview.body.id}/apply?validRowsOnly=true`);
    expect(partial.status, partial.text).toBe(200);
    expect(partial.body.summary).toMatchObject({ created: 2, rejectedRows: 9 });
    expect(await mappedCount()).toBe(2);
  });

  it("refuses unreadable files with a reason and records nothing", async () => {
    await freshChannel();
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
    await freshChannel();
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
    expect(await mappedCount()).toBe(1);
    const undo = await t.as.editor.post(
      `/api/v1/accounts/${t.accountId}/operations/${applied.body.summary.operationId}/undo`,
    );
    expect(undo.status, undo.text).toBeLessThan(300);
    expect(await mappedCount()).toBe(3);
  });

  it("answers the first import for a repeated Idempotency-Key", async () => {
    await freshChannel();
    const file = { name: "k.csv", content: `${header}\nK,ISKU-1,1,,\n` };
    const key = { "idempotency-key": `key-${channelId}` };
    const first = await upload(t.as.editor, `${base}/imports`, file, {}, key);
    const second = await upload(t.as.editor, `${base}/imports`, file, {}, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
  });

  it("validates and applies in one pass with apply=true; invalid rows then write nothing but the preview", async () => {
    await freshChannel();
    const good = { name: "g.csv", content: `${header}\nP1,ISKU-1,1,,\nP2,ISKU-2,2,,\nP2,ISKU-3,1,,\n` };
    const key = { "idempotency-key": `one-pass-${channelId}` };
    const applied = await upload(t.as.editor, `${base}/imports?apply=true`, good, {}, key);
    expect(applied.status, applied.text).toBe(201);
    expect(applied.body).toMatchObject({
      status: "applied",
      totalRows: 3,
      counts: { create: 2, rejectedRows: 0 },
      summary: { created: 2, listingsCreated: 2, rejectedRows: 0 },
    });
    expect(await mappedCount()).toBe(2);
    const repeated = await upload(t.as.editor, `${base}/imports?apply=true`, good, {}, key);
    expect(repeated.status).toBe(200);
    expect(repeated.body.id).toBe(applied.body.id);

    const bad = { name: "b.csv", content: `${header}\nP3,ISKU-1,1,,\nP4,NOPE,1,,\n` };
    const refused = await upload(t.as.editor, `${base}/imports`, bad, { apply: "true" });
    expect(refused.status, refused.text).toBe(201);
    expect(refused.body).toMatchObject({ status: "previewed", counts: { create: 1, rejectedRows: 1 } });
    expect(refused.body.errors[0]).toMatchObject({ row: 3, column: "internal_sku", value: "NOPE" });
    expect(refused.body.errorFileUrl).toContain(refused.body.id);
    expect(await mappedCount()).toBe(2);

    const partial = await upload(t.as.editor, `${base}/imports`, bad, {
      apply: "true",
      validRowsOnly: "true",
    });
    expect(partial.body).toMatchObject({ status: "applied", summary: { created: 1, rejectedRows: 1 } });
    expect(await mappedCount()).toBe(3);
  });

  it("applies an import once when two applies race", async () => {
    await freshChannel();
    const file = { name: "r.csv", content: `${header}\nR1,ISKU-1,1,,\nR2,ISKU-2,1,,\n` };
    const preview = await upload(t.as.editor, `${base}/imports`, file);
    const url = `${base}/imports/${preview.body.id}/apply`;
    const [a, b] = await Promise.all([t.as.editor.post(url), t.as.editor.post(url)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.summary).toMatchObject({ created: 2 });
    expect(b.body.summary).toEqual(a.body.summary);
    expect(await mappedCount()).toBe(2);
  });

  it("imports a file over 1 MB, parsed on a worker thread, in one pass", async () => {
    await freshChannel();
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `BIG-${String(i).padStart(6, "0")},ISKU-${(i % 3) + 1},1,,`,
    );
    const content = `${header}\n${rows.join("\n")}\nBIG-BAD,NOPE,1,,\n`;
    expect(content.length).toBeGreaterThan(1024 * 1024);
    const refused = await upload(t.as.editor, `${base}/imports?apply=true`, { name: "big.csv", content });
    expect(refused.body).toMatchObject({
      status: "previewed",
      totalRows: 50_001,
      counts: { create: 50_000 },
    });
    expect(refused.body.errors).toEqual([
      {
        row: 50_002,
        column: "internal_sku",
        value: "NOPE",
        reason: "is not the SKU of a variant in this account",
      },
    ]);
    const applied = await upload(
      t.as.editor,
      `${base}/imports`,
      { name: "big.csv", content },
      { apply: "true", validRowsOnly: "true" },
    );
    expect(applied.body).toMatchObject({ status: "applied", summary: { created: 50_000, rejectedRows: 1 } });
    const coverage = await t.as.viewer.get(`${base}?limit=1`);
    expect(coverage.status).toBe(200);
  });

  it("applies in the background with async=true, answering status polls with its progress meanwhile", async () => {
    await freshChannel();
    const rows = Array.from({ length: 40_000 }, (_, i) => `ASYNC-${i},ISKU-${(i % 3) + 1},1,,`);
    const content = `${header}\n${rows.join("\n")}\n`;
    const preview = await upload(t.as.editor, `${base}/imports`, { name: "async.csv", content });
    expect(preview.body.counts.create).toBe(40_000);
    const url = `${base}/imports/${preview.body.id}`;
    const started = await t.as.editor.post(`${url}/apply?async=true`);
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({ status: "applying", progress: { rowsTotal: 40_000 } });
    const seen: string[] = [];
    let poll = await t.as.viewer.get(url);
    for (let i = 0; i < 600 && poll.body.status === "applying"; i++) {
      seen.push(poll.body.status);
      expect(poll.body.progress.rowsDone).toBeLessThanOrEqual(40_000);
      // null while the file is read, then the changes being written
      expect([null, 40_000]).toContain(poll.body.progress.writingChanges);
      await new Promise((resolve) => setTimeout(resolve, 10));
      poll = await t.as.viewer.get(url);
    }
    expect(seen.length).toBeGreaterThan(0); // polls were answered while it applied
    expect(poll.body).toMatchObject({
      status: "applied",
      summary: { created: 40_000 },
      progress: { writingChanges: null },
      error: null,
    });
    expect((await t.as.editor.post(`${url}/apply?async=true`)).status).toBe(200);

    const bad = await upload(t.as.editor, `${base}/imports`, {
      name: "bad.csv",
      content: `${header}\nASYNC-X,NOPE,1,,\n`,
    });
    const refused = await t.as.editor.post(`${base}/imports/${bad.body.id}/apply?async=true`);
    expect(refused.status).toBe(202);
    let failed = await t.as.viewer.get(`${base}/imports/${bad.body.id}`);
    for (let i = 0; i < 200 && failed.body.status === "applying"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      failed = await t.as.viewer.get(`${base}/imports/${bad.body.id}`);
    }
    expect(failed.body).toMatchObject({ status: "failed", error: { code: "IMPORT_HAS_ERRORS" } });
  });

  it("answers two racing one-pass uploads of one Idempotency-Key with the same import, applied once", async () => {
    await freshChannel();
    const file = { name: "race.csv", content: `${header}\nRACE-1,ISKU-1,1,,\nRACE-2,ISKU-2,1,,\n` };
    const key = { "idempotency-key": `race-${channelId}` };
    const url = `${base}/imports?apply=true`;
    const [a, b] = await Promise.all([
      upload(t.as.editor, url, file, {}, key),
      upload(t.as.editor, url, file, {}, key),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body.status).toBe("applied");
    expect(await mappedCount()).toBe(2);
    const operations = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/operations?channelId=${channelId}`,
    );
    expect(operations.status, operations.text).toBe(200);
    expect(operations.body.items.filter((o: { kind: string }) => o.kind === "import")).toHaveLength(1);
  });
});
