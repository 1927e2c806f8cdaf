// The PostgreSQL staged mapping import (pg-staged-*.ts) against the in-memory plan
// (planMappingChanges, the reference model) on random files: bundles, repeated components,
// seller and action conflicts, parents, unknown and invalid cells (with tabs, newlines and
// backslashes, which COPY's text format escapes), both modes. Preview errors and counts must be
// the same; an apply must leave nothing to do on a second look, write audit JSON exactly as
// writeMappings does, and undo back to the state before. PostgreSQL only: the path is.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { createChannel } from "../channels/create-channel.ts";
import type { Db } from "../db/database.ts";
import { sortComponents } from "../mappings/mapping-state.ts";
import { writeMappings } from "../mappings/write-mappings.ts";
import { undoOperation } from "../operations/undo-operation.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { applyMappingImport } from "./apply-mapping-import.ts";
import { createImport } from "./create-import.ts";
import type { ImportMode } from "./import-store.ts";
import { dropPgStagedTables, stagePgMappingImport, writePgStagedMappings } from "./pg-staged-import.ts";
import { planMappingChanges, planMappingImport } from "./plan-mapping-import.ts";

const header = "channel_sku,internal_sku,quantity,seller_id,action";
const dir = mkdtempSync(join(tmpdir(), "crosswalk-pg-staged-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Scope = { accountId: string; channelId: string; userId: string };

async function setUp(t: TestDatabase, channelSeller: string): Promise<Scope> {
  const userId = (await createUser(t.db, { email: `p${channelSeller}@example.com` })).id;
  const accountId = (await createAccount(t.db, { name: "P", ownerUserId: userId })).id;
  const channel = { name: "Shop", kind: "sales", platform: "generic", sellerId: channelSeller } as const;
  const channelId = (await createChannel(t.db, { accountId, channel })).id;
  for (const sku of ["V1", "V2", "V3", "V4", "=X", "V\\5"]) {
    await createProduct(t.db, { accountId, input: { name: `P ${sku}`, sku } });
  }
  const now = nowIso();
  await t.db
    .insertInto("listings")
    .values({
      account_id: accountId,
      id: newId(),
      channel_id: channelId,
      seller_id: channelSeller,
      channel_sku: "PARENT",
      type: "parent",
      status: "active",
      missing_on_channel: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { accountId, channelId, userId };
}

/** Every mapping of the database as comparable rows. */
async function mappingState(db: Db) {
  const { rows } = await sql`select l.channel_sku, l.seller_id, m.origin,
      (select string_agg(c.variant_id || 'x' || c.quantity, ',' order by c.variant_id collate "C")
        from mapping_components c where c.mapping_id = m.id) as components
    from mappings m join listings l on l.account_id = m.account_id and l.id = m.listing_id
    order by 1, 2`.execute(db);
  return rows;
}

/** Audit JSON of an operation: each state must be what JSON.stringify makes of it (writeMappings). */
async function expectAuditJson(db: Db, operationId: string): Promise<void> {
  const { rows } = await sql<{ before: string | null; after: string | null }>`
    select before, after from audit_entries where operation_id = ${operationId}`.execute(db);
  expect(rows.length).toBeGreaterThan(0);
  for (const json of rows.flatMap((e) => [e.before, e.after])) {
    if (json === null) continue;
    const parsed = JSON.parse(json);
    expect(json).toBe(
      JSON.stringify({ origin: parsed.origin, components: sortComponents(parsed.components) }),
    );
  }
}

describe.each(["", "S1"])("PostgreSQL staged mapping import, channel seller id %j", (channelSeller) => {
  let t: TestDatabase;
  let ids: Scope;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    ids = await setUp(t, channelSeller);
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

  /** Stages and writes in one transaction, as applyMappingImport does with validRowsOnly. */
  async function applyStaged(options: { path: string; mode: ImportMode }) {
    return t.db.transaction().execute(async (trx) => {
      try {
        await stagePgMappingImport(trx, { ...ids, ...options });
        return await writePgStagedMappings(trx, { ...ids, actorUserId: ids.userId, summary: "test" });
      } finally {
        await dropPgStagedTables(trx);
      }
    });
  }

  it("previews like the in-memory plan, applies to no further change, and undoes to the state before", async () => {
    for (let i = 0; i < 80; i++) {
      if (random() < 0.3) await sql`update mappings set origin = 'manual' where random() < 0.5`.execute(t.db);
      const path = join(dir, `file-${channelSeller}-${i}.csv`);
      const text = randomFile();
      writeFileSync(path, text);
      for (const mode of ["merge", "replace"] as const) {
        const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode };
        const planned = await planMappingChanges(t.db, options);
        const staged = await planMappingImport(t.db, options);
        expect({ file: text, mode, ...staged }).toEqual({
          file: text,
          mode,
          totalRows: planned.totalRows,
          counts: planned.counts,
          errors: planned.errors,
        });
        if (random() < 0.5) continue;
        const before = await mappingState(t.db);
        let operationId: string | null;
        if (random() < 0.5) {
          const applied = await applyStaged(options);
          expect(applied).toMatchObject({
            created: planned.counts.create,
            updated: planned.counts.update,
            deleted: planned.counts.delete,
          });
          operationId = applied.operationId;
        } else {
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
          operationId = applied.summary?.operationId as string | null;
        }
        const again = await planMappingChanges(t.db, options);
        expect({ changes: again.changes, removals: again.removals }).toEqual({ changes: [], removals: [] });
        expect((await planMappingImport(t.db, options)).counts).toMatchObject({
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

describe("PostgreSQL staged mapping import, larger files", () => {
  let t: TestDatabase;
  let ids: Scope;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    ids = await setUp(t, "");
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
    const staged = await planMappingImport(t.db, options);
    expect(staged).toEqual({ totalRows: planned.totalRows, counts: planned.counts, errors: planned.errors });
    expect(staged.counts.create).toBeGreaterThan(3000);
    const rowsSeen: number[] = [];
    await t.db.transaction().execute(async (trx) => {
      try {
        await stagePgMappingImport(trx, { ...options, onRow: (n) => rowsSeen.push(n) });
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
    expect((await planMappingImport(t.db, options)).counts.unchanged).toBe(planned.counts.create);
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
      validate: (p) => planMappingImport(t.db, { ...options, path: p }),
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
    await expect(planMappingImport(t.db, { ...options, onRow: (n) => (rowsRead = n) })).rejects.toMatchObject(
      {
        code: "INVALID_FILE",
      },
    );
    expect(rowsRead).toBeGreaterThan(50_000);
    // every pooled connection still answers, and nothing was staged or written
    await Promise.all(Array.from({ length: 12 }, () => sql`select 1`.execute(t.db)));
    const { rows: listed } = await sql<{ n: number }>`select count(*) as n from listings
      where channel_sku like 'BAD-%'`.execute(t.db);
    expect(Number(listed[0]?.n)).toBe(0);
    const emptyPath = join(dir, "empty.csv");
    writeFileSync(emptyPath, `${header}\n`);
    await expect(planMappingImport(t.db, { ...options, path: emptyPath })).rejects.toMatchObject({
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
        await stagePgMappingImport(trx, options);
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
        await stagePgMappingImport(trx, options);
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
