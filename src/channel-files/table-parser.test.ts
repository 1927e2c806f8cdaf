import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectDelimiter, mapColumns, normalizeHeader, parseTable } from "./table-parser.ts";

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));

function toObjects(input: Buffer): Array<Record<string, string>> {
  const table = parseTable(input);
  return table.records.map((record) =>
    Object.fromEntries(table.headers.map((header, index) => [header, record.cells[index] ?? ""])),
  );
}

describe("parseTable", () => {
  it.each([
    "comma_in_quotes",
    "empty",
    "empty_crlf",
    "escaped_quotes",
    "json",
    "newlines",
    "newlines_crlf",
    "quotes_and_newlines",
    "simple",
    "simple_crlf",
    "utf8",
  ])("reads csv-spectrum %s as its expected JSON", (name) => {
    const expected = JSON.parse(fixture(`csv-spectrum/json/${name}.json`).toString("utf8"));
    expect(toObjects(fixture(`csv-spectrum/csvs/${name}.csv`))).toEqual(expected);
  });

  // Its JSON is a single object with another phone number: only the quote-in-field part is comparable.
  it("reads csv-spectrum location_coordinates, whose fields hold bare quotes", () => {
    const [row] = toObjects(fixture("csv-spectrum/csvs/location_coordinates.csv"));
    const expected = JSON.parse(fixture("csv-spectrum/json/location_coordinates.json").toString("utf8"));
    expect(row).toEqual({ ...expected, "Contact Phone Number": "2095257564" });
  });

  it("detects semicolon, tab and comma delimiters from the header line", () => {
    expect(detectDelimiter("sku;title;price\na,b;c,d")).toBe(";");
    expect(detectDelimiter("sku\ttitle, long\tprice\n")).toBe("\t");
    expect(detectDelimiter("sku,title\n;;;;;;")).toBe(",");
  });

  it("strips a BOM and trailing padding bytes, and numbers rows as a spreadsheet does", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("SKU;Price\r\nA;1,50\r\n\r\nB;2\r\n"),
      Buffer.alloc(16, 0x10),
    ]);
    const table = parseTable(bytes);
    expect(table.headers).toEqual(["SKU", "Price"]);
    expect(table.records).toEqual([
      { row: 2, cells: ["A", "1,50"] },
      { row: 3, cells: ["B", "2"] },
    ]);
  });

  it("reads Windows-1252 bytes that are not UTF-8", () => {
    const table = parseTable(Buffer.from("sku,title\nA,Gepr\xfcft\n", "latin1"));
    expect(table.records[0]?.cells).toEqual(["A", "Geprüft"]);
  });

  it("reads an inch mark in an unquoted report as a character, and quoted tab-separated fields as CSV", () => {
    const report = parseTable(Buffer.from('sku\ttitle\nA\t"15" monitor\t\nB\tcable\n'), { quoted: false });
    expect(report.records.map((record) => record.cells[1])).toEqual(['"15" monitor', "cable"]);
    const excel = parseTable(Buffer.from('sku\ttitle\nA\t"two\nlines"\nB\tcable\n'));
    expect(excel.records.map((record) => record.cells[1])).toEqual(["two\nlines", "cable"]);
  });

  it("reads UTF-16 text as Excel saves it", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("sku\ttitle\r\nA\tTasse\r\n", "utf16le"),
    ]);
    expect(parseTable(bytes).records).toEqual([{ row: 2, cells: ["A", "Tasse"] }]);
  });

  it("matches headers case-, accent- and separator-insensitively", () => {
    expect(normalizeHeader("QUANTITÀ")).toBe("quantita");
    expect(normalizeHeader("Attribute 1 value(s)")).toBe("attribute1values");
    const table = parseTable(Buffer.from("Variant-SKU,Variant Price\nA, 12 \n"));
    const columns = mapColumns(table, { sku: ["variant_sku"], price: ["VARIANT PRICE"], qty: ["qty"] });
    const [record] = table.records;
    expect(columns.get(record!, "sku")).toBe("A");
    expect(columns.get(record!, "price")).toBe("12");
    expect(columns.has("qty")).toBe(false);
    expect(columns.get(record!, "qty")).toBe("");
    expect(columns.header("sku")).toBe("Variant-SKU");
  });
});
