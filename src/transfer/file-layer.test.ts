// The file layer on its own: csv-spectrum cases, delimiters, encodings, limits, header matching,
// scientific notation and the formula neutralisation round trip (CSV and XLSX).
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../shared/errors.ts";
import { checkSkuCell, neutraliseCell, restoreCell } from "./cell-text.ts";
import { type RowSource, readCsvRows } from "./csv-source.ts";
import { readCsvRowsInWorker } from "./csv-worker-source.ts";
import { matchHeader } from "./headers.ts";
import { openRowSource } from "./row-source.ts";
import { createCsvStream, createXlsxStream, csvRecord } from "./table-output.ts";
import { collectRows as collect } from "./transfer-test-helpers.ts";

const spectrum = fileURLToPath(new URL("../../../shared/fixtures/csv-spectrum/", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "crosswalk-file-layer-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function parseText(content: string | Buffer, maxLineChars?: number) {
  const source = await readCsvRows({
    input: [typeof content === "string" ? Buffer.from(content) : content],
    ...(maxLineChars ? { maxLineChars } : {}),
  });
  return { header: source.header, rows: await collect(source) };
}

async function failureOf(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("csv-spectrum", () => {
  const cases = readdirSync(join(spectrum, "csvs")).filter((f) => f !== "location_coordinates.csv");
  it.each(cases)("%s parses to its JSON", async (file) => {
    const source = await readCsvRows({ input: createReadStream(join(spectrum, "csvs", file)) });
    const expected = JSON.parse(
      readFileSync(join(spectrum, "json", file.replace(/\.csv$/, ".json")), "utf8"),
    );
    expect(await collect(source)).toEqual(expected);
  });

  it("location_coordinates.csv gives a clear error naming the row", async () => {
    const error = await failureOf(async () =>
      collect(
        await readCsvRows({ input: createReadStream(join(spectrum, "csvs/location_coordinates.csv")) }),
      ),
    );
    expect(error.code).toBe("INVALID_FILE");
    expect(error.message).toMatch(/encoding/);
    expect(error.details).toMatchObject({ row: 2 });
  });
});

describe("CSV reading", () => {
  it("detects semicolon and tab delimiters, strips a BOM, reads CRLF", async () => {
    expect((await parseText("\uFEFFa;b\r\n1;2,5\r\n")).rows).toEqual([{ a: "1", b: "2,5" }]);
    expect((await parseText("a\tb\n1\t2\n")).rows).toEqual([{ a: "1", b: "2" }]);
    expect((await parseText("a,b\n1,2")).header).toEqual(["a", "b"]);
  });

  it("rejects Latin-1 text, binary data, an empty file and an over-long line", async () => {
    const latin1 = Buffer.from("channel_sku,internal_sku\nCAF\xc9,X\n", "latin1");
    expect((await failureOf(() => parseText(latin1))).message).toMatch(/not UTF-8/);
    expect((await failureOf(() => parseText(Buffer.from([0x61, 0x00, 0x62, 0x0a])))).message).toMatch(
      /binary/,
    );
    expect((await failureOf(() => parseText(""))).message).toMatch(/empty/);
    const long = `a,b\n1,${"x".repeat(5000)}\n`;
    const error = await failureOf(() => parseText(long, 1000));
    expect(error.message).toMatch(/longer than 1000/);
    expect(error.details).toMatchObject({ row: 2 });
  });

  it("reports an unterminated quote", async () => {
    expect((await failureOf(() => parseText('a,b\n1,"open\n'))).code).toBe("INVALID_FILE");
  });
});

describe("CSV reading on a worker thread", () => {
  /** rows (with their numbers) or the error, from either reader */
  async function outcome(read: () => Promise<RowSource>) {
    try {
      const source = await read();
      const rows: Array<{ row: number; values: string[] }> = [];
      for await (const row of source.rows) rows.push(row);
      return { header: source.header, rows };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { code: error.code, message: error.message, details: error.details };
    }
  }

  const files: Array<[string, string | Buffer]> = [
    ["bundle rows, quotes, CRLF and a BOM", `\uFEFFa;b\r\n1;"x\r\ny"\r\n"q""t";\r\n,\r\n\r\nlast;1`],
    ["ragged rows", "a,b,c\n1\n1,2,3,4\n"],
    ["more rows than one batch", `a,b\n${Array.from({ length: 4500 }, (_, i) => `S${i},${i}`).join("\n")}\n`],
    ["Latin-1", Buffer.from("a,b\nCAF\xc9,X\n", "latin1")],
    ["binary", Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00])],
    ["empty", ""],
    ["an unterminated quote", 'a,b\n1,"open\n'],
    ["an unterminated quote after one batch", `a\n${"x\n".repeat(2500)}"open\n`],
  ];
  it.each(files)("reads %s as the in-thread reader does", async (name, content) => {
    const path = join(tmp, `worker-${name.replace(/\W+/g, "-")}.csv`);
    writeFileSync(path, content);
    const inThread = await outcome(() => readCsvRows({ input: createReadStream(path) }));
    const inWorker = await outcome(() => readCsvRowsInWorker({ path }));
    expect(inWorker).toEqual(inThread);
  });

  it("gives the same rows in batches and stops the worker when closed early", async () => {
    const path = join(tmp, "worker-batches.csv");
    writeFileSync(path, `a\n${Array.from({ length: 5000 }, (_, i) => `v${i}`).join("\n")}\n`);
    const source = await readCsvRowsInWorker({ path });
    const sizes: number[] = [];
    for await (const batch of source.batches) sizes.push(batch.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5000);
    const early = await readCsvRowsInWorker({ path });
    await early.close();
    const large = await openRowSource({ path, worker: true });
    expect(large.batches).toBeUndefined(); // under workerMinBytes: read on this thread
    await large.close();
  });
});

