/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Odd query values on every GET route of an account with data: no 5xx, only 4xx or 2xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeChannel, makeListing, makeProduct } from "../src/mappings/mapping-test-helpers.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";
import { dialects } from "./support/test-database.ts";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

const oddQueries = [
  "limit=-1",
  "limit=0",
  "limit=99999999",
  "limit=1e400",
  "limit=abc",
  "cursor=%25%25%25",
  `cursor=${b64([])}`,
  `cursor=${b64("x")}`,
  `cursor=${b64({ id: { a: 1 } })}`,
  `cursor=${b64({ id: 5, seq: "x", v: null, l: [], s: 1, p: "x", k: 1, i: 2 })}`,
  `cursor=${b64({ seq: -1e308 })}`,
  "q=%00",
  "sku=%00",
  "location=%00",
  "since=not-a-date",
  "format=exe",
  "channelId=not-a-uuid",
];

describe.each(dialects)("odd query values on %s", (dialect) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ids.channelId = await makeChannel(t);
    const product = await makeProduct(t, ["R-1"]);
    ids.productId = product.productId;
    ids.variantId = product.variants["R-1"] ?? "";
    ids.listingId = await makeListing(t, ids.channelId, { channelSku: "CH-1", type: "single" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("never answers 5xx on a GET route", async () => {
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => r.method === "GET" && r.url.includes(":accountId"))) {
      const base = route.url
        .replace(":accountId", t.accountId)
        .replace(/:([A-Za-z]+)/g, (_m, name: string) => ids[name] ?? "not-a-uuid");
      for (const query of oddQueries) {
        const response = await t.as.owner.get(`${base}?${query}`);
        if (response.status >= 500)
          failures.push(`${route.url}?${query} -> ${response.status} ${response.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("never answers 5xx to a malformed multipart body", async () => {
    const bodies: Array<[string, string]> = [
      [
        "multipart/form-data; boundary=XX",
        '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nsku\r\nA',
      ],
      ["multipart/form-data; boundary=XX", "garbage"],
      ["multipart/form-data", "--XX\r\n\r\n"],
      [
        "multipart/form-data; boundary=XX",
        '--XX\r\nContent-Disposition: form-data; name="mode"\r\n\r\nreplace\r\n--XX--\r\n',
      ],
      [
        "multipart/form-data; boundary=XX",
        '--XX\r\nContent-Disposition: form-data; name="file"\r\n\r\nsku\r\n--XX--\r\n',
      ],
    ];
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => r.method === "POST" && r.url.includes(":accountId"))) {
      const url = route.url
        .replace(":accountId", t.accountId)
        .replace(/:([A-Za-z]+)/g, (_m, name: string) => ids[name] ?? "not-a-uuid");
      for (const [type, payload] of bodies) {
        const response = await t.app.inject({
          method: "POST",
          url,
          headers: { authorization: `Bearer ${t.as.owner.key}`, "content-type": type },
          payload,
        });
        if (response.statusCode >= 500)
          failures.push(
            `${route.url} ${type} ${JSON.stringify(payload).slice(0, 40)} -> ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it("never answers 5xx to a NUL character in a JSON body", async () => {
    const failures: string[] = [];
    const probes: Array<[string, string, unknown]> = [
      [
        "POST",
        `/api/v1/accounts/${t.accountId}/products`,
        { name: "a\u0000b", variants: [{ sku: "NUL-1" }] },
      ],
      [
        "POST",
        `/api/v1/accounts/${t.accountId}/channels`,
        { name: "a\u0000b", kind: "sales", platform: "generic" },
      ],
      ["PATCH", `/api/v1/accounts/${t.accountId}/products/${ids.productId}`, { name: "a\u0000b" }],
      [
        "PATCH",
        `/api/v1/accounts/${t.accountId}/channels/${ids.channelId}/listings/${ids.listingId}`,
        { title: "a\u0000b" },
      ],
      [
        "POST",
        `/api/v1/accounts/${t.accountId}/stock`,
        { levels: [{ sku: "R-1", location: "de\u0000fault", onHand: 1 }] },
      ],
      [
        "POST",
        `/api/v1/accounts/${t.accountId}/channels/${ids.channelId}/mappings`,
        { channelSku: "CH-1", components: [{ variantId: "a\u0000" }] },
      ],
      [
        "POST",
        `/api/v1/accounts/${t.accountId}/channels/${ids.channelId}/suggestions/accept`,
        { accept: [{ listingId: "a\u0000", variantId: "b" }] },
      ],
    ];
    for (const [method, url, body] of probes) {
      const response = await t.app.inject({
        method: method as "POST",
        url,
        headers: { authorization: `Bearer ${t.as.owner.key}` },
        payload: body as object,
      });
      if (response.statusCode >= 500) failures.push(`${method} ${url} -> ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
