// The staged mapping import of both dialects (staged-*.ts on SQLite, pg-staged-*.ts on
// PostgreSQL) against the in-memory plan (planMappingChanges, the reference model) on random
// files: bundles, repeated components, seller and action conflicts, parents, unknown and invalid
// cells (with tabs, newlines and backslashes, which COPY's text format escapes), both modes.
// Preview errors and counts must be the same; an apply (the writer itself or applyMappingImport)
// must leave nothing to do on a second look, write audit JSON exactly as writeMappings does, and
// undo back to the state before.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/test-database.ts";
import { type Db, rawSqlite } from "../db/database.ts";
import { undoOperation } from "../operations/undo-operation.ts";
import { applyMappingImport } from "./apply-mapping-import.ts";
import { createImport } from "./create-import.ts";
import { listImportErrors } from "./import-errors.ts";
import type { ImportMode } from "./import-store.ts";
import { dropPgStagedTables, stagePgMappingImport, writePgStagedMappings } from "./pg-staged-import.ts";
import { planMappingChanges, planMappingImport } from "./plan-mapping-import.ts";
import { writeStagedMappings } from "./staged-apply.ts";
import { stageMappingImport } from "./staged-import-sqlite.ts";
import { dropStagedTables } from "./staged-stage.ts";
import {
  collectErrors,
  expectAuditJson,
  mappingState,
  type Scope,
  setUpStagedScope,
  stagedHeader,
} from "./staged-test-support.ts";

const dir = mkdtempSync(join(tmpdir(), "crosswalk-staged-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stages and writes in one transaction, as an apply with validRowsOnly does, with the dialect's own writer. */
async function applyStaged(db: Db, ids: Scope, options: { path: string; mode: ImportMode }) {
  const staged = { accountId: ids.accountId, channelId: ids.channelId, ...options, ...collectErrors() };
  const write = { ...staged, actorUserId: ids.userId, summary: "test" };
  return db.transaction().execute(async (trx) => {
    const raw = rawSqlite(trx);
    if (raw) {
      try {
        await stageMappingImport(trx, raw, staged);
        return await writeStagedMappings(trx, raw, write);
      } finally {
        dropStagedTables(raw);
      }
    }
    try {
      await stagePgMappingImport(trx, staged);
      return await writePgStagedMappings(trx, write);
    } finally {
      await dropPgStagedTables(trx);
    }
  });
}

const cases = dialects.flatMap((dialect) => ["", "S1"].map((seller) => [dialect, seller] as const));

describe.each(cases)("staged mapping import on %s, channel seller id %j", (dialect, channelSeller) => {
  let t: TestDatabase;
  let ids: Scope;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ids = await setUpStagedScope(t, channelSeller);
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
    const lines = [stagedHeader];
    const rows = 1 + Math.floor(random() * 12);
    for (let i = 0; i < rows; i++) {
      const channelSku = pick(["A", "A", "B", "B", "C", "D", "E\\1", "PARENT", "", "3.65E+11", '"L\tM"']);
      const internalSku = pick(["V1", "V2", "V3", "V4", "V1", "NOPE", "", "'=X", "V\\5", '"V\nW"']);
      const quantity = pick(["", "1", "2", "1", "0", "1.5"]);
      const seller = pick(["", "", "", "S2", channelSeller]);
      const action = pick(["", "", "upsert", "delete", "bogus", "DELETE"]);
      lines.push(
        `${channelSku},${internalSku},${quantity},${seller},${action}${random() < 0.03 ? ",ex\\tra" : ""}`,
      );
    }
    return `${lines.join("\n")}\n`;
  }

  it("tells a one-row channel SKU whose quantity, variant or component count changed from one that did not", async () => {
    const write = (name: string, rows: string[]) => {
      const path = join(dir, `${name}-${dialect}-${channelSeller}.csv`);
      writeFileSync(path, `${[stagedHeader, ...rows].join("\n")}\n`);
      return { accountId: ids.accountId, channelId: ids.channelId, path, mode: "merge" as const };
    };
    await applyStaged(
      t.db,
      ids,
      write("known", ["Q1,V1,1,,", "Q2,V1,1,,", "Q3,V1,1,,", "Q4,V1,1,,", "Q4,V2,1,,"]),
    );
    const cases: Array<[string, "unchanged" | "update"]> = [
      ["Q1,V1,1,,", "unchanged"],
      ["Q2,V1,2,,", "update"],
      ["Q3,V2,1,,", "update"],
      ["Q4,V1,1,,", "update"],
    ];
    for (const [row, change] of cases) {
      const options = write(`one-${row.slice(0, 2)}`, [row]);
      const counts = (await planMappingImport(t.db, { ...options, ...collectErrors() })).counts;
      expect({ row, counts }).toEqual({ row, counts: (await planMappingChanges(t.db, options)).counts });
      expect({ row, unchanged: counts.unchanged, update: counts.update }).toEqual({
        row,
        unchanged: change === "unchanged" ? 1 : 0,
        update: change === "update" ? 1 : 0,
      });
    }
  });

  it("previews like the in-memory plan, applies to no further change, and undoes to the state before", async () => {
    for (let i = 0; i < 80; i++) {
      if (random() < 0.3) {
        await sql`update mappings set origin = 'manual' where random() < 0.5`.execute(t.db);
      }
      const path = join(dir, `file-${dialect}-${channelSeller}-${i}.csv`);
      const text = randomFile();
      writeFileSync(path, text);
      for (const mode of ["merge", "replace"] as const) {
        const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode };
        const planned = await planMappingChanges(t.db, options);
        const sent = collectErrors();
        const staged = await planMappingImport(t.db, { ...options, onErrors: sent.onErrors });
        expect({ file: text, mode, ...staged, errors: sent.errors }).toEqual({
          file: text,
          mode,
          totalRows: planned.totalRows,
          counts: planned.counts,
          errors: planned.errors,
        });
        if (random() < 0.5) continue;
        const before = await mappingState(t.db);
        const expected = {
          created: planned.counts.create,
          updated: planned.counts.update,
          deleted: planned.counts.delete,
        };
        let operationId: string | null;
        if (random() < 0.5) {
          const applied = await applyStaged(t.db, ids, options);
          expect(applied).toMatchObject(expected);
          operationId = applied.operationId;
        } else {
          const record = await createImport(t.db, {
            ...options,
            kind: "mappings",
            fileName: "f.csv",
            idempotencyKey: null,
            actorUserId: ids.userId,
            keepFile: true,
            validate: (trx, p, onErrors) => planMappingImport(trx, { ...options, path: p, onErrors }),
          });
          expect(await listImportErrors(t.db, { ...ids, importId: record.id, limit: 1000 })).toEqual(
            planned.errors,
          );
          const applied = await applyMappingImport(t.db, {
            ...options,
            importId: record.id,
            actorUserId: ids.userId,
            validRowsOnly: true,
            dryRun: false,
          });
          expect(applied.summary).toMatchObject(expected);
          operationId = applied.summary?.operationId as string | null;
        }
        const again = await planMappingChanges(t.db, options);
        expect({ changes: again.changes, removals: again.removals }).toEqual({ changes: [], removals: [] });
        expect((await planMappingImport(t.db, { ...options, ...collectErrors() })).counts).toMatchObject({
          create: 0,
          update: 0,
          delete: 0,
        });
        if (!operationId) continue;
        await expectAuditJson(t.db, operationId);
        await undoOperation(t.db, { accountId: ids.accountId, operationId, actorUserId: ids.userId });
        expect(await mappingState(t.db)).toEqual(before);
      }
    }
  });
});
