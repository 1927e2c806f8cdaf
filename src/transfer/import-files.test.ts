/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// The retention of imports' files on SQLite and PostgreSQL: files of imports older than the
// retention are removed from the uploads directory (a CLI import's own file is only forgotten),
// newer ones are kept, and the expired import still answers with its counts and first errors while
// its error file and its apply answer 410 IMPORT_FILE_EXPIRED and write nothing.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dialects } from "../../test/support/test-database.ts";
import { importAndApplyMappings } from "./apply-mapping-import.ts";
import { removeExpiredImportFiles } from "./import-files.ts";
import { upload, useMappingFileApp } from "./transfer-test-helpers.ts";

const header = "channel_sku,internal_sku,quantity,seller_id,action";
const own = mkdtempSync(join(tmpdir(), "crosswalk-own-files-"));
afterAll(() => rmSync(own, { recursive: true, force: true }));

describe.each(dialects)("import file retention on %s", (dialect) => {
  const app = useMappingFileApp(dialect);

  it("removes the files of imports older than the retention and refuses what needs them", async () => {
    const { t, channelId, base } = await app.freshChannel();
    const db = t.database.db;
    const content = `${header}\nOLD-1,ISKU-1,1,,\nOLD-2,NOPE,1,,\n`;
    const old = await upload(t.as.editor, `${base}/imports`, { name: "old.csv", content });
    expect(old.status, old.text).toBe(201);
    expect(old.body.errorFileUrl).toBeTruthy();
    const recent = await upload(t.as.editor, `${base}/imports`, { name: "recent.csv", content });
    const ownPath = join(own, `${dialect}.csv`);
    writeFileSync(ownPath, `${header}\nOWN-1,ISKU-2,1,,\n`);
    const cli = await importAndApplyMappings(db, {
      accountId: t.accountId,
      channelId,
      mode: "merge",
      fileName: "own.csv",
      idempotencyKey: null,
      actorUserId: null,
      path: ownPath,
      keepFile: true,
      validRowsOnly: false,
    });
    const pathOf = async (id: string) =>
      (await db.selectFrom("imports").select("file_path").where("id", "=", id).executeTakeFirstOrThrow())
        .file_path;
    const oldPath = await pathOf(old.body.id);
    const recentPath = await pathOf(recent.body.id);
    expect(existsSync(oldPath)).toBe(true);

    const now = new Date();
    const longAgo = new Date(now.getTime() - 31 * 86_400_000).toISOString();
    await db
      .updateTable("imports")
      .set({ created_at: longAgo })
      .where("id", "in", [old.body.id, cli.id])
      .execute();
    expect(await removeExpiredImportFiles(db, { now, days: 30 })).toBe(2);
    expect(existsSync(oldPath)).toBe(false);
    expect(existsSync(recentPath)).toBe(true);
    expect(existsSync(ownPath)).toBe(true); // the user's own file is not ours to remove
    expect(await pathOf(cli.id)).toBe("");
    expect(await removeExpiredImportFiles(db, { now, days: 30 })).toBe(0);

    const kept = await t.as.viewer.get(`${base}/imports/${old.body.id}`);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ status: "previewed", counts: { create: 1, rejectedRows: 1 } });
    expect(kept.body.errors).toEqual([old.body.errors[0]]);
    expect(kept.body.errorFileUrl).toBeNull();
    const errorFile = await t.as.viewer.get(old.body.errorFileUrl);
    expect(errorFile.status).toBe(410);
    expect(errorFile.body.error.code).toBe("IMPORT_FILE_EXPIRED");
    const apply = await t.as.editor.post(`${base}/imports/${old.body.id}/apply?validRowsOnly=true`);
    expect(apply.status).toBe(410);
    expect(apply.body.error).toMatchObject({ code: "IMPORT_FILE_EXPIRED", details: { fileName: "old.csv" } });
    expect(await app.mappedCount()).toBe(1); // OWN-1 only

    const recentError = await t.as.viewer.get(recent.body.errorFileUrl);
    expect(recentError.status).toBe(200);
    expect(recentError.text).toContain("OLD-2");
  });
});
