// Authentication and authorisation for every route, in one onRequest hook, so it runs before
// body validation and no route can forget it. A caller who is not a member of the account in
// the URL gets 404, as if the account did not exist; a member with too small a role gets 403.
import type { FastifyReply, FastifyRequest } from "fastify";
import { findCaller } from "../accounts/credentials.ts";
import { hasRole, Role } from "../accounts/roles.ts";
import { readerOf } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";

export const sessionCookie = "cw_session";

export async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const config = request.routeOptions.config;
  if (config.public || request.routeOptions.url === undefined) return;
  // on the read connection: authenticating must not wait for another request's long transaction
  const db = readerOf(request.server.db);
  const accountId = (request.params as Record<string, string | undefined>).accountId;

  const header = request.headers.authorization;
  let caller: Awaited<ReturnType<typeof findCaller>>;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new AppError("UNAUTHENTICATED", "Authorization header must be 'Bearer <api key>'.");
    caller = await findCaller(db, { apiKey: match[1], accountId });
    if (!caller) throw new AppError("UNAUTHENTICATED", "The API key is not valid.");
  } else {
    const token = request.cookies[sessionCookie];
    if (token) caller = await findCaller(db, { sessionToken: token, accountId });
    if (!caller) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key.");
  }
  const { userId } = caller;
  request.caller = { userId };
  if (accountId === undefined) return;

  const role = caller.role === null ? undefined : Role.parse(caller.role);
  if (!role) throw new AppError("ACCOUNT_NOT_FOUND", "Account not found.");
  const needed = config.minRole ?? "viewer";
  if (!hasRole(role, needed)) {
    throw new AppError("FORBIDDEN", `This needs the ${needed} role; you are ${role}.`, {
      requiredRole: needed,
      role,
    });
  }
  request.caller = { userId, role, accountId };
}

/** The caller's role on the account the route names (the hook above has checked it). */
export function callerRole(request: FastifyRequest): Role {
  const { role } = request.caller;
  if (!role) throw new Error(`${request.routeOptions.url} names no account: the caller has no role on one`);
  return role;
}
