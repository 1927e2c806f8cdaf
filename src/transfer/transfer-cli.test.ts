// The bulk-file commands, run as a user runs them: `node bin/crosswalk.js` against a temp SQLite file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { createChannel } from "../channels/create-channel.ts";
import { openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";

const bin = fileURLToPath(new URL("../../bin/crosswalk.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "crosswalk-cli-"));
const dbPath = join(dir, "cli.db");
let accountId = "";
let channelId = "";

function crosswalk(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, "--db", dbPath, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `crosswalk import mappings FILE` into the test channel, with more options. */
const importMappings = (file: string, ...options: string[]) =>
  crosswalk("import", "mappings", file, "--account", accountId, "--channel", channelId, ...options);

beforeAll(async () => {
  const handle = openDatabase({ sqlitePath: dbPath });
  await migrateToLatest(handle.db);
  const user = await createUser(handle.db, { email: "cli@example.com", password: "correct horse" });
  accountId = (await createAccount(handle.db, { name: "CLI", ownerUserId: user.id })).id;
  channelId = (
    await createChannel(handle.db, {
      accountId,
      channel: { name: "Shop", kind: "sales", platform: "generic" },
    })
  ).id;
  await createProduct(handle.db, {
    accountId,
    input: { name: "P", variants: [{ sku: "ISKU-1" }, { sku: "ISKU-2" }] },
  });
  await handle.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("crosswalk import/export mappings", () => {
  it("dry-runs, imports, exports, and re-imports the export to no change", () => {
    const file = join(dir, "m.csv");
    writeFileSync(file, "channel_sku,internal_sku,quantity\nA,ISKU-1,1\nB,ISKU-1,2\nB,ISKU-2,1\n");
    const dry = importMappings(file, "--dry-run");
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: "previewed", counts: { create: 2 } });

    const run = importMappings(file, "--progress");
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "applied", summary: { created: 2 } });
    expect(run.stderr).toMatch(/rows\/s/);

    const out = join(dir, "export.csv");
    const exported = crosswalk(
      "export",
      "mappings",
      "--account",
      accountId,
      "--channel",
      channelId,
      "-o",
      out,
    );
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(out, "utf8").split("\n").filter(Boolean)).toHaveLength(4);
    const again = importMappings(out);
    expect(JSON.parse(again.stdout).counts).toMatchObject({ create: 0, update: 0, delete: 0, unchanged: 2 });

    const xlsx = crosswalk(
      "export",
      "mappings",
      "--account",
      accountId,
      "--channel",
      channelId,
      "--format",
      "xlsx",
      "-o",
      join(dir, "e.xlsx"),
    );
    expect(xlsx.status, xlsx.stderr).toBe(0);
    expect(readFileSync(join(dir, "e.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });

  it("exits 1 and writes nothing when rows are rejected, naming them and writing the error file", () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "channel_sku,internal_sku\nC,ISKU-1\nD,NOPE\n");
    const errorFile = join(dir, "bad-errors.csv");
    const run = importMappings(file, "--error-file", errorFile);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: "previewed",
      counts: { create: 1, rejectedRows: 1 },
      errors: [{ row: 3, column: "internal_sku", value: "NOPE" }],
      errorFile,
    });
    expect(readFileSync(errorFile, "utf8")).toMatch(
      /^channel_sku,internal_sku,error\nD,NOPE,"?internal_sku: /,
    );
    const partial = importMappings(file, "--valid-rows-only");
    expect(partial.status).toBe(1);
    expect(JSON.parse(partial.stdout)).toMatchObject({
      status: "applied",
      summary: { created: 1, rejectedRows: 1 },
    });
  });

  it("exits 1 with a reason for an unreadable file", () => {
    const file = join(dir, "latin1.csv");
    writeFileSync(file, Buffer.from("channel_sku,internal_sku\nCAF\xc9,ISKU-1\n", "latin1"));
    const run = importMappings(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/INVALID_FILE.*not UTF-8/);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  it("names an account or channel that does not exist, and exits 2 on an option value it does not know", () => {
    const file = join(dir, "ok.csv");
    writeFileSync(file, "channel_sku,internal_sku\nX,ISKU-1\n");
    const noAccount = crosswalk("import", "stock", file, "--account", "nope");
    expect(noAccount.status).toBe(1);
    expect(noAccount.stderr).toMatch(/^error ACCOUNT_NOT_FOUND: /);
    const noAccountExport = crosswalk("export", "catalog", "--account", "nope");
    expect(noAccountExport.status).toBe(1);
    expect(noAccountExport.stdout).toBe("");
    const noChannel = crosswalk("import", "mappings", file, "--account", accountId, "--channel", "nope");
    expect(noChannel.status).toBe(1);
    expect(noChannel.stderr).toMatch(/^error CHANNEL_NOT_FOUND: /);

    for (const usage of [
      importMappings(file, "--mode", "bogus"),
      crosswalk("import", "catalog", file, "--account", accountId, "--source", "magento"),
      crosswalk("export", "stock", "--account", accountId, "--format", "pdf"),
    ]) {
      expect(usage.status).toBe(2);
      expect(usage.stderr).toMatch(
        /error: option .* argument '(bogus|magento|pdf)' is invalid. Allowed choices are /,
      );
    }
  });

  it("writes XLSX when the output file ends in .xlsx", () => {
    const out = join(dir, "by-name.xlsx");
    const run = crosswalk("export", "mappings", "--account", accountId, "--channel", channelId, "-o", out);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: "xlsx", output: out });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });
});
