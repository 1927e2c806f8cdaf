/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Applying mapping files through the API on SQLite and PostgreSQL: in one pass (apply=true), in
// the background (async=true) with progress polls, a large file parsed on a worker thread, and
// racing applies and uploads of one Idempotency-Key, each applied once.
import { describe, expect, it } from "vitest";
import { holdInTransaction } from "../../test/support/hold-lock.ts";
import { dialects } from "../../test/support/test-database.ts";
import { lockMappingWrites } from "../channels/channel-version.ts";
import { upload, useMappingFileApp } from "./transfer-test-helpers.ts";

const header = "channel_sku,internal_sku,quantity,seller_id,action";

describe.each(dialects)("applying mapping files on %s", (dialect) => {
  const app = useMappingFileApp(dialect);

  it("validates and applies in one pass with apply=true; invalid rows then write nothing but the preview", async () => {
    const { t, channelId, base } = await app.freshChannel();
    const good = { name: "g.csv", content: `${header}\nP1,ISKU-1,1,,\nP2,ISKU-2,2,,\nP2,ISKU-3,1,,\n` };
    const key = { "idempotency-key": `one-pass-${channelId}` };
    const applied = await upload(t.as.editor, `${base}/imports?apply=true`, good, {}, key);
    expect(applied.status, applied.text).toBe(201);
    expect(applied.body).toMatchObject({
      status: "applied",
      totalRows: 3,
      counts: { create: 2, rejectedRows: 0 },
      summary: { created: 2, listingsCreated: 2, rejectedRows: 0 },
    });
    expect(await app.mappedCount()).toBe(2);
    const repeated = await upload(t.as.editor, `${base}/imports?apply=true`, good, {}, key);
    expect(repeated.status).toBe(200);
    expect(repeated.body.id).toBe(applied.body.id);

    const bad = { name: "b.csv", content: `${header}\nP3,ISKU-1,1,,\nP4,NOPE,1,,\n` };
    const refused = await upload(t.as.editor, `${base}/imports`, bad, { apply: "true" });
    expect(refused.status, refused.text).toBe(201);
    expect(refused.body).toMatchObject({ status: "previewed", counts: { create: 1, rejectedRows: 1 } });
    expect(refused.body.errors[0]).toMatchObject({ row: 3, column: "internal_sku", value: "NOPE" });
    expect(refused.body.errorFileUrl).toContain(refused.body.id);
    expect(await app.mappedCount()).toBe(2);

    const partial = await upload(t.as.editor, `${base}/imports`, bad, {
      apply: "true",
      validRowsOnly: "true",
    });
    expect(partial.body).toMatchObject({ status: "applied", summary: { created: 1, rejectedRows: 1 } });
    expect(await app.mappedCount()).toBe(3);
  });

  it("applies an import once when two applies race", async () => {
    const { t, base } = await app.freshChannel();
    const file = { name: "r.csv", content: `${header}\nR1,ISKU-1,1,,\nR2,ISKU-2,1,,\n` };
    const preview = await upload(t.as.editor, `${base}/imports`, file);
    const url = `${base}/imports/${preview.body.id}/apply`;
    const [a, b] = await Promise.all([t.as.editor.post(url), t.as.editor.post(url)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.summary).toMatchObject({ created: 2 });
    expect(b.body.summary).toEqual(a.body.summary);
    expect(await app.mappedCount()).toBe(2);
  });

  it("imports a file over 1 MB, parsed on a worker thread, in one pass", async () => {
    const { t, base } = await app.freshChannel();
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `BIG-${String(i).padStart(6, "0")},ISKU-${(i % 3) + 1},1,,`,
    );
    const content = `${header}\n${rows.join("\n")}\nBIG-BAD,NOPE,1,,\n`;
    expect(content.length).toBeGreaterThan(1024 * 1024);
    const refused = await upload(t.as.editor, `${base}/imports?apply=true`, { name: "big.csv", content });
    expect(refused.body).toMatchObject({
      status: "previewed",
      totalRows: 50_001,
      counts: { create: 50_000 },
    });
    expect(refused.body.errors).toEqual([
      {
        row: 50_002,
        column: "internal_sku",
        value: "NOPE",
        reason: "is not the SKU of a variant in this account",
      },
    ]);
    const applied = await upload(
      t.as.editor,
      `${base}/imports`,
      { name: "big.csv", content },
      { apply: "true", validRowsOnly: "true" },
    );
    expect(applied.body).toMatchObject({ status: "applied", summary: { created: 50_000, rejectedRows: 1 } });
    const coverage = await t.as.viewer.get(`${base}?limit=1`);
    expect(coverage.status).toBe(200);
  });

  it("applies in the background with async=true, answering status polls with its progress meanwhile", async () => {
    const { t, base } = await app.freshChannel();
    const rows = Array.from({ length: 40_000 }, (_, i) => `ASYNC-${i},ISKU-${(i % 3) + 1},1,,`);
    const content = `${header}\n${rows.join("\n")}\n`;
    const preview = await upload(t.as.editor, `${base}/imports`, { name: "async.csv", content });
    expect(preview.body.counts.create).toBe(40_000);
    const url = `${base}/imports/${preview.body.id}`;
    const started = await t.as.editor.post(`${url}/apply?async=true`);
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({ status: "applying", progress: { rowsTotal: 40_000 } });
    const seen: string[] = [];
    let poll = await t.as.viewer.get(url);
    for (let i = 0; i < 600 && poll.body.status === "applying"; i++) {
      seen.push(poll.body.status);
      expect(poll.body.progress.rowsDone).toBeLessThanOrEqual(40_000);
      // null while the file is read, then the changes being written
      expect([null, 40_000]).toContain(poll.body.progress.writingChanges);
      await new Promise((resolve) => setTimeout(resolve, 10));
      poll = await t.as.viewer.get(url);
    }
    expect(seen.length).toBeGreaterThan(0); // polls were answered while it applied
    expect(poll.body).toMatchObject({
      status: "applied",
      summary: { created: 40_000 },
      progress: { writingChanges: null },
      error: null,
    });
    expect((await t.as.editor.post(`${url}/apply?async=true`)).status).toBe(200);

    const bad = await upload(t.as.editor, `${base}/imports`, {
      name: "bad.csv",
      content: `${header}\nASYNC-X,NOPE,1,,\n`,
    });
    const refused = await t.as.editor.post(`${base}/imports/${bad.body.id}/apply?async=true`);
    expect(refused.status).toBe(202);
    let failed = await t.as.viewer.get(`${base}/imports/${bad.body.id}`);
    for (let i = 0; i < 200 && failed.body.status === "applying"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      failed = await t.as.viewer.get(`${base}/imports/${bad.body.id}`);
    }
    expect(failed.body).toMatchObject({ status: "failed", error: { code: "IMPORT_HAS_ERRORS" } });
  });

  it("applies two different imports of the same new channel SKUs one after the other when they race", async () => {
    const { t, base } = await app.freshChannel();
    const fileTo = (sku: string) => ({
      name: `${sku}.csv`,
      content: `${header}\n${Array.from({ length: 300 }, (_, i) => `SAME-${i},${sku},1,,`).join("\n")}\n`,
    });
    const url = `${base}/imports?apply=true`;
    const [a, b] = await Promise.all([
      upload(t.as.editor, url, fileTo("ISKU-1")),
      upload(t.as.editor, url, fileTo("ISKU-2")),
    ]);
    expect([a.status, b.status], `${a.text}\n${b.text}`).toEqual([201, 201]);
    const summaries = [a.body, b.body].map((body) => body.summary);
    // whichever came second found the first one's mappings and updated them
    expect(summaries.map((s) => [s.created, s.updated]).sort()).toEqual([
      [0, 300],
      [300, 0],
    ]);
    expect(summaries.map((s) => s.listingsCreated).sort()).toEqual([0, 300]);
    const last = summaries[0].updated === 300 ? "ISKU-1" : "ISKU-2";
    const mappings = await t.as.viewer.get(`${base}?limit=500`);
    expect(mappings.body.items).toHaveLength(300);
    for (const mapping of mappings.body.items) {
      expect(mapping.components.map((c: { sku: string }) => c.sku)).toEqual([last]);
    }
  });

  it("orders an import and a mapping made by hand of the same channel SKU: one waits for the other", async () => {
    const { t, base } = await app.freshChannel();
    const rows = Array.from({ length: 300 }, (_, i) => `HAND-${i},ISKU-1,1,,`);
    const [imported, byHand] = await Promise.all([
      upload(t.as.editor, `${base}/imports?apply=true`, {
        name: "hand.csv",
        content: `${header}\n${rows.join("\n")}\n`,
      }),
      t.as.editor.post(base, { channelSku: "HAND-0", components: [{ sku: "ISKU-2" }] }),
    ]);
    expect(imported.status, imported.text).toBe(201);
    const mappings = await t.as.viewer.get(`${base}?limit=500`);
    expect(mappings.body.items).toHaveLength(300);
    const hand0 = mappings.body.items.find((m: any) => m.channelSku === "HAND-0");
    if (byHand.status === 201) {
      // made first: the import found it and changed it to the file's component
      expect(imported.body.summary).toMatchObject({ created: 299, updated: 1 });
    } else {
      // made second: the channel SKU was mapped by then
      expect(byHand.status, byHand.text).toBe(409);
      expect(byHand.body.error.code).toBe("MAPPING_EXISTS");
      expect(imported.body.summary).toMatchObject({ created: 300, updated: 0 });
    }
    expect(hand0.components.map((c: any) => c.sku)).toEqual(["ISKU-1"]);
  });

  it("answers two racing one-pass uploads of one Idempotency-Key with the same import, applied once", async () => {
    const { t, channelId, base } = await app.freshChannel();
    const file = { name: "race.csv", content: `${header}\nRACE-1,ISKU-1,1,,\nRACE-2,ISKU-2,1,,\n` };
    const key = { "idempotency-key": `race-${channelId}` };
    const url = `${base}/imports?apply=true`;
    const [a, b] = await Promise.all([
      upload(t.as.editor, url, file, {}, key),
      upload(t.as.editor, url, file, {}, key),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body.status).toBe("applied");
    expect(await app.mappedCount()).toBe(2);
    const operations = await t.as.viewer.get(
      `/api/v1/accounts/${t.accountId}/operations?channelId=${channelId}`,
    );
    expect(operations.status, operations.text).toBe(200);
    expect(operations.body.items.filter((o: { kind: string }) => o.kind === "import")).toHaveLength(1);
  });
});

describe.each(dialects.filter((d) => d === "postgres"))(
  "an apply waiting for another writer on %s",
  (dialect) => {
    const app = useMappingFileApp(dialect);

    it("reports that it waits while another writer of the channel holds its lock, then applies", async () => {
      const { t, channelId, base } = await app.freshChannel();
      const file = { name: "wait.csv", content: `${header}\nWAIT-1,ISKU-1,1,,\n` };
      const preview = await upload(t.as.editor, `${base}/imports`, file);
      const other = await holdInTransaction(t.database.db, (trx) =>
        lockMappingWrites(trx, t.accountId, channelId),
      );
      const url = `${base}/imports/${preview.body.id}`;
      expect((await t.as.editor.post(`${url}/apply?async=true`)).status).toBe(202);
      const pollUntil = async (done: (body: any) => boolean) => {
        let poll = await t.as.viewer.get(url);
        for (let i = 0; i < 500 && !done(poll.body); i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          poll = await t.as.viewer.get(url);
        }
        return poll.body;
      };
      expect(await pollUntil((body) => body.progress.waiting)).toMatchObject({
        status: "applying",
        progress: { waiting: true, rowsDone: 0 },
      });
      await other.release();
      expect(await pollUntil((body) => body.status === "applied")).toMatchObject({
        status: "applied",
        summary: { created: 1 },
        progress: { waiting: false },
      });
    });
  },
);