describe("headers", () => {
  const columns = [
    { name: "channel_sku", required: true },
    { name: "internal_sku", required: false },
  ];
  it("matches names case- and separator-insensitively", () => {
    for (const name of ["Channel SKU", "channel-sku", "CHANNEL_SKU", " channel.sku "]) {
      expect(matchHeader({ header: [name], columns }).index.get("channel_sku")).toBe(0);
    }
  });
  it("names an unknown column and a missing one", () => {
    expect(() => matchHeader({ header: ["channel_sku", "colour"], columns })).toThrow(
      /"colour" is not a known column/,
    );
    expect(() => matchHeader({ header: ["internal_sku"], columns })).toThrow(/no channel_sku column/);
  });
  it("reads option columns when allowed", () => {
    const map = matchHeader({ header: ["channel_sku", "option:Color"], columns, allowOptions: true });
    expect(map.options.get("Color")).toBe(1);
  });
});

describe("cells", () => {
  it("rejects SKUs whose digits Excel lost", () => {
    expect(checkSkuCell("3.65275E+11")).toMatch(/the digits were lost/);
    expect(checkSkuCell("4006381333931")).toBeNull();
    expect(checkSkuCell("SKU-1E5X")).toBeNull();
    expect(checkSkuCell("A\u0007B")).toMatch(/control character/);
  });

  const samples = [
    "=1+2",
    "+49 30",
    "-5",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "'=x",
    "''=x",
    "'abc",
    "'",
    "''",
    "plain",
    "",
  ];
  it.each(samples)("neutralises and restores %j", (value) => {
    const written = neutraliseCell(value);
    expect(/^[=+\-@\t\r]/.test(written)).toBe(false);
    expect(restoreCell(written)).toBe(value);
  });

  it("round-trips dangerous cells through a CSV and an XLSX file", async () => {
    const rows = samples.map((s) => [s, 1]);
    const csv = await text(createCsvStream({ header: ["v", "n"], rows }));
    expect(csv.split("\n")[1]).toBe("'=1+2,1");
    const csvPath = join(tmp, "cells.csv");
    writeFileSync(csvPath, csv);
    const fromCsv = await collect(await openRowSource({ path: csvPath }));
    expect(fromCsv.map((r) => restoreCell(r.v ?? ""))).toEqual(samples);

    const xlsxPath = join(tmp, "cells.xlsx");
    const chunks: Buffer[] = [];
    for await (const chunk of createXlsxStream({ header: ["v", "n"], rows, sheetName: "t" }))
      chunks.push(chunk as Buffer);
    writeFileSync(xlsxPath, Buffer.concat(chunks));
    const fromXlsx = await collect(await openRowSource({ path: xlsxPath }));
    // XML turns a lone CR into a line break, so that one value is compared apart.
    const values = fromXlsx.map((r) => r.v);
    expect(values.filter((v) => v !== "\r\nx" && v !== "\nx")).toEqual(samples.filter((s) => s !== "\rx"));
    expect(values).toContain("\tx");
  });
});

describe("CSV writing", () => {
  it("writes every record as csv-stringify does, and csv-parse reads it back", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "Z", "1", ",", ";", '"', "'", "\r", "\n", "\t", " ", "é", "="),
    });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        const written = csvRecord(cells);
        expect(written).toBe(stringify([cells], { record_delimiter: "\n", quoted_match: /\r/ }));
        expect(parse(written, { relax_column_count: true })).toEqual([cells]);
      }),
      { numRuns: 2000 },
    );
  });

  it("streams a large table in batches with nothing lost", async () => {
    const rows = Array.from({ length: 5003 }, (_, i) => [`S${i}`, i]);
    const csv = await text(createCsvStream({ header: ["s", "n"], rows }));
    const lines = csv.split("\n");
    expect(lines).toHaveLength(5005);
    expect(lines[0]).toBe("s,n");
    expect(lines[5003]).toBe("S5002,5002");
    expect(lines[5004]).toBe("");
  });
});
