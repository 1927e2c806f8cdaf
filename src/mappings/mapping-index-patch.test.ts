// The cached mapping index brought forward from the channel's change log (only the listings a
// version changed are reloaded) against a full rebuild, on both dialects: after every step of a
// random run of mapping writes, imports, undos, parent listings made, retyped and deleted,
// variant renames and rolled-back changes, the cached index answers exactly what a new build
// does, and most small steps did update the same object in place instead of rebuilding it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dialects } from "../../test/support/test-database.ts";
import { updateVariant } from "../catalog/update-variant.ts";
import { createListing } from "../listings/create-listing.ts";
import { deleteListing } from "../listings/delete-listing.ts";
import { updateListing } from "../listings/update-listing.ts";
import { undoOperation } from "../operations/undo-operation.ts";
import { importAndApplyMappings } from "../transfer/apply-mapping-import.ts";
import { stagedHeader, useStagedScope } from "../transfer/staged-test-support.ts";
import { buildMappingIndex, getMappingIndex, type MappingIndex } from "./mapping-index.ts";
import { writeMappings } from "./write-mappings.ts";

/** What an index answers, in a comparable form (the slot map aside: a build holds every variant). */
function answers(index: MappingIndex) {
  const entries = [...index.entries].map(([key, e]) => {
    for (const c of e.components) expect([c.slot?.variantId, c.slot?.sku]).toEqual([c.variantId, c.sku]);
    return [
      key,
      e.listingId,
      e.channelSku,
      e.sellerId,
      e.type,
      e.status,
      e.components.map((c) => `${c.sku}x${c.quantity}`),
    ];
  });
  return {
    version: index.version,
    sellerId: index.sellerId,
    entries: entries.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    byListing: [...index.byListing.keys()].sort(),
  };
}

describe.each(dialects)("mapping index brought forward on %s", (dialect) => {
  const staged = useStagedScope(dialect);

  it("answers like a rebuild after every kind of change, updating in place for small ones", async () => {
    const { t, ids, dir } = staged;
    const { db } = t;
    const scope = { accountId: ids.accountId, channelId: ids.channelId };
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    const variantRows = await db
      .selectFrom("variants")
      .select(["id", "sku"])
      .where("account_id", "=", ids.accountId)
      .execute();
    const variantIds = variantRows.map((v) => v.id);
    const listingsOf = (type: string) =>
      db
        .selectFrom("listings")
        .select(["id", "channel_sku"])
        .where("account_id", "=", ids.accountId)
        .where("channel_id", "=", ids.channelId)
        .where("type", "=", type)
        .execute();
    const randomComponents = () => {
      const count = 1 + Math.floor(random() * 2);
      const chosen = new Set(Array.from({ length: count }, () => pick(variantIds)));
      return [...chosen].map((variantId) => ({ variantId, quantity: 1 + Math.floor(random() * 3) }));
    };
    const remap = (listingIds: string[], components: () => ReturnType<typeof randomComponents> | null) =>
      writeMappings(db, {
        ...scope,
        actorUserId: ids.userId,
        origin: "manual",
        kind: "remap",
        summary: "test",
        changes: listingIds.map((listingId) => ({ listingId, components: components() })),
      });
    for (let i = 0; i < 12; i++) {
      await createListing(db, { ...scope, listing: { channelSku: `S-${i}`, type: "single" } });
    }
    const operations: string[] = [];
    let previous = await getMappingIndex(db, scope);
    let inPlace = 0;

    for (let step = 0; step < 70; step++) {
      const singles = await listingsOf("single");
      const parents = await listingsOf("parent");
      const what = pick([
        "map",
        "map",
        "map",
        "unmap",
        "import",
        "undo",
        "parent",
        "retype",
        "delete-parent",
        "rename",
        "rollback",
      ]);
      if (what === "map") {
        const chosen = [...new Set([pick(singles).id, pick(singles).id])];
        operations.push((await remap(chosen, randomComponents)).operationId);
      } else if (what === "unmap") {
        operations.push((await remap([pick(singles).id], () => null)).operationId);
      } else if (what === "import") {
        const rows = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
          const sku = random() < 0.7 ? pick(singles).channel_sku : `NEW-${step}`;
          return `${sku},${pick(variantRows).sku},${1 + Math.floor(random() * 3)},,${random() < 0.2 ? "delete" : ""}`;
        });
        const path = join(dir, `step-${dialect}-${step}.csv`);
        writeFileSync(path, `${[stagedHeader, ...rows].join("\n")}\n`);
        await importAndApplyMappings(db, {
          ...scope,
          mode: "merge",
          fileName: "step.csv",
          idempotencyKey: null,
          actorUserId: ids.userId,
          path,
          keepFile: true,
          validRowsOnly: true,
        });
      } else if (what === "undo" && operations.length > 0) {
        const operationId = operations.splice(Math.floor(random() * operations.length), 1)[0] ?? "";
        await undoOperation(db, { accountId: ids.accountId, operationId, actorUserId: ids.userId }).catch(
          () => undefined, // a later change of the same listings refuses the undo: fine here
        );
      } else if (what === "parent") {
        await createListing(db, { ...scope, listing: { channelSku: `P-${step}`, type: "parent" } });
      } else if (what === "retype") {
        const mapped = new Set(previous.byListing.keys());
        const single = singles.find((l) => !mapped.has(l.id));
        if (single && random() < 0.5) {
          await updateListing(db, { ...scope, listingId: single.id, changes: { type: "parent" } });
        } else if (parents.length > 0) {
          await updateListing(db, { ...scope, listingId: pick(parents).id, changes: { type: "single" } });
        }
      } else if (what === "delete-parent" && parents.length > 0) {
        await deleteListing(db, { ...scope, listingId: pick(parents).id });
      } else if (what === "rename") {
        const variant = pick(variantRows);
        variant.sku = `${variant.sku.replace(/-r\d+$/, "")}-r${step}`;
        await updateVariant(db, {
          accountId: ids.accountId,
          variantId: variant.id,
          input: { sku: variant.sku },
        });
      } else if (what === "rollback") {
        const failure = new Error("roll back");
        await expect(
          db.transaction().execute(async (trx) => {
            await writeMappings(trx, {
              ...scope,
              actorUserId: null,
              origin: "manual",
              kind: "remap",
              summary: "rolled back",
              changes: [{ listingId: pick(singles).id, components: randomComponents() }],
            });
            throw failure;
          }),
        ).rejects.toBe(failure);
      }

      const cached = await getMappingIndex(db, scope);
      const rebuilt = await buildMappingIndex(db, { ...scope, version: cached.version });
      expect({ step, what, ...answers(cached) }).toEqual({ step, what, ...answers(rebuilt) });
      if (cached === previous && what !== "rename") inPlace += 1;
      if (what === "rename") expect(cached).not.toBe(previous);
      previous = cached;
    }
    expect(inPlace).toBeGreaterThan(30);
  });
});
