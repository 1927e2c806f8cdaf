// `crosswalk import mappings` on PostgreSQL while another writer of the channel holds its lock:
// the command says on stderr that it waits, then applies the file once the lock is released.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { holdInTransaction } from "../../test/support/hold-lock.ts";
import { createTestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { lockMappingWrites } from "../channels/channel-version.ts";
import { createChannel } from "../channels/create-channel.ts";

const bin = fileURLToPath(new URL("../../bin/crosswalk.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "crosswalk-wait-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("crosswalk import on postgres", () => {
  it("says that it waits for another writer of the channel, then imports", async () => {
    const database = await createTestDatabase("postgres");
    const { db } = database;
    const user = await createUser(db, { email: "wait@example.com", password: "correct horse" });
    const accountId = (await createAccount(db, { name: "Wait", ownerUserId: user.id })).id;
    const channel = await createChannel(db, {
      accountId,
      channel: { name: "Shop", kind: "sales", platform: "generic" },
    });
    await createProduct(db, { accountId, input: { name: "P", variants: [{ sku: "ISKU-1" }] } });
    const file = join(dir, "m.csv");
    writeFileSync(file, "channel_sku,internal_sku\nWAIT-1,ISKU-1\n");

    const other = await holdInTransaction(db, (trx) => lockMappingWrites(trx, accountId, channel.id));
    const child = spawn(
      process.execPath,
      [bin, "import", "mappings", file, "--account", accountId, "--channel", channel.id],
      { env: { ...process.env, DATABASE_URL: database.url } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve) => {
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.includes("waiting for")) resolve();
      });
      void exited.then(() => resolve());
    });
    expect(stderr).toContain("waiting for another import of this channel's mappings to finish...");
    await other.release();
    expect(await exited, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: "applied", summary: { created: 1 } });
    await database.close();
  });
});
