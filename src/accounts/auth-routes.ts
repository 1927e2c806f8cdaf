// HTTP routes for signing in and out, the caller's own profile, API keys, and the one-time
// "create the owner" setup of a fresh installation.
import { z } from "zod";
import { sessionCookie } from "../http/auth.ts";
import type { App } from "../http/types.ts";
import { AppError } from "../shared/errors.ts";
import { createAccount, listAccountsOfUser } from "./accounts.ts";
import { createApiKey, listApiKeys, revokeApiKey, sessionDays, signIn, signOut } from "./credentials.ts";
import {
  AccountResponse,
  ApiKeyParams,
  ApiKeyResponse,
  CreateApiKeyBody,
  SetupBody,
  SignInBody,
} from "./schemas.ts";
import { changePassword, countUsers, createUser } from "./users.ts";

const tags = ["auth"];
const Me = z.object({ userId: z.string(), email: z.string(), accounts: z.array(AccountResponse) });

function isLoopback(ip: string): boolean {
  return ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";
}

export function registerAuthRoutes(app: App) {
  app.post(
    "/api/v1/auth/login",
    {
      config: { public: true },
      schema: { tags, summary: "Sign in; sets the session cookie", body: SignInBody },
    },
    async (request, reply) => {
      const session = await signIn(app.db, request.body);
      reply.setCookie(sessionCookie, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        maxAge: sessionDays * 86_400,
      });
      return { userId: session.userId, expiresAt: session.expiresAt };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    { config: { public: true }, schema: { tags, summary: "Sign out" } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await signOut(app.db, token);
      reply.clearCookie(sessionCookie, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/me",
    { schema: { tags, summary: "The caller and their accounts", response: { 200: Me } } },
    async (request) => {
      const user = await app.db
        .selectFrom("users")
        .select(["id", "email"])
        .where("id", "=", request.caller.userId)
        .executeTakeFirstOrThrow();
      return { userId: user.id, email: user.email, accounts: await listAccountsOfUser(app.db, user.id) };
    },
  );

  app.put(
    "/api/v1/me/password",
    {
      schema: {
        tags,
        summary:
          "Change the caller's password (a first password an admin gave stays known to them until changed); other sessions end",
        body: z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }).strict(),
      },
    },
    async (request, reply) => {
      await changePassword(app.db, { userId: request.caller.userId, ...request.body });
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/setup",
    {
      config: { public: true },
      schema: { tags, summary: "Whether the installation still needs its first owner" },
    },
    async () => ({ needsOwner: (await countUsers(app.db)) === 0 }),
  );

  app.post(
    "/api/v1/setup",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Create the first owner and account (local machine only, once)",
        body: SetupBody,
      },
    },
    async (request, reply) => {
      if (!isLoopback(request.ip))
        throw new AppError("FORBIDDEN", "Setup is only possible from the local machine.");
      if ((await countUsers(app.db)) > 0)
        throw new AppError("SETUP_DONE", "This installation already has users; sign in.");
      const user = await createUser(app.db, { email: request.body.email, password: request.body.password });
      const account = await createAccount(app.db, { name: request.body.accountName, ownerUserId: user.id });
      const session = await signIn(app.db, { email: request.body.email, password: request.body.password });
      reply.setCookie(sessionCookie, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        maxAge: sessionDays * 86_400,
      });
      return reply.status(201).send({ userId: user.id, accountId: account.id });
    },
  );

  app.get(
    "/api/v1/api-keys",
    {
      schema: {
        tags,
        summary: "The caller's API keys (never the secret)",
        response: { 200: z.object({ items: z.array(ApiKeyResponse) }) },
      },
    },
    async (request) => ({ items: await listApiKeys(app.db, request.caller.userId) }),
  );

  app.post(
    "/api/v1/api-keys",
    {
      schema: {
        tags,
        summary: "Create an API key; the key is shown in this answer only",
        body: CreateApiKeyBody,
        response: { 201: ApiKeyResponse.extend({ key: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createApiKey(app.db, { userId: request.caller.userId, name: request.body.name })),
  );

  app.delete(
    "/api/v1/api-keys/:keyId",
    { schema: { tags, summary: "Revoke an API key", params: ApiKeyParams } },
    async (request, reply) => {
      await revokeApiKey(app.db, { userId: request.caller.userId, keyId: request.params.keyId });
      return reply.status(204).send();
    },
  );
}
