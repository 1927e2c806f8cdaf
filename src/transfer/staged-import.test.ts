// The SQLite staged mapping import (staged-*.ts) against the in-memory plan (planMappingChanges,
// the PostgreSQL path) on random files: bundles, repeated components, seller and action
// conflicts, parents, unknown and invalid cells, both modes. Preview errors and counts must be
// the same; an apply must leave nothing to do on a second look, write audit JSON exactly as
// writeMappings does, and undo back to the state before. SQLite only: the staged path is.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { createChannel } from "../channels/create-channel.ts";
import { rawSqlite } from "../db/database.ts";
import { sortComponents } from "../mappings/mapping-state.ts";
import { undoOperation } from "../operations/undo-operation.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { applyMappingImport } from "./apply-mapping-import.ts";
import { createImport } from "./create-import.ts";
import { planMappingChanges } from "./plan-mapping-import.ts";
import { previewStagedMappingImport } from "./staged-import-sqlite.ts";

const header = "channel_sku,internal_sku,quantity,seller_id,action";
const dir = mkdtempSync(join(tmpdir(), "crosswalk-staged-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(["", "S1"])("staged mapping import, channel seller id %j", (channelSeller) => {
  let t: TestDatabase;
  let ids: { accountId: string; channelId: string; userId: string };
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const userId = (await createUser(t.db, { email: `s${channelSeller}@example.com` })).id;
    const accountId = (await createAccount(t.db, { name: "S", ownerUserId: userId })).id;
    const channel = { name: "Shop", kind: "sales", platform: "generic", sellerId: channelSeller } as const;
    const channelId = (await createChannel(t.db, { accountId, channel })).id;
    for (const sku of ["V1", "V2", "V3", "V4", "=X"]) {
      await createProduct(t.db, { accountId, input: { name: `P ${sku}`, sku } });
    }
    const now = nowIso();
    rawSqlite(t.db)
      ?.prepare(
        "insert into listings (account_id, id, channel_id, seller_id, channel_sku, type, status, missing_on_channel, created_at, updated_at) values (?, ?, ?, ?, 'PARENT', 'parent', 'active', 0, ?, ?)",
      )
      .run(accountId, newId(), channelId, channelSeller, now, now);
    ids = { accountId, channelId, userId };
  });
  afterAll(async () => {
    await t.close();
  });

  let seed = channelSeller === "" ? 7 : 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T;
  function randomFile(): string {
    const lines = [header];
    const rows = 1 + Math.floor(random() * 12);
    for (let i = 0; i < rows; i++) {
      const channelSku = pick(["A", "A", "B", "B", "C", "D", "E", "PARENT", "", "3.65E+11"]);
      const internalSku = pick(["V1", "V2", "V3", "V4", "V1", "NOPE", "", "'=X"]);
      const quantity = pick(["", "1", "2", "1", "0", "1.5"]);
      const seller = pick(["", "", "", "S2", channelSeller]);
      const action = pick(["", "", "upsert", "delete", "bogus", "DELETE"]);
      lines.push(
        `${channelSku},${internalSku},${quantity},${seller},${action}${random() < 0.03 ? ",extra" : ""}`,
      );
    }
    return `${lines.join("\n")}\n`;
  }
  const raw = () => rawSqlite(t.db) as NonNullable<ReturnType<typeof rawSqlite>>;
  const state = () =>
    raw()
      .prepare(
        `select l.channel_sku, l.seller_id, m.origin, (select group_concat(c.variant_id || 'x' || c.quantity, ',' order by c.variant_id)
          from mapping_components c where c.mapping_id = m.id) as components
        from mappings m join listings l on l.account_id = m.account_id and l.id = m.listing_id order by 1, 2`,
      )
      .all();

  it("previews like the in-memory plan, applies to no further change, and undoes to the state before", async () => {
    for (let i = 0; i < 120; i++) {
      if (random() < 0.3) raw().exec("update mappings set origin = 'manual' where abs(random() % 2) = 0");
      const path = join(dir, `file-${channelSeller}-${i}.csv`);
      const text = randomFile();
      writeFileSync(path, text);
      for (const mode of ["merge", "replace"] as const) {
        const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode };
        const planned = await planMappingChanges(t.db, options);
        const staged = await previewStagedMappingImport(t.db, options);
        expect({ file: text, mode, ...staged }).toEqual({
          file: text,
          mode,
          totalRows: planned.totalRows,
          counts: planned.counts,
          errors: planned.errors,
        });
        if (random() < 0.5) continue;
        const before = state();
        const record = await createImport(t.db, {
          ...options,
          kind: "mappings",
          fileName: "f.csv",
          idempotencyKey: null,
          actorUserId: ids.userId,
          keepFile: true,
          validate: () => Promise.resolve(staged),
        });
        const applied = await applyMappingImport(t.db, {
          ...options,
          importId: record.id,
          actorUserId: ids.userId,
          validRowsOnly: true,
          dryRun: false,
        });
        expect(applied.summary).toMatchObject({
          created: planned.counts.create,
          updated: planned.counts.update,
          deleted: planned.counts.delete,
        });
        const again = await planMappingChanges(t.db, options);
        expect({ changes: again.changes, removals: again.removals }).toEqual({ changes: [], removals: [] });
        const operationId = applied.summary?.operationId as string | null;
        if (!operationId) continue;
        const entries = raw()
          .prepare("select before, after from audit_entries where operation_id = ?")
          .all(operationId) as Array<{ before: string | null; after: string | null }>;
        for (const json of entries.flatMap((e) => [e.before, e.after])) {
          if (json === null) continue;
          const parsed = JSON.parse(json);
          expect(json).toBe(
            JSON.stringify({ origin: parsed.origin, components: sortComponents(parsed.components) }),
          );
        }
        await undoOperation(t.db, { accountId: ids.accountId, operationId, actorUserId: ids.userId });
        expect(state()).toEqual(before);
      }
    }
  });
});
