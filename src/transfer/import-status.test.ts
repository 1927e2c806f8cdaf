// An import's status answer while an apply runs in this process: a poll takes the running apply
// before it reads the stored import, so an apply that commits between the read and the answer
// is still shown applying (the read was of the state before its commit), never "previewed" with
// no apply in progress; an applied import is shown applied whatever was running.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { presentImport } from "./create-import.ts";
import { runningImport, trackImport } from "./import-progress.ts";
import { getImport, type ImportRecord, insertImport, markImportApplied } from "./import-store.ts";

describe("an import's status while an apply ends", () => {
  let t: TestDatabase;
  let accountId: string;
  let record: ImportRecord;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const user = await createUser(t.db, { email: "status@example.com" });
    accountId = (await createAccount(t.db, { name: "S", ownerUserId: user.id })).id;
    ({ record } = await insertImport(t.db, {
      accountId,
      kind: "stock",
      channelId: null,
      mode: "merge",
      filePath: "/nowhere/stock.csv",
      fileName: "stock.csv",
      idempotencyKey: null,
      actorUserId: null,
    }));
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows the apply that was running when the poll read the import, then the stored result", async () => {
    const progress = trackImport(record.id, 10);
    progress.onRow(4);
    const runningBefore = runningImport(record.id);
    // the apply ends after the poll read the stored import ("previewed") and before it answers
    progress.finished();
    const polled = await presentImport(t.db, { accountId, record, errorFileUrl: "", runningBefore });
    expect(polled).toMatchObject({ status: "applying", progress: { rowsDone: 4, rowsTotal: 10 } });

    await markImportApplied(t.db, {
      accountId,
      importId: record.id,
      summary: { created: 10 },
      operationId: null,
    });
    const applied = await getImport(t.db, { accountId, importId: record.id });
    const next = await presentImport(t.db, { accountId, record: applied, errorFileUrl: "", runningBefore });
    expect(next).toMatchObject({ status: "applied", summary: { created: 10 } });
  });
});
