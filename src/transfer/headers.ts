// Header matching for bulk files: names are compared case- and separator-insensitively
// ("Channel SKU", "channel-sku", "CHANNEL_SKU" all mean channel_sku). Option columns
// (`option:color`) keep the option name as written after the prefix.
import { AppError } from "../shared/errors.ts";

export type ColumnSpec = { name: string; required: boolean };

export type HeaderMap = {
  /** column name -> index in the file's row */
  index: Map<string, number>;
  /** option name -> index, for `option:<name>` columns when options are allowed */
  options: Map<string, number>;
  header: string[];
};

export function headerKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, "");
}

const optionPrefix = /^\s*option\s*:\s*/i;

export function matchHeader(options: {
  header: string[];
  columns: ColumnSpec[];
  allowOptions?: boolean;
}): HeaderMap {
  const byKey = new Map(options.columns.map((c) => [headerKey(c.name), c.name]));
  const index = new Map<string, number>();
  const optionIndex = new Map<string, number>();
  options.header.forEach((raw, i) => {
    const option = optionPrefix.exec(raw);
    if (options.allowOptions && option) {
      const name = raw.slice(option[0].length).trim();
      if (name === "") throw invalidHeader(raw, i, "names no option after 'option:'");
      if (optionIndex.has(name)) throw invalidHeader(raw, i, "repeats an earlier column");
      optionIndex.set(name, i);
      return;
    }
    if (raw.trim() === "") throw invalidHeader(raw, i, "has no name");
    const name = byKey.get(headerKey(raw));
    if (name === undefined) {
      const known = options.columns.map((c) => c.name).join(", ");
      throw invalidHeader(
        raw,
        i,
        `is not a known column (expected ${known}${options.allowOptions ? ", option:<name>" : ""})`,
      );
    }
    if (index.has(name)) throw invalidHeader(raw, i, "repeats an earlier column");
    index.set(name, i);
  });
  for (const column of options.columns) {
    if (column.required && !index.has(column.name)) {
      throw new AppError("INVALID_FILE", `The file has no ${column.name} column.`, {
        row: 1,
        column: column.name,
        value: "",
        reason: "required column missing",
      });
    }
  }
  return { index, options: optionIndex, header: options.header };
}

function invalidHeader(raw: string, i: number, reason: string): AppError {
  return new AppError("INVALID_FILE", `Column ${i + 1} "${raw}" ${reason}.`, {
    row: 1,
    column: raw,
    value: raw,
    reason,
  });
}
