// What only the PostgreSQL staged mapping import (pg-staged-*.ts) has to prove: many COPY chunks,
// the ids it makes in SQL, a file failing mid-COPY, a listing made by another writer between
// validation and apply, and writeMappings' audit text. The random differential test against the
// in-memory plan runs on both dialects in staged-import.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createProduct } from "../catalog/create-product.ts";
import { writeMappings } from "../mappings/write-mappings.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { applyMappingImport } from "./apply-mapping-import.ts";
import { createImport } from "./create-import.ts";
import { dropPgStagedTables, stagePgMappingImport, writePgStagedMappings } from "./pg-staged-import.ts";
import { planMappingChanges, planMappingImport } from "./plan-mapping-import.ts";
import {
  collectErrors,
  expectAuditJson,
  type Scope,
  setUpStagedScope,
  stagedHeader,
} from "./staged-test-support.ts";

const header = stagedHeader;
const dir = mkdtempSync(join(tmpdir(), "crosswalk-pg-staged-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("PostgreSQL staged mapping import, larger files", () => {
  let t: TestDatabase;
  let ids: Scope;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    ids = await setUpStagedScope(t, "");
    const variants = Array.from({ length: 300 }, (_, i) => ({ sku: `K${i}` }));
    await createProduct(t.db, { accountId: ids.accountId, input: { name: "Kits", variants } });
  });
  afterAll(async () => {
    await t.close();
  });

  it("stages many COPY chunks (12,000 rows, bundles, long cells) like the in-memory plan", async () => {
    const lines = [header];
    for (let i = 0; i < 12_000; i++) {
      const channelSku = `CH-${Math.floor(i / 3)}-${"x".repeat(i % 40)}`;
      const internalSku = i % 997 === 0 ? "MISSING" : `K${(i * 7) % 300}`;
      lines.push(`${channelSku},${internalSku},${1 + (i % 5)},,`);
    }
    const path = join(dir, "large.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode: "merge" as const };
    const planned = await planMappingChanges(t.db, options);
    const sent = collectErrors();
    const staged = await planMappingImport(t.db, { ...options, onErrors: sent.onErrors });
    expect({ ...staged, errors: sent.errors }).toEqual({
      totalRows: planned.totalRows,
      counts: planned.counts,
      errors: planned.errors,
    });
    expect(staged.counts.create).toBeGreaterThan(3000);
    const rowsSeen: number[] = [];
    await t.db.transaction().execute(async (trx) => {
      try {
        await stagePgMappingImport(trx, { ...options, ...collectErrors(), onRow: (n) => rowsSeen.push(n) });
        const applied = await writePgStagedMappings(trx, { ...ids, actorUserId: null, summary: "large" });
        expect(applied.created).toBe(planned.counts.create);
        expect(applied.listingsCreated).toBe(planned.counts.create);
        await expectAuditJson(trx, applied.operationId as string);
      } finally {
        await dropPgStagedTables(trx);
      }
    });
    expect(rowsSeen.length).toBe(12_000);
    expect(rowsSeen.at(-1)).toBe(12_000);
    const again = await planMappingChanges(t.db, options);
    expect(again.changes).toEqual([]);
    expect((await planMappingImport(t.db, { ...options, ...collectErrors() })).counts.unchanged).toBe(
      planned.counts.create,
    );
  });

  it("ids of made listings and mappings are newId-shaped, unique and sort after earlier ids", async () => {
    const before = newId();
    const path = join(dir, "ids.csv");
    writeFileSync(path, `${header}\nID-1,V1,,,\nID-2,V2,,,\nID-3,V3,2,,\n`);
    const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode: "merge" as const };
    const record = await createImport(t.db, {
      ...options,
      kind: "mappings",
      fileName: "ids.csv",
      idempotencyKey: null,
      actorUserId: null,
      keepFile: true,
      validate: (trx, p, onErrors) => planMappingImport(trx, { ...options, path: p, onErrors }),
    });
    await applyMappingImport(t.db, {
      ...options,
      importId: record.id,
      actorUserId: null,
      validRowsOnly: false,
      dryRun: false,
    });
    const after = newId();
    const { rows } = await sql<{ listing_id: string; mapping_id: string }>`
      select l.id as listing_id, m.id as mapping_id from listings l join mappings m on m.listing_id = l.id
      where l.channel_sku like 'ID-%' order by l.channel_sku`.execute(t.db);
    expect(rows).toHaveLength(3);
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const made = rows.flatMap((r) => [r.listing_id, r.mapping_id]);
    expect(new Set(made).size).toBe(6);
    for (const id of made) {
      expect(id).toMatch(shape);
      expect(id > before && id < after).toBe(true);
    }
    expect(rows.map((r) => r.listing_id)).toEqual(rows.map((r) => r.listing_id).sort());
  });

  it("a file that fails mid-copy is refused with its reason and leaves the connection usable", async () => {
    // past the reader's first 1 MB, so the bad bytes are met while COPY is already under way
    const rows = Array.from({ length: 150_000 }, (_, i) => `BAD-${i},V1,,,`);
    const path = join(dir, "bad.csv");
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(`${header}\n${rows.join("\n")}\n`), Buffer.from([0xff, 0xfe])]),
    );
    const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode: "merge" as const };
    let rowsRead = 0;
    await expect(
      planMappingImport(t.db, { ...options, ...collectErrors(), onRow: (n) => (rowsRead = n) }),
    ).rejects.toMatchObject({
      code: "INVALID_FILE",
    });
    expect(rowsRead).toBeGreaterThan(50_000);
    // every pooled connection still answers, and nothing was staged or written
    await Promise.all(Array.from({ length: 12 }, () => sql`select 1`.execute(t.db)));
    const { rows: listed } = await sql<{ n: number }>`select count(*) as n from listings
      where channel_sku like 'BAD-%'`.execute(t.db);
    expect(Number(listed[0]?.n)).toBe(0);
    const emptyPath = join(dir, "empty.csv");
    writeFileSync(emptyPath, `${header}\n`);
    await expect(
      planMappingImport(t.db, { ...options, ...collectErrors(), path: emptyPath }),
    ).rejects.toMatchObject({
      code: "INVALID_FILE",
    });
  });

  it("maps a listing another writer made between validation and apply", async () => {
    const path = join(dir, "race.csv");
    writeFileSync(path, `${header}\nRACE-1,V1,,,\nRACE-2,V2,,,\n`);
    const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode: "merge" as const };
    const listingId = newId();
    const written = await t.db.transaction().execute(async (trx) => {
      try {
        await stagePgMappingImport(trx, { ...options, ...collectErrors() });
        const now = nowIso();
        await trx
          .insertInto("listings")
          .values({
            account_id: ids.accountId,
            id: listingId,
            channel_id: ids.channelId,
            seller_id: "",
            channel_sku: "RACE-1",
            type: "single",
            status: "active",
            missing_on_channel: 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
        return await writePgStagedMappings(trx, { ...ids, actorUserId: null, summary: "race" });
      } finally {
        await dropPgStagedTables(trx);
      }
    });
    expect(written).toMatchObject({ created: 2, listingsCreated: 1 });
    const { rows } = await sql<{ listing_id: string }>`select m.listing_id from mappings m
      join listings l on l.id = m.listing_id where l.channel_sku = 'RACE-1'`.execute(t.db);
    expect(rows).toEqual([{ listing_id: listingId }]);
  });

  it("matches writeMappings' audit JSON for the same mapping", async () => {
    const path = join(dir, "audit.csv");
    writeFileSync(path, `${header}\nAUD-1,V3,2,,\nAUD-1,V1,1,,\nAUD-1,V2,4,,\n`);
    const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode: "merge" as const };
    const written = await t.db.transaction().execute(async (trx) => {
      try {
        await stagePgMappingImport(trx, { ...options, ...collectErrors() });
        return await writePgStagedMappings(trx, { ...ids, actorUserId: null, summary: "audit" });
      } finally {
        await dropPgStagedTables(trx);
      }
    });
    const { rows } = await sql<{
      after: string;
      entity_id: string;
    }>`select after, entity_id from audit_entries
      where operation_id = ${written.operationId}`.execute(t.db);
    const listingId = rows[0]?.entity_id as string;
    const { rows: comps } = await sql<{
      variant_id: string;
      quantity: number;
    }>`select c.variant_id, c.quantity
      from mapping_components c join mappings m on m.id = c.mapping_id where m.listing_id = ${listingId}`.execute(
      t.db,
    );
    // the same state written by writeMappings (delete, then map again) gives the same text
    await writeMappings(t.db, {
      ...ids,
      actorUserId: null,
      origin: "import",
      kind: "test",
      summary: "",
      changes: [{ listingId, components: null }],
    });
    const rewritten = await writeMappings(t.db, {
      ...ids,
      actorUserId: null,
      origin: "import",
      kind: "test",
      summary: "",
      changes: [
        { listingId, components: comps.map((c) => ({ variantId: c.variant_id, quantity: c.quantity })) },
      ],
    });
    const { rows: reference } = await sql<{ after: string }>`select after from audit_entries
      where operation_id = ${rewritten.operationId}`.execute(t.db);
    expect(rows[0]?.after).toBe(reference[0]?.after);
  });
});
