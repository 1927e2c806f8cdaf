// The one tabular parser under every channel-file reader: decodes the bytes, drops what real
// exports carry around their data (a BOM, trailing padding bytes), detects the delimiter and
// hands the readers header-addressed records. Header names are compared in a normalised form
// so "Variant SKU", "variant_sku" and "VARIANT-SKU" are one column, and "QUANTITÀ" is "quantita".
import { parse } from "csv-parse/sync";

export type TableRecord = {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
};

export type Table = { headers: string[]; records: TableRecord[] };

export type Delimiter = "," | ";" | "\t";

// Control characters other than tab, LF and CR at the very end of a file are never data: the
// Amazon report fixture ends in AES block padding (fifteen 0x0f / sixteen 0x10 bytes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const trailingJunk = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+$/;

/** Lower-case letters and digits only, accents removed: "Attribute 1 value(s)" -> "attribute1values". */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function decodeText(input: Buffer): string {
  // Excel's "Unicode text" is UTF-16 little-endian with a BOM.
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder("utf-16le").decode(input.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    // Older Amazon and Excel exports are Windows-1252; reading them as UTF-8 would mangle umlauts.
    return new TextDecoder("windows-1252").decode(input);
  }
}

/** The most frequent of comma, semicolon and tab in the header line (comma on a tie). */
export function detectDelimiter(text: string): Delimiter {
  const newline = text.search(/\r?\n/);
  const header = newline === -1 ? text : text.slice(0, newline);
  const counts: Array<[Delimiter, number]> = [
    [",", header.split(",").length - 1],
    [";", header.split(";").length - 1],
    ["\t", header.split("\t").length - 1],
  ];
  let best = counts[0]!;
  for (const candidate of counts) if (candidate[1] > best[1]) best = candidate;
  return best[0];
}

export type ParseOptions = {
  /**
   * False for reports that never quote fields (Amazon's tab-separated reports): there a leading
   * inch mark ('"15" monitor') is just a character. Default true (RFC 4180 quoting).
   */
  quoted?: boolean;
};

export function parseTable(input: Buffer, options: ParseOptions = {}): Table {
  const text = decodeText(input)
    .replace(/^\uFEFF/, "")
    .replace(trailingJunk, "");
  const delimiter = detectDelimiter(text);
  const rows = parse(text, {
    delimiter,
    quote: options.quoted === false ? false : '"',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as string[][];
  const [headerCells = [], ...body] = rows;
  const records: TableRecord[] = [];
  body.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === "")) return;
    records.push({ row: index + 2, cells });
  });
  return { headers: headerCells.map((header) => header.trim()), records };
}

/** Column lookup by any of several names (in any spelling that normalises the same). */
export type Columns<K extends string> = {
  /** The trimmed cell, "" when the column is absent or the record is short. */
  get(record: TableRecord, key: K): string;
  has(key: K): boolean;
  /** The header as the file spells it, for issues. */
  header(key: K): string;
};

export function mapColumns<K extends string>(table: Table, spec: Record<K, readonly string[]>): Columns<K> {
  const byName = new Map<string, number>();
  table.headers.forEach((header, index) => {
    const name = normalizeHeader(header);
    if (!byName.has(name)) byName.set(name, index);
  });
  const indexes = new Map<K, number>();
  for (const key of Object.keys(spec) as K[]) {
    for (const name of spec[key]) {
      const index = byName.get(normalizeHeader(name));
      if (index !== undefined) {
        indexes.set(key, index);
        break;
      }
    }
  }
  return {
    get(record, key) {
      const index = indexes.get(key);
      return index === undefined ? "" : (record.cells[index] ?? "").trim();
    },
    has(key) {
      return indexes.has(key);
    },
    header(key) {
      const index = indexes.get(key);
      return index === undefined ? (spec[key][0] ?? key) : (table.headers[index] ?? key);
    },
  };
}
