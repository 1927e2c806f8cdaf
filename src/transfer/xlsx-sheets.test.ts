// XLSX tables longer than a sheet (Excel's 1,048,576 rows): written on into more sheets with the
// header again, and read back whole through every following sheet with the same header.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { openRowSource } from "./row-source.ts";
import { collectRows } from "./transfer-test-helpers.ts";
import { writeXlsxTable } from "./xlsx-source.ts";

const tmp = mkdtempSync(join(tmpdir(), "crosswalk-xlsx-sheets-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("XLSX sheets", () => {
  async function writeWorkbook(path: string, sheets: Array<{ name: string; rows: string[][] }>) {
    const workbook = new ExcelJS.Workbook();
    for (const sheet of sheets) workbook.addWorksheet(sheet.name).addRows(sheet.rows);
    await workbook.xlsx.writeFile(path);
  }

  it("writes a table past a sheet's rows on into more sheets and reads it back whole, rows numbered on", async () => {
    const path = join(tmp, "sheets.xlsx");
    const rows = Array.from({ length: 10 }, (_, i) => [`SKU-${i}`, i]);
    const chunks: Buffer[] = [];
    const output = new PassThrough();
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    await writeXlsxTable({ output, sheetName: "mappings", header: ["sku", "n"], rows, sheetRows: 4 });
    writeFileSync(path, Buffer.concat(chunks));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual([
      ["mappings", 4],
      ["mappings (2)", 4],
      ["mappings (3)", 4],
      ["mappings (4)", 2],
    ]);
    const source = await openRowSource({ path });
    expect(source.header).toEqual(["sku", "n"]);
    const read: Array<[number, string[]]> = [];
    for await (const { row, values } of source.rows) read.push([row, values]);
    expect(read).toEqual(rows.map((values, i) => [i + 2, values.map(String)]));
  });

  it("reads on only through sheets with the same header", async () => {
    const path = join(tmp, "other-sheet.xlsx");
    await writeWorkbook(path, [
      {
        name: "mappings",
        rows: [
          ["channel_sku", "internal_sku"],
          ["A", "X"],
        ],
      },
      {
        name: "mappings (2)",
        rows: [
          ["channel_sku", "internal_sku"],
          ["B", "Y"],
        ],
      },
      { name: "notes", rows: [["remark"], ["not mappings"]] },
      {
        name: "mappings (3)",
        rows: [
          ["channel_sku", "internal_sku"],
          ["C", "Z"],
        ],
      },
    ]);
    const source = await openRowSource({ path });
    expect(await collectRows(source)).toEqual([
      { channel_sku: "A", internal_sku: "X" },
      { channel_sku: "B", internal_sku: "Y" },
    ]);
  });
});
