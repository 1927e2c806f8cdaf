// Assembles the HTTP server: plugins, auth hook, error handling, OpenAPI, and every area's routes.
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyRequest, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { registerAuthRoutes } from "../accounts/auth-routes.ts";
import { registerAccountRoutes } from "../accounts/routes.ts";
import { registerCatalogRoutes } from "../catalog/routes.ts";
import { registerChannelRoutes } from "../channels/routes.ts";
import type { Db } from "../db/database.ts";
import { registerDownloadRoutes } from "../downloads/routes.ts";
import { registerInventoryRoutes } from "../inventory/routes.ts";
import { registerJobRoutes } from "../jobs/routes.ts";
import { registerListingRoutes } from "../listings/routes.ts";
import { registerMappingRoutes } from "../mappings/routes.ts";
import { registerSuggestionRoutes } from "../matching/routes.ts";
import { registerOperationRoutes } from "../operations/routes.ts";
import { registerOrderRoutes } from "../orders/routes.ts";
import { AppError } from "../shared/errors.ts";
import { registerSyncRoutes } from "../sync/routes.ts";
import { registerTransferRoutes } from "../transfer/routes.ts";
import { authenticate } from "./auth.ts";
import { handleError } from "./error-handler.ts";
import { isMultipartBody } from "./multipart-body.ts";
import { registerConsole } from "./static.ts";
import type { App } from "./types.ts";

export type ServerOptions = { db: Db; logger?: FastifyServerOptions["logger"]; bodyLimit?: number };

export type RouteInfo = {
  method: string;
  url: string;
  minRole: string | undefined;
  public: boolean;
  readOnly: boolean;
};

export async function buildServer(options: ServerOptions): Promise<{ app: App; routes: RouteInfo[] }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  // A query parameter a route does not take is refused, not ignored: `?preview=true` on a route
  // without a preview would otherwise write. A multipart body is documented, not checked: the
  // route reads its parts as a stream (multipart-body.ts).
  app.setValidatorCompiler<z.ZodType>((route) =>
    route.httpPart === "body" && isMultipartBody(route.schema)
      ? (body) => ({ value: body })
      : validatorCompiler(
          route.httpPart === "querystring" && route.schema instanceof z.ZodObject
            ? { ...route, schema: route.schema.strict() }
            : route,
        ),
  );
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("db", options.db);
  app.decorateRequest("caller", undefined as never);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request) => {
    throw new AppError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}.`);
  });

  const routes: RouteInfo[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      routes.push({
        method,
        url: route.url,
        minRole: route.config?.minRole,
        public: route.config?.public === true,
        readOnly: route.config?.readOnly === true,
      });
    }
  });

  await app.register(cookie);
  // Multipart uploads (bulk-file imports); size limits are set per route when the file is read.
  await app.register(multipart);
  await app.register(swagger, {
    openapi: {
      info: { title: "Crosswalk API", version: "1", description: "SKU mapping and catalog sync service." },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "API key from `crosswalk apikey create`" },
          session: { type: "apiKey", in: "cookie", name: "cw_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1/") || route.schema?.querystring) return;
    route.preValidation = [...[route.preValidation ?? []].flat(), refuseQueryParameters];
  });
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/docs")) route.config = { ...route.config, public: true };
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" } });
  app.addHook("onRequest", authenticate);

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  registerHealthRoute(app);
  registerAuthRoutes(app);
  registerAccountRoutes(app);
  registerCatalogRoutes(app);
  registerChannelRoutes(app);
  registerListingRoutes(app);
  registerMappingRoutes(app);
  registerOperationRoutes(app);
  registerOrderRoutes(app);
  registerInventoryRoutes(app);
  registerSyncRoutes(app);
  registerJobRoutes(app);
  registerTransferRoutes(app);
  registerDownloadRoutes(app);
  registerSuggestionRoutes(app);

  // After the API routes: the built console at `/`, when web/dist exists.
  await registerConsole(app);
  await app.ready();
  return { app, routes };
}

function registerHealthRoute(app: App) {
  app.get(
    "/api/v1/health",
    { config: { public: true }, schema: { tags: ["health"], summary: "Liveness and database check" } },
    async () => {
      await app.db.selectFrom("accounts").select("id").limit(1).execute();
      return { status: "ok" };
    },
  );
}

async function refuseQueryParameters(request: FastifyRequest): Promise<void> {
  const names = Object.keys(request.query as object);
  if (names.length === 0) return;
  throw new AppError(
    "VALIDATION_FAILED",
    `querystring: this route takes no query parameter; got "${names[0]}".`,
    {
      field: `querystring.${names[0]}`,
    },
  );
}
