// Types shared by every route file: the typed Fastify instance and the per-route auth config.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Role } from "../accounts/roles.ts";
import type { Db } from "../db/database.ts";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Who is calling: set by the auth hook before validation and the handler run. */
export type Caller = { userId: string; role?: Role; accountId?: string };

declare module "fastify" {
  interface FastifyContextConfig {
    /** No credentials needed (health, login, docs). */
    public?: boolean;
    /** Least role the caller needs on the account named by the `accountId` path parameter. */
    minRole?: Role;
    /** A POST that only reads (e.g. translate): allowed to viewers, changes nothing. */
    readOnly?: boolean;
  }
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyInstance {
    db: Db;
  }
}
