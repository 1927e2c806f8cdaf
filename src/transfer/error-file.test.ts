// Rejected rows past one page: validation sends them to the import's error table in pages, and
// the error file reads them back in pages beside the stored file. Every rejected row, and only
// those, must come out once, with its own reason, across the page boundaries (5,000 rows).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dialects } from "../../test/support/test-database.ts";
import { createImport } from "./create-import.ts";
import { readErrorFile } from "./error-file.ts";
import { listImportErrors } from "./import-errors.ts";
import { planMappingImport } from "./plan-mapping-import.ts";
import { stagedHeader, useStagedScope } from "./staged-test-support.ts";

describe.each(dialects)("error file of a large import on %s", (dialect) => {
  const staged = useStagedScope(dialect);

  it("holds every rejected row once, in file order, with its reason", async () => {
    const { t, ids, dir } = staged;
    const rows = 12_345;
    const lines = [stagedHeader];
    const rejected: string[] = [];
    for (let i = 0; i < rows; i++) {
      // two rows in three are rejected: an unknown SKU or a quantity that is not a whole number
      const kind = i % 3;
      lines.push(kind === 0 ? `OK-${i},V1,1,,` : kind === 1 ? `BAD-${i},NOPE-${i},1,,` : `QTY-${i},V2,1.5,,`);
      if (kind !== 0) rejected.push(kind === 1 ? `BAD-${i}` : `QTY-${i}`);
    }
    const path = join(dir, `large-${dialect}.csv`);
    writeFileSync(path, `${lines.join("\n")}\n`);
    const options = { accountId: ids.accountId, channelId: ids.channelId, path, mode: "merge" as const };
    const record = await createImport(t.db, {
      ...options,
      kind: "mappings",
      fileName: "large.csv",
      idempotencyKey: null,
      actorUserId: ids.userId,
      keepFile: true,
      validate: (trx, p, onErrors) => planMappingImport(trx, { ...options, path: p, onErrors }),
    });
    expect(record.counts).toMatchObject({ create: rows - rejected.length, rejectedRows: rejected.length });
    expect(await listImportErrors(t.db, { ...ids, importId: record.id, limit: 3 })).toEqual([
      {
        row: 3,
        column: "internal_sku",
        value: "NOPE-1",
        reason: "is not the SKU of a variant in this account",
      },
      { row: 4, column: "quantity", value: "1.5", reason: expect.any(String) },
      {
        row: 6,
        column: "internal_sku",
        value: "NOPE-4",
        reason: "is not the SKU of a variant in this account",
      },
    ]);

    const file = await readErrorFile(t.db, { ...ids, importId: record.id, filePath: path });
    expect(file.header).toEqual([...stagedHeader.split(","), "error"]);
    const out: string[][] = [];
    for await (const cells of file.rows) out.push(cells.map(String));
    expect(out.map((cells) => cells[0])).toEqual(rejected);
    for (const cells of out) {
      expect(cells[5]).toMatch(
        cells[0]?.startsWith("BAD-") ? /^internal_sku: "NOPE-\d+" / : /^quantity: "1\.5" /,
      );
    }
  });
});
