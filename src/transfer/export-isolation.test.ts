// The SQLite mapping export reads its pages with prepared statements on the connection every
// request shares. A page must never be read inside another request's open transaction (an
// import in progress): it waits for that transaction, and sees only what it committed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { createChannel } from "../channels/create-channel.ts";
import { importAndApplyMappings } from "./apply-mapping-import.ts";
import { generateMappingRows } from "./export-mappings.ts";

const dir = mkdtempSync(join(tmpdir(), "crosswalk-export-isolation-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mapping export on the shared SQLite connection", () => {
  let t: TestDatabase;
  let ids: { accountId: string; channelId: string };
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const userId = (await createUser(t.db, { email: "iso@example.com" })).id;
    const accountId = (await createAccount(t.db, { name: "I", ownerUserId: userId })).id;
    const channel = { name: "Shop", kind: "sales", platform: "generic" } as const;
    ids = { accountId, channelId: (await createChannel(t.db, { accountId, channel })).id };
    await createProduct(t.db, { accountId, input: { name: "P", sku: "V1" } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function importRows(name: string, skus: string[]) {
    const path = join(dir, name);
    writeFileSync(path, `channel_sku,internal_sku\n${skus.map((sku) => `${sku},V1`).join("\n")}\n`);
    return importAndApplyMappings(t.db, {
      ...ids,
      mode: "merge",
      fileName: name,
      idempotencyKey: null,
      actorUserId: null,
      path,
      keepFile: true,
      validRowsOnly: false,
    });
  }

  it("does not read a page inside an import's open transaction", async () => {
    await importRows(
      "seed.csv",
      Array.from({ length: 5001 }, (_, i) => `SEED-${i}`),
    );
    const rows = generateMappingRows(t.db, ids)[Symbol.asyncIterator]();
    expect((await rows.next()).done).toBe(false); // the first page (5,000 mappings) is read
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const open = t.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("listings")
        .set({ channel_sku: sql<string>`'UNCOMMITTED-' || channel_sku` })
        .where("account_id", "=", ids.accountId)
        .execute();
      await gate;
      throw new Error("rolled back");
    });
    const rest: string[] = [];
    const reading = (async () => {
      for (let next = await rows.next(); !next.done; next = await rows.next())
        rest.push(String(next.value[0]));
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await expect(open).rejects.toThrow("rolled back");
    await reading;
    expect(rest).toHaveLength(5000);
    expect(rest.filter((sku) => sku.startsWith("UNCOMMITTED"))).toEqual([]);
  });
});
