// Variant search through the API (ordering, deduplication, paging, archived) and proof that every
// search query runs on an index, on SQLite and PostgreSQL.
import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { buildVariantSearchQueries } from "./search-variants.ts";

type Item = { sku: string; matchedBy: string; archived: boolean };

describe.each(dialects)("variant search on %s", (dialect) => {
  let t: TestApp;
  let products: string;
  let variants: string;
  const search = async (query: string) => {
    const res = await t.as.viewer.get(`${variants}?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; nextCursor: string | null };
  };
  const skus = (items: Item[]) => items.map((i) => i.sku);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    products = `/api/v1/accounts/${t.accountId}/products`;
    variants = `/api/v1/accounts/${t.accountId}/variants`;
    // the "done when" catalog: three products, one with three variants
    const created = [
      await t.as.editor.post(products, { name: "Espresso Cup", sku: "CUP-ESP", variants: undefined }),
      await t.as.editor.post(products, {
        name: "Hoodie",
        variants: [
          { sku: "HOOD-S", barcode: "4006381333931", options: { size: "S" } },
          { sku: "HOOD-M", name: "Hoodie medium", options: { size: "M" } },
          { sku: "HOOD-L", barcode: "036000291452", options: { size: "L" } },
        ],
      }),
      await t.as.editor.post(products, { name: "hood ornament", sku: "ORN-1" }),
      await t.as.editor.post(products, { name: "Hood", sku: "HOOD" }),
      await t.as.editor.post(products, { name: "Numbered", sku: "0036000291452-X" }),
    ];
    for (const res of created) expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it("finds variants by SKU prefix, case-insensitively, exact SKU first", async () => {
    const page = await search("q=HOOD");
    expect(skus(page.items)).toEqual(["HOOD", "HOOD-L", "HOOD-M", "HOOD-S", "ORN-1"]);
    expect(page.items.map((i) => i.matchedBy)).toEqual(["sku", "sku", "sku", "sku", "name"]);
    expect(skus((await search("q=hood-")).items)).toEqual(["HOOD-L", "HOOD-M", "HOOD-S"]);
  });

  it("finds variants by barcode in any GTIN form, after SKU matches", async () => {
    const byEan = await search("q=0036000291452");
    expect(byEan.items.map((i) => [i.sku, i.matchedBy])).toEqual([
      ["0036000291452-X", "sku"],
      ["HOOD-L", "barcode"],
    ]);
    const byUpc = await search("q=036000291452");
    expect(byUpc.items.map((i) => [i.sku, i.matchedBy])).toEqual([["HOOD-L", "barcode"]]);
    expect(skus((await search("q=4006381333931")).items)).toEqual(["HOOD-S"]);
  });

  it("finds variants by name prefix, using the product's name for unnamed variants", async () => {
    const page = await search("q=hoodie");
    expect(page.items.every((i) => i.matchedBy === "name")).toBe(true);
    expect(skus(page.items).sort()).toEqual(["HOOD-L", "HOOD-M", "HOOD-S"]);
    expect(skus((await search("q=hoodie%20med")).items)).toEqual(["HOOD-M"]);
    expect(skus((await search("q=espresso")).items)).toEqual(["CUP-ESP"]);
    expect((await search("q=nothing-like-this")).items).toEqual([]);
  });

  it("pages through results with cursors without repeating or losing a variant", async () => {
    for (const size of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const page = await search(`q=hood&limit=${size}${after}`);
        expect(page.items.length).toBeLessThanOrEqual(size);
        seen.push(...skus(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(["HOOD", "HOOD-L", "HOOD-M", "HOOD-S", "ORN-1"]);
    }
  });

  it("lists every variant by SKU without q, paginated", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = await search(`limit=2${after}`);
      seen.push(...skus(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["0036000291452-X", "CUP-ESP", "HOOD", "HOOD-L", "HOOD-M", "HOOD-S", "ORN-1"]);
  });

  it("leaves archived variants out unless includeArchived is set", async () => {
    const hoodM = (await search("q=HOOD-M")).items[0] as unknown as { id: string };
    await t.as.editor.patch(`${variants}/${hoodM.id}`, { archived: true });
    expect(skus((await search("q=hood-")).items)).toEqual(["HOOD-L", "HOOD-S"]);
    const all = await search("q=hood-&includeArchived=true");
    expect(all.items.map((i) => [i.sku, i.archived])).toEqual([
      ["HOOD-L", false],
      ["HOOD-M", true],
      ["HOOD-S", false],
    ]);
    await t.as.editor.patch(`${variants}/${hoodM.id}`, { archived: false });
  });

  it("never shows another account's variants", async () => {
    const other = `/api/v1/accounts/${t.otherAccountId}`;
    expect((await t.other.post(`${other}/products`, { name: "Hood B", sku: "HOOD-B" })).status).toBe(201);
    expect(skus((await search("q=hood-b")).items)).toEqual([]);
    const theirs = await t.other.get(`${other}/variants?q=hood`);
    expect(theirs.body.items.map((i: Item) => i.sku)).toEqual(["HOOD-B"]);
  });

  it("rejects a cursor it did not issue", async () => {
    const res = await t.as.viewer.get(`${variants}?q=hood&cursor=bm9wZQ`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_CURSOR");
  });

  it("runs every search phase on its variants index, never a full scan", async () => {
    const db = t.database.db;
    // statistics as a real database has them, so the planner chooses as it would in production
    await sql`analyze variants`.execute(db);
    const expected = {
      exact: dialect === "sqlite" ? "sqlite_autoindex_variants_" : "variants_sku_unique",
      skuPrefix: "variants_sku_search",
      barcode: "variants_barcode",
      namePrefix: "variants_name_search",
    };
    const pages = [
      { accountId: t.accountId, q: "036000291452", limit: 50 },
      { accountId: t.accountId, q: "036000291452", limit: 50, cursor: "eyJwIjozLCJrIjoiaG9vZCIsImkiOiIwIn0" },
    ];
    for (const options of pages) {
      const queries = buildVariantSearchQueries(db, options);
      for (const { phase, query } of queries) {
        const compiled = query.compile();
        if (dialect === "sqlite") {
          const plan = await db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
          );
          const steps = plan.rows.map((r) => r.detail).filter((d) => d.includes("variants"));
          expect(steps.length, phase).toBeGreaterThan(0);
          for (const step of steps) {
            expect(step, phase).toMatch(/^SEARCH variants USING (COVERING )?INDEX /);
            expect(step, phase).toContain(expected[phase]);
          }
        } else {
          const text = await db.transaction().execute(async (trx) => {
            await sql`set local enable_seqscan = off`.execute(trx);
            const plan = await trx.executeQuery<{ "QUERY PLAN": string }>(
              CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
            );
            return plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
          });
          expect(text, phase).not.toContain("Seq Scan");
          expect(text, phase).toMatch(/(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) variants_/);
          expect(text, phase).toContain(expected[phase]);
        }
      }
    }
  });
});
