/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// A running server over a fresh test database, with one account ("A") that has a member of each
// role and a second account ("B") with its own owner, all made through the same functions users use.
import { addMember, createAccount } from "../../src/accounts/accounts.ts";
import { createApiKey } from "../../src/accounts/credentials.ts";
import type { Role } from "../../src/accounts/roles.ts";
import { createUser } from "../../src/accounts/users.ts";
import type { DialectName } from "../../src/db/dialect.ts";
import { buildServer, type RouteInfo } from "../../src/http/server.ts";
import type { App } from "../../src/http/types.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export type ApiResponse<T = any> = {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  text: string;
};

export type Client = {
  key: string;
  get: <T = any>(url: string) => Promise<ApiResponse<T>>;
  post: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
  put: <T = any>(url: string, body?: unknown) => Promise<ApiResponse<T>>;
  patch: <T = any>(url: string, body?: unknown) => Promise<ApiResponse<T>>;
  delete: <T = any>(url: string) => Promise<ApiResponse<T>>;
};

export type TestApp = {
  app: App;
  routes: RouteInfo[];
  database: TestDatabase;
  accountId: string;
  otherAccountId: string;
  as: Record<Role, Client>;
  other: Client;
  anonymous: Client;
  close: () => Promise<void>;
};

export function clientFor(app: App, key: string | undefined): Client {
  const send = async (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { ...extra };
    if (key) headers.authorization = `Bearer ${key}`;
    const response = await app.inject({
      method: method as "GET",
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as string }),
    });
    const text = response.body;
    let parsed: unknown = text;
    if ((response.headers["content-type"] ?? "").toString().includes("json") && text.length > 0)
      parsed = JSON.parse(text);
    return { status: response.statusCode, body: parsed as any, headers: response.headers, text };
  };
  return {
    key: key ?? "",
    get: (url) => send("GET", url),
    post: (url, body, headers) => send("POST", url, body ?? {}, headers),
    put: (url, body) => send("PUT", url, body ?? {}),
    patch: (url, body) => send("PATCH", url, body ?? {}),
    delete: (url) => send("DELETE", url),
  };
}

export async function createTestApp(dialect: DialectName): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const { db } = database;
  const { app, routes } = await buildServer({ db });
  const tag = Math.random().toString(36).slice(2, 8);

  const owner = await createUser(db, { email: `owner-${tag}@example.com`, password: "correct horse" });
  const account = await createAccount(db, { name: "Account A", ownerUserId: owner.id });
  const keys: Partial<Record<Role, string>> = { owner: (await createApiKey(db, { userId: owner.id })).key };
  for (const role of ["admin", "editor", "viewer"] as const) {
    const member = await addMember(db, {
      accountId: account.id,
      email: `${role}-${tag}@example.com`,
      role,
      byRole: "owner",
    });
    keys[role] = (await createApiKey(db, { userId: member.userId })).key;
  }
  const stranger = await createUser(db, { email: `stranger-${tag}@example.com`, password: "correct horse" });
  const otherAccount = await createAccount(db, { name: "Account B", ownerUserId: stranger.id });
  const strangerKey = (await createApiKey(db, { userId: stranger.id })).key;

  const as = Object.fromEntries(
    Object.entries(keys).map(([role, key]) => [role, clientFor(app, key)]),
  ) as Record<Role, Client>;
  return {
    app,
    routes,
    database,
    accountId: account.id,
    otherAccountId: otherAccount.id,
    as,
    other: clientFor(app, strangerKey),
    anonymous: clientFor(app, undefined),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
