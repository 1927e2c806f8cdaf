// What every caller of the HTTP API relies on: health without credentials, the OpenAPI document
// and docs page, JSON errors for malformed and oversize bodies and unknown routes.
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleError } from "../src/http/error-handler.ts";
import { buildServer } from "../src/http/server.ts";
import type { App } from "../src/http/types.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";
import { createTestDatabase, dialects, type TestDatabase } from "./support/test-database.ts";

describe.each(dialects)("HTTP basics on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers health without credentials", async () => {
    const health = await t.anonymous.get("/api/v1/health");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok" });
  });

  it("serves the OpenAPI document with every account route, and the docs page", async () => {
    const doc = await t.anonymous.get("/api/openapi.json");
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    expect(paths).toContain("/api/v1/accounts/{accountId}/channels/{channelId}/mappings");
    for (const route of t.routes.filter((r) => r.url.startsWith("/api/v1/accounts/:accountId"))) {
      expect(paths, route.url).toContain(route.url.replace(/:([A-Za-z]+)/g, "{$1}"));
    }
    // upload routes document their multipart body: the file and the form fields
    const upload = doc.body.paths["/api/v1/accounts/{accountId}/channels/{channelId}/mappings/imports"].post;
    const form = upload.requestBody.content["multipart/form-data"].schema;
    expect(form.required).toEqual(["file"]);
    expect(form.properties.file).toMatchObject({ type: "string", format: "binary" });
    expect(Object.keys(form.properties)).toEqual(expect.arrayContaining(["mode", "validRowsOnly", "apply"]));
    expect(upload.description).toContain("Idempotency-Key");
    const docs = await t.anonymous.get("/api/docs");
    expect([200, 302]).toContain(docs.status);
  });

  it("answers malformed JSON with INVALID_JSON and writes nothing", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      headers: { authorization: `Bearer ${t.as.owner.key}`, "content-type": "application/json" },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "INVALID_JSON" });
    expect(response.json().error.requestId).toBeTruthy();
  });

  it("refuses a query parameter the route does not take, instead of ignoring it", async () => {
    const account = `/api/v1/accounts/${t.accountId}`;
    const channel = await t.as.admin.post(`${account}/channels`, {
      name: "Strict",
      kind: "sales",
      platform: "woocommerce",
    });
    expect(channel.status).toBe(201);
    // no preview on this route: ignoring ?preview=true would have written
    const previewed = await t.as.editor.post(
      `${account}/channels/${channel.body.id}/mappings/delete?preview=true`,
      {
        mappingIds: [],
      },
    );
    expect(previewed.status).toBe(400);
    expect(previewed.body.error.code).toBe("VALIDATION_FAILED");
    expect(previewed.body.error.message).toMatch(/preview/);
    // a route with no query parameters at all
    const onAccount = await t.as.viewer.get(`${account}?verbose=1`);
    expect(onAccount.status).toBe(400);
    expect(onAccount.body.error.message).toBe(
      'querystring: this route takes no query parameter; got "verbose".',
    );
    // a route that takes some, given another
    const bogus = await t.as.viewer.get(`${account}/channels?limit=1&bogus=1`);
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.message).toMatch(/^querystring: .*"bogus"/);
    // the ones a route takes still work
    expect((await t.as.viewer.get(`${account}/channels?limit=1`)).status).toBe(200);
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await t.as.owner.get("/api/v1/nothing-here");
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("NOT_FOUND");
  });
});

describe("body size limit", () => {
  let database: TestDatabase;
  let app: App;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    ({ app } = await buildServer({ db: database.db, bodyLimit: 1024 }));
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it("answers an oversize body with PAYLOAD_TOO_LARGE before authentication matters", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "a@example.com", password: "x".repeat(5000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("errors of a transaction PostgreSQL rolled back for a concurrent change", () => {
  it("answers a deadlock and a serialization failure with 409 CONCURRENT_CHANGE, and other database errors with 500", async () => {
    const app = Fastify();
    app.setErrorHandler(handleError);
    for (const code of ["40P01", "40001", "XX000"]) {
      app.get(`/fails/${code}`, async () => {
        throw Object.assign(new Error(`database error ${code}`), { code });
      });
    }
    const answer = async (code: string) => {
      const response = await app.inject({ method: "GET", url: `/fails/${code}` });
      return { status: response.statusCode, code: response.json().error.code };
    };
    expect(await answer("40P01")).toEqual({ status: 409, code: "CONCURRENT_CHANGE" });
    expect(await answer("40001")).toEqual({ status: 409, code: "CONCURRENT_CHANGE" });
    expect(await answer("XX000")).toEqual({ status: 500, code: "INTERNAL" });
    await app.close();
  });
});
