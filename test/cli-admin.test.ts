// The set-up commands as a new user runs them: real processes against a SQLite file, with the
// exit codes scripts rely on (0 ok, 1 failed operation, 2 usage error).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database.ts";
import { buildServer } from "../src/http/server.ts";

const bin = fileURLToPath(new URL("../bin/crosswalk.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "crosswalk-cli-"));
const dbPath = join(dir, "cli.db");

function crosswalk(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, "--db", dbPath, ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("crosswalk set-up commands", () => {
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates, creates a user, an API key and an account that the API then serves", async () => {
    const migrate = crosswalk("migrate");
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/applied 0001-initial/);
    expect(crosswalk("migrate").stdout).toMatch(/up to date/);
    const compact = crosswalk("compact");
    expect(compact.status).toBe(0);
    expect(compact.stdout).toMatch(/^compacted sqlite:.*cli\.db: [\d.]+ MB -> [\d.]+ MB\n$/);

    const user = crosswalk("user", "create", "--email", "cli@example.com", "--password", "a long password");
    expect(user.status).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ email: "cli@example.com" });
    const key = crosswalk("apikey", "create", "--email", "cli@example.com", "--name", "ci");
    expect(key.status).toBe(0);
    const apiKey: string = JSON.parse(key.stdout).key;
    const account = crosswalk("account", "create", "--name", "CLI shop", "--owner", "cli@example.com");
    expect(account.status).toBe(0);
    const accountId: string = JSON.parse(account.stdout).id;

    const handle = openDatabase({ sqlitePath: dbPath });
    const { app } = await buildServer({ db: handle.db });
    try {
      const response = await app.inject({
        method: "GET",
        url: `/api/v1/accounts/${accountId}`,
        headers: { authorization: `Bearer ${apiKey}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ name: "CLI shop", role: "owner" });

      // a member added without a password gets one from the CLI, then signs in
      const added = await app.inject({
        method: "POST",
        url: `/api/v1/accounts/${accountId}/members`,
        headers: { authorization: `Bearer ${apiKey}` },
        payload: { email: "added@example.com", role: "viewer" },
      });
      expect(added.json()).toMatchObject({ canSignIn: false });
      const set = crosswalk(
        "user",
        "set-password",
        "--email",
        "added@example.com",
        "--password",
        "now a password",
      );
      expect(set.status, set.stderr).toBe(0);
      const login = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "added@example.com", password: "now a password" },
      });
      expect(login.statusCode).toBe(200);
    } finally {
      await app.close();
      await handle.close();
    }
  });

  it("exits 1 with the reason when the operation fails", () => {
    const duplicate = crosswalk(
      "user",
      "create",
      "--email",
      "cli@example.com",
      "--password",
      "a long password",
    );
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/EMAIL_TAKEN/);
    const unknownOwner = crosswalk("account", "create", "--name", "X", "--owner", "nobody@example.com");
    expect(unknownOwner.status).toBe(1);
    expect(unknownOwner.stderr).toMatch(/USER_NOT_FOUND/);
    const shortPassword = crosswalk("user", "create", "--email", "short@example.com", "--password", "short");
    expect(shortPassword.status).toBe(1);
    expect(shortPassword.stderr).toBe("error VALIDATION_FAILED: must be at least 8 characters\n");
  });

  it("exits 2 on usage errors and 0 with help", () => {
    expect(crosswalk("user", "create", "--email", "x@example.com").status).toBe(2);
    expect(crosswalk("no-such-command").status).toBe(2);
    const help = crosswalk("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/serve/);
    expect(crosswalk("apikey", "create", "--help").status).toBe(0);
  });
});
