// Property: any sequence of creates, remaps and deletes, undone operation by operation in reverse
// order, returns the channel's mapping table to where it started (both dialects).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { makeChannel, makeProduct, mappingsUrl, readMappingTable } from "./mapping-test-helpers.ts";

const skus = ["PX-1", "PX-2", "PX-3", "PX-4"];
const channelSkus = ["CX-1", "CX-2", "CX-3"];

const step = fc.record({
  action: fc.constantFrom("create", "remap", "delete", "delete-all"),
  channelSku: fc.constantFrom(...channelSkus),
  components: fc.uniqueArray(
    fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 3 }) }),
    {
      minLength: 1,
      maxLength: 3,
      selector: (c) => c.sku,
    },
  ),
});

describe.each(dialects)("undo property on %s", (dialect) => {
  let t: TestApp;
  let run = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await makeProduct(t, skus);
  });
  afterAll(async () => {
    await t.close();
  });

  it("undoing every operation in reverse order restores the initial table", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), fc.boolean(), async (steps, seed) => {
        run += 1;
        const channelId = await makeChannel(t, { name: `prop-${run}` });
        if (seed) {
          await t.as.editor.post(mappingsUrl(t, channelId), {
            channelSku: "CX-1",
            components: [{ sku: "PX-1" }],
          });
        }
        const initial = await readMappingTable(t, channelId);
        const operations: string[] = [];
        for (const s of steps) {
          const found = await t.as.viewer.get(mappingsUrl(t, channelId, `?channelSku=${s.channelSku}`));
          const existing = found.body.items[0] as { id: string } | undefined;
          let response: { status: number; body: { operationId?: string } } | undefined;
          if (s.action === "create" && !existing) {
            response = await t.as.editor.post(mappingsUrl(t, channelId), {
              channelSku: s.channelSku,
              components: s.components,
            });
          } else if (s.action === "remap" && existing) {
            response = await t.as.editor.put(mappingsUrl(t, channelId, `/${existing.id}`), {
              components: s.components,
            });
          } else if (s.action === "delete" && existing) {
            response = await t.as.editor.delete(mappingsUrl(t, channelId, `/${existing.id}`));
          } else if (s.action === "delete-all") {
            response = await t.as.editor.delete(mappingsUrl(t, channelId, "?confirm=delete-all"));
          }
          if (response) {
            expect(response.status).toBeLessThan(300);
            operations.push(response.body.operationId!);
          }
        }
        for (const operationId of operations.reverse()) {
          const undo = await t.as.editor.post(
            `/api/v1/accounts/${t.accountId}/operations/${operationId}/undo`,
          );
          expect(undo.status, undo.text).toBe(200);
        }
        expect(await readMappingTable(t, channelId)).toEqual(initial);
      }),
      { numRuns: 15 },
    );
  });
});
