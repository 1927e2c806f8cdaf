// Accounts, members, sign-in sessions and API keys through the API, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { hashToken } from "./secrets.ts";

describe.each(dialects)("accounts and credentials on %s", (dialect) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/v1/accounts/${t.accountId}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates an account whose creator is the owner, listed only for its members", async () => {
    const created = await t.as.viewer.post("/api/v1/accounts", { name: "  Viewer's own shop " });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Viewer's own shop", role: "owner" });
    const mine = await t.as.viewer.get("/api/v1/accounts");
    expect(mine.body.items.map((a: { name: string }) => a.name).sort()).toEqual([
      "Account A",
      "Viewer's own shop",
    ]);
    const theirs = await t.other.get("/api/v1/accounts");
    expect(theirs.body.items.map((a: { id: string }) => a.id)).toEqual([t.otherAccountId]);
    expect((await t.other.get(`/api/v1/accounts/${created.body.id}`)).status).toBe(404);
  });

  it("rejects unknown fields and empty names, writing nothing", async () => {
    const before = (await t.as.editor.get("/api/v1/accounts")).body.items.length;
    const unknown = await t.as.editor.post("/api/v1/accounts", { name: "X", plan: "gold" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("VALIDATION_FAILED");
    const empty = await t.as.editor.post("/api/v1/accounts", { name: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].field).toBe("body.name");
    expect((await t.as.editor.get("/api/v1/accounts")).body.items.length).toBe(before);
  });

  it("lets an admin add members and change roles, keeping at least one owner", async () => {
    const added = await t.as.admin.post(`${base}/members`, {
      email: "New.Person@Example.com",
      role: "editor",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: "new.person@example.com", role: "editor" });
    const again = await t.as.admin.post(`${base}/members`, {
      email: "new.person@example.com",
      role: "viewer",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("MEMBER_EXISTS");
    const badRole = await t.as.admin.post(`${base}/members`, { email: "x@example.com", role: "superuser" });
    expect(badRole.status).toBe(400);

    const changed = await t.as.admin.patch(`${base}/members/${added.body.userId}`, { role: "viewer" });
    expect(changed.body.role).toBe("viewer");
    const members = await t.as.viewer.get(`${base}/members`);
    const owner = members.body.items.find((m: { role: string }) => m.role === "owner");
    const demote = await t.as.owner.patch(`${base}/members/${owner.userId}`, { role: "admin" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("LAST_OWNER");
    const removeOwner = await t.as.owner.delete(`${base}/members/${owner.userId}`);
    expect(removeOwner.status).toBe(409);
    expect(removeOwner.body.error.code).toBe("LAST_OWNER");
    expect((await t.as.admin.delete(`${base}/members/${added.body.userId}`)).status).toBe(204);
    expect((await t.as.admin.delete(`${base}/members/${added.body.userId}`)).status).toBe(404);
  });

  it("lets only an owner give, change or take the owner role", async () => {
    const members = await t.as.viewer.get(`${base}/members`);
    const roleOf = (role: string) => members.body.items.find((m: { role: string }) => m.role === role).userId;
    const [ownerId, adminId] = [roleOf("owner"), roleOf("admin")];
    const refusals = [
      await t.as.admin.patch(`${base}/members/${adminId}`, { role: "owner" }),
      await t.as.admin.patch(`${base}/members/${ownerId}`, { role: "viewer" }),
      await t.as.admin.delete(`${base}/members/${ownerId}`),
      await t.as.admin.post(`${base}/members`, { email: "second-owner@example.com", role: "owner" }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: "FORBIDDEN",
        message: "Only an owner can give, change or remove the owner role.",
      });
    }
    const after = await t.as.viewer.get(`${base}/members`);
    expect(after.body.items).toEqual(members.body.items);

    const second = await t.as.owner.post(`${base}/members`, {
      email: "second-owner@example.com",
      role: "owner",
    });
    expect(second.status).toBe(201);
    const stepDown = await t.as.owner.patch(`${base}/members/${second.body.userId}`, { role: "admin" });
    expect(stepDown.body.role).toBe("admin");
    expect((await t.as.owner.delete(`${base}/members/${second.body.userId}`)).status).toBe(204);
  });

  it("renames as admin and deletes only as owner", async () => {
    const account = await t.as.editor.post("/api/v1/accounts", { name: "Temporary" });
    const url = `/api/v1/accounts/${account.body.id}`;
    expect((await t.as.editor.patch(url, { name: "Renamed" })).body.name).toBe("Renamed");
    await t.as.editor.post(`${url}/members`, {
      email: `admin-of-temp-${dialect}@example.com`,
      role: "admin",
    });
    expect((await t.as.editor.delete(url)).status).toBe(204);
    expect((await t.as.editor.get(url)).status).toBe(404);
    expect((await t.as.admin.delete(base)).status).toBe(403);
  });

  it("stores API keys hashed, shows them once, and revokes them", async () => {
    const created = await t.as.editor.post("/api/v1/api-keys", { name: "script" });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^cwk_/);
    const stored = await t.database.db
      .selectFrom("api_keys")
      .selectAll()
      .where("id", "=", created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(hashToken(key));
    expect(JSON.stringify(stored)).not.toContain(key);
    const listed = await t.as.editor.get("/api/v1/api-keys");
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const client = clientFor(t.app, key);
    expect((await client.get(base)).status).toBe(200);
    expect((await t.as.viewer.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(404);
    expect((await t.as.editor.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await client.get(base)).status).toBe(401);
  });

  it("adds a new member with a first password they sign in with; never replaces one", async () => {
    const login = (email: string, password: string) =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
    const withPassword = await t.as.admin.post(`${base}/members`, {
      email: `clerk-${dialect}@example.com`,
      role: "editor",
      password: "first password",
    });
    expect(withPassword.status, withPassword.text).toBe(201);
    expect(withPassword.body.canSignIn).toBe(true);
    const first = await login(`clerk-${dialect}@example.com`, "first password");
    expect(first.statusCode).toBe(200);
    // the admin knows that password: the member changes it, and the admin's knowledge is worth nothing
    const cookie = `cw_session=${first.cookies.find((c) => c.name === "cw_session")?.value}`;
    const change = (currentPassword: string) =>
      t.app.inject({
        method: "PUT",
        url: "/api/v1/me/password",
        headers: { cookie },
        payload: { currentPassword, newPassword: "only mine now" },
      });
    expect((await change("a wrong guess")).statusCode).toBe(401);
    expect((await change("first password")).statusCode).toBe(204);
    expect((await login(`clerk-${dialect}@example.com`, "first password")).statusCode).toBe(401);
    expect((await login(`clerk-${dialect}@example.com`, "only mine now")).statusCode).toBe(200);
    // the session that changed it ended with the others
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(
      401,
    );

    const without = await t.as.admin.post(`${base}/members`, {
      email: `later-${dialect}@example.com`,
      role: "viewer",
    });
    expect(without.body.canSignIn).toBe(false);
    const listed = await t.as.viewer.get(`${base}/members`);
    const later = listed.body.items.find(
      (m: { email: string }) => m.email === `later-${dialect}@example.com`,
    );
    expect(later.canSignIn).toBe(false);

    // the owner of another account has a password: an admin here cannot set another
    const other = await t.other.get("/api/v1/me");
    const taken = await t.as.admin.post(`${base}/members`, {
      email: other.body.email,
      role: "viewer",
      password: "an admin's guess",
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: { field: "password" } });
    const short = await t.as.admin.post(`${base}/members`, {
      email: `short-${dialect}@example.com`,
      role: "viewer",
      password: "short",
    });
    expect(short.status).toBe(400);
  });

  it("signs in with a password into a cookie session and signs out", async () => {
    const members = await t.as.viewer.get(`${base}/members`);
    const owner = members.body.items.find((m: { role: string }) => m.role === "owner");
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: owner.email, password: "nope nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("INVALID_CREDENTIALS");

    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: owner.email.toUpperCase(), password: "correct horse" },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === "cw_session");
    expect(cookie?.httpOnly).toBe(true);
    const headers = { cookie: `cw_session=${cookie?.value}` };
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers });
    expect(me.json()).toMatchObject({ email: owner.email });
    expect(
      me
        .json()
        .accounts.some((a: { id: string; role: string }) => a.id === t.accountId && a.role === "owner"),
    ).toBe(true);
    const sessions = await t.database.db.selectFrom("sessions").select("token_hash").execute();
    expect(sessions.map((s) => s.token_hash)).toContain(hashToken(cookie?.value ?? ""));

    expect((await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers })).statusCode).toBe(401);
  });

  it("refuses the one-time setup once users exist", async () => {
    expect((await t.anonymous.get("/api/v1/setup")).body).toEqual({ needsOwner: false });
    const setup = await t.anonymous.post("/api/v1/setup", {
      email: "late@example.com",
      password: "long enough",
      accountName: "Late",
    });
    expect(setup.status).toBe(409);
    expect(setup.body.error.code).toBe("SETUP_DONE");
  });
});
