// API keys (for scripts) and sessions (for the console). Both are random tokens shown once and
// stored only as SHA-256 hashes.
import type { Db } from "../db/database.ts";
import { runPrepared } from "../db/prepared.ts";
import { AppError } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { hashToken, newToken, verifyPassword } from "./secrets.ts";
import { findUserByEmail } from "./users.ts";

export const sessionDays = 14;

export type ApiKeyInfo = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
};

export async function createApiKey(
  db: Db,
  options: { userId: string; name?: string | undefined },
): Promise<ApiKeyInfo & { key: string }> {
  const key = newToken("cwk");
  const row = {
    id: newId(),
    user_id: options.userId,
    name: options.name?.trim() || "default",
    prefix: key.slice(0, 10),
    key_hash: hashToken(key),
    created_at: nowIso(),
    last_used_at: null,
  };
  await db.insertInto("api_keys").values(row).execute();
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: null, key };
}

export async function listApiKeys(db: Db, userId: string): Promise<ApiKeyInfo[]> {
  const rows = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

export async function revokeApiKey(db: Db, options: { userId: string; keyId: string }): Promise<void> {
  const result = await db
    .deleteFrom("api_keys")
    .where("id", "=", options.keyId)
    .where("user_id", "=", options.userId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new AppError("API_KEY_NOT_FOUND", "No such API key.");
}

export async function signIn(
  db: Db,
  options: { email: string; password: string },
): Promise<{ token: string; userId: string; expiresAt: string }> {
  const user = await findUserByEmail(db, options.email);
  if (!user || !(await verifyPassword(options.password, user.password_hash))) {
    throw new AppError("INVALID_CREDENTIALS", "Email or password is wrong.");
  }
  const token = newToken("cws");
  const expiresAt = new Date(Date.now() + sessionDays * 86_400_000).toISOString();
  await db
    .insertInto("sessions")
    .values({ token_hash: hashToken(token), user_id: user.id, created_at: nowIso(), expires_at: expiresAt })
    .execute();
  return { token, userId: user.id, expiresAt };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
}

export type CallerLookup = { userId: string; role: string | null };

/**
 * The user behind an API key or session token and, in the same query, their role in `accountId`
 * (null when not a member). One prepared query per request: this runs before every route.
 */
export async function findCaller(
  db: Db,
  options: { apiKey?: string | undefined; sessionToken?: string | undefined; accountId: string | undefined },
): Promise<CallerLookup | undefined> {
  const accountId = options.accountId ?? "";
  if (options.apiKey !== undefined) {
    const rows = await runPrepared(
      db,
      "caller-by-api-key",
      (q) =>
        q
          .selectFrom("api_keys as k")
          .leftJoin("memberships as m", (join) =>
            join.onRef("m.user_id", "=", "k.user_id").on("m.account_id", "=", ""),
          )
          .select(["k.user_id as userId", "m.role as role"])
          .where("k.key_hash", "=", ""),
      [accountId, hashToken(options.apiKey)],
    );
    return rows[0];
  }
  if (options.sessionToken !== undefined) {
    const rows = await runPrepared(
      db,
      "caller-by-session",
      (q) =>
        q
          .selectFrom("sessions as s")
          .leftJoin("memberships as m", (join) =>
            join.onRef("m.user_id", "=", "s.user_id").on("m.account_id", "=", ""),
          )
          .select(["s.user_id as userId", "m.role as role"])
          .where("s.token_hash", "=", "")
          .where("s.expires_at", ">", ""),
      [accountId, hashToken(options.sessionToken), nowIso()],
    );
    return rows[0];
  }
  return undefined;
}
