/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Odd query values on every GET route of an account with data: no 5xx, only 4xx or 2xx.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeChannel, makeListing, makeProduct } from "../src/mappings/mapping-test-helpers.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";
import { dialects } from "./support/test-database.ts";

const uploads = mkdtempSync(join(tmpdir(), "crosswalk-robust-uploads-"));
process.env.CROSSWALK_UPLOADS = uploads;
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

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

  it("never answers 5xx to whole numbers beyond a 32-bit column", async () => {
    const a = `/api/v1/accounts/${t.accountId}`;
    const big = 10_000_000_000;
    const failures: string[] = [];
    const probes: Array<[string, string, unknown]> = [
      [
        "POST",
        `${a}/channels/${ids.channelId}/mappings`,
        { channelSku: "CH-1", components: [{ sku: "R-1", quantity: big }] },
      ],
      [
        "POST",
        `${a}/channels/${ids.channelId}/listings`,
        { channelSku: "BIG-1", type: "single", quantity: big },
      ],
      ["PATCH", `${a}/channels/${ids.channelId}/listings/${ids.listingId}`, { quantity: big }],
      ["PATCH", `${a}/variants/${ids.variantId}`, { lengthMm: big, weightG: big }],
      ["POST", `${a}/stock`, { levels: [{ sku: "R-1", onHand: 1_000_000_000 }] }],
      ["POST", `${a}/stock/adjustments`, { adjustments: [{ sku: "R-1", delta: 1_000_000_000 }] }],
      ["POST", `${a}/stock/adjustments`, { adjustments: [{ sku: "R-1", delta: 1_000_000_000 }] }],
      ["POST", `${a}/stock/adjustments`, { adjustments: [{ sku: "R-1", delta: 1_000_000_000 }] }],
    ];
    for (const [method, url, body] of probes) {
      const response = await t.app.inject({
        method: method as "POST",
        url,
        headers: { authorization: `Bearer ${t.as.owner.key}` },
        payload: body as object,
      });
      if (response.statusCode >= 500)
        failures.push(`${method} ${url} ${JSON.stringify(body)} -> ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
    // the refused adjustments wrote nothing
    const stock = await t.as.viewer.get(`${a}/stock?sku=R-1`);
    expect(stock.body.items.map((l: any) => l.onHand)).toEqual([1_000_000_000]);
  });

  it("leaves out a downloaded quantity beyond a 32-bit column with an issue instead of failing", async () => {
    const boundary = "----robust";
    const payload = [
      `--${boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\ngeneric\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n`,
      "channel_sku,type,quantity\nHUGE-1,single,10000000000\n\r\n",
      `--${boundary}--\r\n`,
    ].join("");
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/accounts/${t.accountId}/channels/${ids.channelId}/listings/downloads`,
      headers: {
        authorization: `Bearer ${t.as.editor.key}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().issues[0].reason).toContain("quantity is out of range");
    const listing = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/channels/${ids.channelId}/listings?q=HUGE-1`,
    );
    expect(listing.body.items[0].quantity).toBeNull();
  });

  it("rejects a stock file row beyond a 32-bit column instead of failing the apply", async () => {
    const boundary = "----robuststock";
    const payload = [
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stock.csv"\r\n\r\n`,
      "sku,location,on_hand,reserved\nR-1,default,10000000000,0\n\r\n",
      `--${boundary}--\r\n`,
    ].join("");
    const base = `/api/v1/accounts/${t.accountId}/stock`;
    const preview = await t.app.inject({
      method: "POST",
      url: `${base}/imports`,
      headers: {
        authorization: `Bearer ${t.as.editor.key}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json().counts.rejectedRows).toBe(1);
    const applied = await t.as.editor.post(`${base}/imports/${preview.json().id}/apply`);
    expect(applied.status, applied.text).toBe(422);
  });
});
