// The catalog and stock commands, run as a user runs them: `node bin/crosswalk.js` against a temp SQLite file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";

const bin = fileURLToPath(new URL("../../bin/crosswalk.js", import.meta.url));
const woo = fileURLToPath(
  new URL("../../../shared/fixtures/woocommerce/sample_products.csv", import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), "crosswalk-cli-"));
const dbPath = join(dir, "cli.db");
let accountId = "";

function crosswalk(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, "--db", dbPath, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const handle = openDatabase({ sqlitePath: dbPath });
  await migrateToLatest(handle.db);
  const user = await createUser(handle.db, { email: "cli@example.com", password: "correct horse" });
  accountId = (await createAccount(handle.db, { name: "CLI", ownerUserId: user.id })).id;
  await handle.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("crosswalk import/export catalog and stock", () => {
  it("imports a catalog (dry run, file, WooCommerce source), exports it, re-imports to no change, and does stock", () => {
    const file = join(dir, "catalog.csv");
    writeFileSync(file, "sku,product_key,product_name,option:size\nCLI-S,CLI,Shirt,S\nCLI-M,CLI,Shirt,M\n");
    const dry = crosswalk("import", "catalog", file, "--account", accountId, "--dry-run");
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: "previewed", counts: { create: 2 } });
    const applied = crosswalk("import", "catalog", file, "--account", accountId);
    expect(applied.status, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ status: "applied", summary: { productsCreated: 1 } });
    // a new product without a name is found only while the file is planned and written
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "sku,product_key,product_name\nCLI-NEW-1,NEW1,New one\nCLI-NEW-2,,\n");
    const refused = crosswalk("import", "catalog", bad, "--account", accountId);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      status: "previewed",
      counts: { create: 1, rejectedRows: 1 },
      errors: [{ row: 3, column: "product_name", reason: "is empty: a new product needs a name" }],
    });
    expect(crosswalk("export", "catalog", "--account", accountId).stdout).not.toContain("CLI-NEW-1");
    const partial = crosswalk("import", "catalog", bad, "--account", accountId, "--valid-rows-only");
    expect(partial.status).toBe(1);
    expect(JSON.parse(partial.stdout)).toMatchObject({
      status: "applied",
      summary: { productsCreated: 1, rejectedRows: 1 },
    });
    expect(crosswalk("export", "catalog", "--account", accountId).stdout).toContain("CLI-NEW-1");
    const fromWoo = crosswalk("import", "catalog", woo, "--account", accountId, "--source", "woocommerce");
    expect(fromWoo.status, fromWoo.stderr).toBe(0);
    expect(JSON.parse(fromWoo.stdout)).toMatchObject({
      summary: { productsCreated: 16, variantsCreated: 21 },
    });

    const exported = join(dir, "export.xlsx");
    const exp = crosswalk("export", "catalog", "--account", accountId, "-o", exported, "--format", "xlsx");
    expect(exp.status, exp.stderr).toBe(0);
    const again = crosswalk("import", "catalog", exported, "--account", accountId);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).counts).toMatchObject({ create: 0, update: 0, unchanged: 24 });

    const stock = join(dir, "stock.csv");
    writeFileSync(stock, "sku,on_hand\nCLI-S,3\nCLI-M,4\nNOPE,1\n");
    const rejected = crosswalk("import", "stock", stock, "--account", accountId);
    expect(rejected.status).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ status: "previewed", counts: { rejectedRows: 1 } });
    writeFileSync(stock, "sku,on_hand\nCLI-S,3\nCLI-M,4\n");
    expect(crosswalk("import", "stock", stock, "--account", accountId).status).toBe(0);
    const stockOut = crosswalk("export", "stock", "--account", accountId);
    expect(stockOut.status, stockOut.stderr).toBe(0);
    expect(stockOut.stdout).toContain("CLI-S,default,3,0");
    const stockFile = join(dir, "stock-export.csv");
    writeFileSync(stockFile, stockOut.stdout);
    const noChange = crosswalk("import", "stock", stockFile, "--account", accountId, "--dry-run");
    expect(JSON.parse(noChange.stdout).counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    expect(readFileSync(file, "utf8")).toContain("CLI-S");
  });
});
