/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Helpers the mapping and operation tests share: build a channel, products and listings through
// the API, and read a channel's whole mapping table as listingId -> state.
import { expect } from "vitest";
import type { TestApp } from "../../test/support/test-app.ts";

export async function makeChannel(t: TestApp, body: Record<string, unknown> = {}): Promise<string> {
  const response = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
    name: `Shop ${Math.random().toString(36).slice(2, 7)}`,
    kind: "sales",
    platform: "generic",
    ...body,
  });
  expect(response.status, response.text).toBe(201);
  return response.body.id;
}

export async function makeProduct(
  t: TestApp,
  skus: string[],
  accountClient = t.as.editor,
  accountId = t.accountId,
): Promise<{ productId: string; variants: Record<string, string> }> {
  const response = await accountClient.post(`/api/v1/accounts/${accountId}/products`, {
    name: `Product ${skus[0]}`,
    variants: skus.map((sku) => ({ sku })),
  });
  expect(response.status, response.text).toBe(201);
  const variants: Record<string, string> = {};
  for (const v of response.body.variants) variants[v.sku] = v.id;
  return { productId: response.body.id, variants };
}

export async function makeListing(
  t: TestApp,
  channelId: string,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await t.as.editor.post(
    `/api/v1/accounts/${t.accountId}/channels/${channelId}/listings`,
    body,
  );
  expect(response.status, response.text).toBe(201);
  return response.body.id;
}

export function mappingsUrl(t: TestApp, channelId: string, rest = ""): string {
  return `/api/v1/accounts/${t.accountId}/channels/${channelId}/mappings${rest}`;
}

/** The channel's whole mapping table: listingId -> "origin|variant xN,..." (ids differ after undo). */
export async function readMappingTable(t: TestApp, channelId: string): Promise<Record<string, string>> {
  const table: Record<string, string> = {};
  let cursor: string | null = null;
  do {
    const response: any = await t.as.viewer.get(
      mappingsUrl(t, channelId, `?limit=500${cursor ? `&cursor=${cursor}` : ""}`),
    );
    expect(response.status, response.text).toBe(200);
    for (const m of response.body.items) {
      table[m.listingId] = `${m.origin}|${m.components
        .map((c: any) => `${c.variantId}x${c.quantity}`)
        .sort()
        .join(",")}`;
    }
    cursor = response.body.nextCursor;
  } while (cursor);
  return table;
}
