/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Stock files through the API on SQLite and PostgreSQL: template, upload -> preview (nothing
// written), apply of absolute levels in one transaction, rejected rows with reasons, and
// export -> import of the export = zero changes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { applyStockImport } from "./stock-import.ts";
import { csvLines, makeVariants, upload } from "./transfer-test-helpers.ts";

const uploads = mkdtempSync(join(tmpdir(), "crosswalk-uploads-"));
process.env.CROSSWALK_UPLOADS = uploads;
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

describe.each(dialects)("stock files on %s", (dialect) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/v1/accounts/${t.accountId}/stock`;
    await makeVariants(t, ["S-1", "S-2", "S-3"]);
    await makeVariants(t, ["FOREIGN-S"], t.other, t.otherAccountId);
  });
  afterAll(async () => {
    await t.close();
  });

  async function levels(): Promise<Record<string, [number, number]>> {
    const response = await t.as.viewer.get(`${base}?limit=100`);
    expect(response.status, response.text).toBe(200);
    return Object.fromEntries(
      response.body.items.map((l: any) => [`${l.sku}@${l.location}`, [l.onHand, l.reserved]]),
    );
  }

  async function uploadStock(content: string | Buffer, name = "stock.csv") {
    const response = await upload(t.as.editor, `${base}/imports`, { name, content });
    expect(response.status, response.text).toBe(201);
    return response.body;
  }

  it("previews, applies absolute levels, and re-imports its export to zero changes", async () => {
    expect((await t.as.viewer.get(`${base}/template`)).text).toBe("sku,location,on_hand,reserved\n");
    const preview = await uploadStock("sku,location,on_hand,reserved\nS-1,,10,2\nS-2,default,5,\n");
    expect(preview).toMatchObject({ kind: "stock", totalRows: 2, counts: { create: 2, rejectedRows: 0 } });
    expect(await levels()).toEqual({});
    const applied = await t.as.editor.post(`${base}/imports/${preview.id}/apply`);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.summary).toMatchObject({ created: 2, updated: 0 });
    expect(await levels()).toEqual({ "S-1@default": [10, 2], "S-2@default": [5, 0] });

    // without a reserved column the current reserved is kept
    const update = await uploadStock("SKU;On Hand\nS-1;7\nS-2;5\n");
    expect(update.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    await t.as.editor.post(`${base}/imports/${update.id}/apply`);
    expect((await levels())["S-1@default"]).toEqual([7, 2]);

    const exported = await t.as.viewer.get(`${base}/export`);
    expect(csvLines(exported.text)).toEqual([
      "sku,location,on_hand,reserved",
      "S-1,default,7,2",
      "S-2,default,5,0",
    ]);
    const again = await uploadStock(exported.text);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 2, rejectedRows: 0 });
    const xlsx = await t.app.inject({
      method: "GET",
      url: `${base}/export?format=xlsx`,
      headers: { authorization: `Bearer ${t.as.viewer.key}` },
    });
    const fromXlsx = await uploadStock(xlsx.rawPayload, "stock.xlsx");
    expect(fromXlsx.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  it("rejects unknown SKUs, other accounts' SKUs, bad numbers and locations; writes nothing", async () => {
    const before = await levels();
    const file = [
      "sku,location,on_hand,reserved",
      "S-3,,4,",
      "NOPE,,1,",
      "FOREIGN-S,,1,",
      "S-3,warehouse-x,1,",
      "S-2,,-3,",
      "S-2,,2.5,",
      "S-2,,2,1e3",
      "S-1,,,",
      "S-3,default,5,",
    ].join("\n");
    const preview = await uploadStock(file);
    expect(preview.errors).toEqual([
      { row: 2, column: "sku", value: "S-3", reason: "is set differently by row 10" },
      { row: 3, column: "sku", value: "NOPE", reason: "is not the SKU of a variant in this account" },
      { row: 4, column: "sku", value: "FOREIGN-S", reason: "is not the SKU of a variant in this account" },
      {
        row: 5,
        column: "location",
        value: "warehouse-x",
        reason: 'is neither "default" nor the id of a fulfillment channel of this account',
      },
      { row: 6, column: "on_hand", value: "-3", reason: "must not be negative" },
      { row: 7, column: "on_hand", value: "2.5", reason: "is not a whole number" },
      { row: 8, column: "reserved", value: "1e3", reason: "is not a whole number" },
      { row: 9, column: "on_hand", value: "", reason: "is empty" },
      {
        row: 10,
        column: "sku",
        value: "S-3",
        reason: "sets the same sku and location as row 2 differently; keep one of the two rows",
      },
    ]);
    const refused = await t.as.editor.post(`${base}/imports/${preview.id}/apply`);
    expect(refused.status).toBe(422);
    expect(await levels()).toEqual(before);
    const errorFile = await t.as.viewer.get(preview.errorFileUrl);
    expect(csvLines(errorFile.text)[0]).toBe("sku,location,on_hand,reserved,error");
    expect(csvLines(errorFile.text)).toHaveLength(10);
    expect((await t.as.viewer.get(`${base}/imports/${preview.id}`)).body.status).toBe("previewed");
  });

  it("applies in the background with async=true: 202, then the status shows it applied, or failed with the reason", async () => {
    const preview = await uploadStock("sku,on_hand\nS-3,9\n");
    const started = await t.as.editor.post(`${base}/imports/${preview.id}/apply?async=true`);
    expect([200, 202], started.text).toContain(started.status);
    let status = started.body;
    for (let i = 0; status.status !== "applied" && status.status !== "failed" && i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await t.as.viewer.get(`${base}/imports/${preview.id}`)).body;
    }
    expect(status).toMatchObject({ status: "applied", summary: { created: 1 } });
    expect((await levels())["S-3@default"]).toEqual([9, 0]);

    const bad = await uploadStock("sku,on_hand\nS-3,1\nNOPE,1\n");
    await t.as.editor.post(`${base}/imports/${bad.id}/apply?async=true`);
    let failed = (await t.as.viewer.get(`${base}/imports/${bad.id}`)).body;
    for (let i = 0; failed.status !== "failed" && i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      failed = (await t.as.viewer.get(`${base}/imports/${bad.id}`)).body;
    }
    expect(failed).toMatchObject({ status: "failed", error: { code: "IMPORT_HAS_ERRORS" } });
    expect((await levels())["S-3@default"]).toEqual([9, 0]);
  });

  it("validates and applies an upload in one pass with apply=true, and writes nothing when a row is rejected", async () => {
    const refused = await upload(t.as.editor, `${base}/imports?apply=true`, {
      name: "s.csv",
      content: "sku,on_hand\nS-1,41\nNOPE,1\n",
    });
    expect(refused.status, refused.text).toBe(201);
    expect(refused.body).toMatchObject({ status: "previewed", counts: { rejectedRows: 1 } });
    expect((await levels())["S-1@default"]?.[0]).not.toBe(41);
    const applied = await upload(t.as.editor, `${base}/imports?apply=true`, {
      name: "s.csv",
      content: "sku,on_hand\nS-1,41\n",
    });
    expect(applied.body).toMatchObject({ status: "applied", summary: { rejectedRows: 0 } });
    expect((await levels())["S-1@default"]?.[0]).toBe(41);
  });

  it("tells the apply's progress when the writes begin, with the preview's number of changes", async () => {
    const preview = await uploadStock("sku,on_hand\nS-1,61\nS-2,62\nS-3,63\n");
    const changes = preview.counts.create + preview.counts.update;
    expect(changes).toBeGreaterThan(0);
    const told: number[] = [];
    const applied = await applyStockImport(t.database.db, {
      accountId: t.accountId,
      importId: preview.id,
      validRowsOnly: false,
      dryRun: false,
      onWrite: (n) => told.push(n),
    });
    expect(applied.status).toBe("applied");
    expect(told).toEqual([changes]);
  });

  it("checks and applies a file of several pages of rows, its rejected rows in file order", async () => {
    const skus = Array.from({ length: 2400 }, (_, i) => `PAGE-${i}`);
    for (let i = 0; i < skus.length; i += 800) await makeVariants(t, skus.slice(i, i + 800));
    const lines = ["sku,on_hand"];
    for (const [i, sku] of skus.entries()) {
      lines.push(`${sku},${i}`);
      // an unknown SKU on each page, and the same SKU and location set again on the last
      if (i % 1000 === 999) lines.push(`NOPE-${i},1`);
    }
    lines.push("PAGE-5,7");
    const preview = await uploadStock(lines.join("\n"));
    expect(preview.counts).toMatchObject({ create: 2399, rejectedRows: 4 });
    expect(preview.errors.map((e: any) => [e.row, e.value, e.reason])).toEqual([
      [7, "PAGE-5", "is set differently by row 2404"],
      [1002, "NOPE-999", "is not the SKU of a variant in this account"],
      [2003, "NOPE-1999", "is not the SKU of a variant in this account"],
      [2404, "PAGE-5", "sets the same sku and location as row 7 differently; keep one of the two rows"],
    ]);
    const applied = await t.as.editor.post(`${base}/imports/${preview.id}/apply?validRowsOnly=true`);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.summary).toMatchObject({ created: 2399, rejectedRows: 4 });
    const page = await t.as.viewer.get(`${base}?sku=PAGE-2399`);
    expect(page.body.items.map((l: any) => [l.sku, l.onHand])).toEqual([["PAGE-2399", 2399]]);
  });

  it("applies two racing stock imports of the same new levels one after the other", async () => {
    const skus = Array.from({ length: 20 }, (_, i) => `RACE-S-${i}`);
    await makeVariants(t, skus);
    const fileOf = (onHand: number) => ["sku,on_hand", ...skus.map((sku) => `${sku},${onHand}`)].join("\n");
    const [a, b] = await Promise.all([
      upload(t.as.editor, `${base}/imports?apply=true`, { name: "a.csv", content: fileOf(5) }),
      upload(t.as.editor, `${base}/imports?apply=true`, { name: "b.csv", content: fileOf(9) }),
    ]);
    expect([a.status, b.status], `${a.text}\n${b.text}`).toEqual([201, 201]);
    const summaries = [a.body.summary, b.body.summary];
    // whichever came second found the first one's levels and changed them
    expect(summaries.map((s) => [s.created, s.updated]).sort()).toEqual([
      [0, 20],
      [20, 0],
    ]);
    const last = summaries[0].updated === 20 ? 5 : 9;
    for (const sku of skus) {
      const level = await t.as.viewer.get(`${base}?sku=${sku}`);
      expect(level.body.items.map((l: any) => [l.location, l.onHand])).toEqual([["default", last]]);
    }
  });
});
