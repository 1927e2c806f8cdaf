// The shared per-route security test: for every route the server registers that names an
// account, no credentials -> 401, another account's key -> 404, viewer on a write -> 403.
// New routes are covered automatically because the list comes from the server itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/test-app.ts";
import { dialects } from "./support/test-database.ts";

const placeholderId = "00000000-0000-7000-8000-000000000000";

function fill(url: string, accountId: string): string {
  return url.replace(":accountId", accountId).replace(/:[A-Za-z]+/g, placeholderId);
}

describe.each(dialects)("route security on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("covers the account routes", () => {
    const accountRoutes = t.routes.filter((r) => r.url.includes(":accountId"));
    expect(accountRoutes.length).toBeGreaterThan(5);
  });

  it("answers 401 without credentials on every non-public route", async () => {
    for (const route of t.routes.filter((r) => !r.public && r.url.startsWith("/api/v1/"))) {
      const response = await t.app.inject({
        method: route.method as "GET",
        url: fill(route.url, t.accountId),
        payload: {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code, `${route.method} ${route.url}`).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 401 for a bad API key", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/v1/accounts",
      headers: { authorization: "Bearer cwk_nope" },
    });
    expect(response.statusCode).toBe(401);
  });

  it("answers 404 to a member of another account on every account route", async () => {
    for (const route of t.routes.filter((r) => r.url.includes(":accountId"))) {
      const response = await t.app.inject({
        method: route.method as "GET",
        url: fill(route.url, t.accountId),
        headers: { authorization: `Bearer ${t.other.key}` },
        payload: {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.json().error.code, `${route.method} ${route.url}`).toBe("ACCOUNT_NOT_FOUND");
    }
  });

  it("answers 403 to a viewer on every write route", async () => {
    const writes = t.routes.filter(
      (r) => r.url.includes(":accountId") && r.minRole && r.minRole !== "viewer" && !r.readOnly,
    );
    expect(writes.length).toBeGreaterThan(3);
    for (const route of writes) {
      expect(route.method, `${route.url} needs more than viewer`).not.toBe("GET");
      const response = await t.app.inject({
        method: route.method as "GET",
        url: fill(route.url, t.accountId),
        headers: { authorization: `Bearer ${t.as.viewer.key}` },
        payload: {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it("declares a role above viewer on every account route that writes (read-only POSTs say so)", () => {
    const writes = t.routes.filter((r) => r.url.includes(":accountId") && r.method !== "GET" && !r.readOnly);
    for (const route of writes) {
      expect(route.minRole, `${route.method} ${route.url}`).toBeDefined();
      expect(route.minRole, `${route.method} ${route.url}`).not.toBe("viewer");
    }
  });
});
