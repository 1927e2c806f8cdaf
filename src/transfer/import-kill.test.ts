// Killing the process in the middle of an import: `crosswalk import mappings` (one pass, one
// transaction) is killed with SIGKILL once it has read the whole file, while it writes. The
// channel must be exactly as before (its earlier mappings, listings and operations), the import
// not recorded, and the database usable: the same import then runs to the end. The same for
// `crosswalk import catalog`, killed while it writes its pages of products. SQLite and PostgreSQL.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { createChannel } from "../channels/create-channel.ts";
import { importAndApplyMappings } from "./apply-mapping-import.ts";

const bin = fileURLToPath(new URL("../../bin/crosswalk.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "crosswalk-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = 60_000;

describe.each(dialects)("an import killed while it writes, on %s", (dialect) => {
  let t: TestDatabase;
  let ids: { accountId: string; channelId: string };
  const file = join(dir, `${dialect}.csv`);
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const userId = (await createUser(t.db, { email: "kill@example.com" })).id;
    const accountId = (await createAccount(t.db, { name: "K", ownerUserId: userId })).id;
    const channel = { name: "Shop", kind: "sales", platform: "generic" } as const;
    ids = { accountId, channelId: (await createChannel(t.db, { accountId, channel })).id };
    await createProduct(t.db, { accountId, input: { name: "P", variants: [{ sku: "V1" }, { sku: "V2" }] } });
    const before = join(dir, `${dialect}-before.csv`);
    writeFileSync(before, "channel_sku,internal_sku\nKEEP-1,V1\nKEEP-2,V2\nK-00001,V1\n");
    await importAndApplyMappings(t.db, {
      ...ids,
      mode: "merge",
      fileName: "before.csv",
      idempotencyKey: null,
      actorUserId: null,
      path: before,
      keepFile: true,
      validRowsOnly: false,
    });
    const lines = Array.from(
      { length: rows },
      (_, i) => `K-${String(i).padStart(5, "0")},V${(i % 2) + 1},1,,`,
    );
    writeFileSync(file, `channel_sku,internal_sku,quantity,seller_id,action\n${lines.join("\n")}\n`);
  });
  afterAll(async () => {
    await t.close();
  });

  const snapshot = async () => ({
    mappings: await t.db
      .selectFrom("mappings as m")
      .innerJoin("listings as l", (j) =>
        j.onRef("l.account_id", "=", "m.account_id").onRef("l.id", "=", "m.listing_id"),
      )
      .innerJoin("mapping_components as c", (j) =>
        j.onRef("c.account_id", "=", "m.account_id").onRef("c.mapping_id", "=", "m.id"),
      )
      .select(["l.channel_sku", "c.variant_id", "c.quantity", "m.origin"])
      .where("m.account_id", "=", ids.accountId)
      .orderBy("l.channel_sku")
      .execute(),
    listings: Number(
      (
        await t.db
          .selectFrom("listings")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    operations: Number(
      (
        await t.db
          .selectFrom("operations")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    imports: Number(
      (
        await t.db
          .selectFrom("imports")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  /** `crosswalk import ...args --progress`, killed (kill) once it has read `rowsRead` rows. */
  function runImport(
    args: string[],
    rowsRead: number,
    kill: boolean,
  ): Promise<{ code: number | null; signal: string | null; stdout: string }> {
    const env = { ...process.env };
    const database = t.url ? [] : ["--db", t.sqlitePath ?? ""];
    if (t.url) env.DATABASE_URL = t.url;
    const command = [bin, ...database, "import", ...args, "--account", ids.accountId, "--progress"];
    const child = spawn(process.execPath, command, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      // the progress line reaches the last row once the whole file is read: the writes follow
      if (kill && chunk.toString().includes(`importing: ${rowsRead} rows`))
        setTimeout(() => child.kill("SIGKILL"), 30);
    });
    return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout })));
  }
  const mappingImport = (kill: boolean) =>
    runImport(["mappings", file, "--channel", ids.channelId], rows, kill);

  it("leaves the channel exactly as before, and the same import then completes", async () => {
    const before = await snapshot();
    expect(before.mappings).toHaveLength(3);
    const killed = await mappingImport(true);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).toBe("");
    expect(await snapshot()).toEqual(before);

    const completed = await mappingImport(false);
    expect(completed.code).toBe(0);
    expect(JSON.parse(completed.stdout)).toMatchObject({
      status: "applied",
      summary: { created: rows - 1, updated: 1, rejectedRows: 0 },
    });
    const after = await snapshot();
    expect(after.mappings).toHaveLength(rows + 2);
    expect(after.operations).toBe(before.operations + 1);
  }, 120_000);

  const catalogSnapshot = async () => ({
    products: await t.db
      .selectFrom("products")
      .select(["name", "product_key"])
      .where("account_id", "=", ids.accountId)
      .orderBy("name")
      .execute(),
    variants: Number(
      (
        await t.db
          .selectFrom("variants")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    imports: (await snapshot()).imports,
  });

  it("leaves the catalog exactly as before when a catalog import is killed while it writes its pages", async () => {
    const products = 8000;
    const catalog = join(dir, `${dialect}-catalog.csv`);
    const lines = ["sku,product_key,product_name"];
    for (let p = 0; p < products; p++)
      for (const size of ["S", "M", "L"]) lines.push(`C-${p}-${size},CP-${p},Product ${p}`);
    lines.push("V1,,Renamed P"); // the product made before: renamed by the import
    writeFileSync(catalog, `${lines.join("\n")}\n`);
    const before = await catalogSnapshot();
    expect(before.products).toEqual([{ name: "P", product_key: null }]);
    const killed = await runImport(["catalog", catalog], products * 3 + 1, true);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).toBe("");
    expect(await catalogSnapshot()).toEqual(before);

    const completed = await runImport(["catalog", catalog], products * 3 + 1, false);
    expect(completed.code).toBe(0);
    expect(JSON.parse(completed.stdout)).toMatchObject({
      status: "applied",
      summary: { productsCreated: products, productsUpdated: 1, variantsCreated: products * 3 },
    });
    const after = await catalogSnapshot();
    expect(after.products).toHaveLength(products + 1);
    expect(after.variants).toBe(before.variants + products * 3);
  }, 120_000);
});
