/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Property: after any sequence of remaps and undos through the API, translating every channel SKU
// gives exactly what the mapping table says (the cached index is never stale).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { makeChannel, makeProduct, mappingsUrl, readMappingTable } from "../mappings/mapping-test-helpers.ts";

const skus = ["PR-1", "PR-2", "PR-3", "PR-4"];
const channelSkus = ["L-0", "L-1", "L-2"];

type Command = { kind: "remap"; listing: number; components: Array<[number, number]> } | { kind: "undo" };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant("remap" as const),
    listing: fc.integer({ min: 0, max: channelSkus.length - 1 }),
    components: fc.uniqueArray(
      fc.tuple(fc.integer({ min: 0, max: skus.length - 1 }), fc.integer({ min: 1, max: 4 })),
      {
        minLength: 1,
        maxLength: 3,
        selector: ([variant]) => variant,
      },
    ),
  }),
  fc.constant({ kind: "undo" as const }),
);

describe.each(dialects)("translate matches the mapping table on %s", (dialect) => {
  let t: TestApp;
  let channelId: string;
  const listingIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    channelId = await makeChannel(t);
    await makeProduct(t, skus);
    for (const channelSku of channelSkus) {
      const response = await t.as.editor.post(mappingsUrl(t, channelId), {
        channelSku,
        components: [{ sku: "PR-1", quantity: 1 }],
      });
      expect(response.status, response.text).toBe(201);
      listingIds[channelSku] = response.body.mapping.listingId;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function mappingIdOf(channelSku: string): Promise<string | undefined> {
    const response = await t.as.viewer.get(mappingsUrl(t, channelId, `?channelSku=${channelSku}`));
    return response.body.items.find((m: any) => m.channelSku === channelSku)?.id;
  }

  async function translateAll(): Promise<Record<string, string>> {
    const response = await t.as.viewer.post(
      `/api/v1/accounts/${t.accountId}/channels/${channelId}/translate`,
      {
        lines: channelSkus.map((channelSku) => ({ channelSku, quantity: 1 })),
      },
    );
    expect(response.status, response.text).toBe(200);
    const table: Record<string, string> = {};
    for (const line of response.body.lines) {
      if (line.status !== "mapped") continue;
      table[listingIds[line.channelSku]!] = line.internal
        .map((i: any) => `${i.variantId}x${i.quantity}`)
        .sort()
        .join(",");
    }
    return table;
  }

  it("after random remaps and undos", async () => {
    const variants = (await t.as.viewer.get(`/api/v1/accounts/${t.accountId}/variants?limit=50`)).body.items;
    const variantIdOf = (sku: string) => variants.find((v: any) => v.sku === sku)?.id;
    expect(skus.every((sku) => variantIdOf(sku))).toBe(true);
    const operations: string[] = [];

    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 5 }), async (commands) => {
        for (const step of commands) {
          if (step.kind === "remap") {
            const channelSku = channelSkus[step.listing]!;
            const mappingId = await mappingIdOf(channelSku);
            if (!mappingId) continue;
            const response = await t.as.editor.put(mappingsUrl(t, channelId, `/${mappingId}`), {
              components: step.components.map(([v, quantity]) => ({ sku: skus[v], quantity })),
            });
            expect(response.status, response.text).toBe(200);
            operations.push(response.body.operationId);
          } else {
            const operationId = operations.pop();
            if (!operationId) continue;
            const response = await t.as.editor.post(
              `/api/v1/accounts/${t.accountId}/operations/${operationId}/undo`,
            );
            expect([200, 409], response.text).toContain(response.status);
          }
          const expected = Object.fromEntries(
            Object.entries(await readMappingTable(t, channelId)).map(([listingId, state]) => [
              listingId,
              state.split("|")[1]!.split(",").sort().join(","),
            ]),
          );
          expect(await translateAll()).toEqual(expected);
        }
      }),
      { numRuns: 12 },
    );
  });
});
