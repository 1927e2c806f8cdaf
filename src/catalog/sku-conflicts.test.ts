// SKU uniqueness under concurrency and inside a caller's transaction: the database constraint
// decides, the loser gets SKU_CONFLICT, and nothing of it is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { AppError } from "../shared/errors.ts";
import { createProduct } from "./create-product.ts";
import { findVariantsBySkus } from "./variant-lookup.ts";

describe.each(dialects)("SKU conflicts on %s", (dialect) => {
  let t: TestApp;
  let products: string;
  const countVariants = async () =>
    Number(
      (
        await t.database.db
          .selectFrom("variants")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("account_id", "=", t.accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    products = `/api/v1/accounts/${t.accountId}/products`;
  });
  afterAll(async () => {
    await t.close();
  });

  it("lets exactly one of several concurrent creates with the same SKU win", async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.as.editor.post(products, {
          name: `Race ${i}`,
          variants: [{ sku: `RACE-${i}` }, { sku: "RACE-SHARED" }],
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const loser of responses.filter((r) => r.status === 409)) {
      expect(loser.body.error.code).toBe("SKU_CONFLICT");
    }
    expect(await countVariants()).toBe(2);
  });

  it("writes nothing when a product created in the caller's transaction conflicts", async () => {
    const db = t.database.db;
    const before = await countVariants();
    const attempt = db.transaction().execute(async (trx) => {
      await createProduct(trx, { accountId: t.accountId, input: { name: "First", sku: "TRX-1" } });
      await createProduct(trx, { accountId: t.accountId, input: { name: "Second", sku: "TRX-1" } });
    });
    await expect(attempt).rejects.toMatchObject({
      code: "SKU_CONFLICT",
      details: { field: "sku", value: "TRX-1" },
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(await countVariants()).toBe(before);
    expect((await findVariantsBySkus(db, t.accountId, ["TRX-1"])).size).toBe(0);
  });

  it("finds variants by exact SKU only, across chunks of a large batch", async () => {
    await createProduct(t.database.db, {
      accountId: t.accountId,
      input: { name: "Many", variants: Array.from({ length: 600 }, (_, i) => ({ sku: `MANY-${i}` })) },
    });
    const wanted = [...Array.from({ length: 600 }, (_, i) => `MANY-${i}`), "many-1", "MISSING"];
    const found = await findVariantsBySkus(t.database.db, t.accountId, wanted);
    expect(found.size).toBe(600);
    expect(found.get("MANY-599")?.sku).toBe("MANY-599");
    expect(found.has("many-1")).toBe(false);
  });
});
