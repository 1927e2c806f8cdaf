// Ids made in SQL for the rows a staged import creates: a JS function called per row (newId)
// was a quarter of a 1M-row apply.
import { randomBytes } from "node:crypto";
import { newId } from "../shared/ids.ts";

/**
 * One series of ids: the first half is that of a newId() taken now (time, version, counter), so
 * these ids sort after every earlier id and before every later one, as newId's do; the second
 * half is the variant bits, 34 random bits and the group's first row number (28 bits, unique in
 * the file), so ids rise with the file's order and indexes are appended to, not split.
 * head: the first 19 characters; high: the 16 bits after them; low: the 20 random bits before
 * the row number.
 */
export function newIdParts(): { head: string; high: number; low: number } {
  const random = randomBytes(5);
  return {
    head: newId().slice(0, 19),
    high: 32768 + (random.readUInt16BE(0) & 0x3fff),
    low: random.readUIntBE(2, 3) & 0xfffff,
  };
}

/** A series (newIdParts) as the SQLite parameters `${name}Head` and `${name}Low` (sqlNewId reads them). */
export function newIdParams(name: string): Record<string, string | number> {
  const { head, high, low } = newIdParts();
  return { [`${name}Head`]: `${head}${high.toString(16)}-`, [`${name}Low`]: low * 2 ** 28 };
}

/** An id of the series `name` (newIdParams) for the staged group `group`. */
export function sqlNewId(name: string, group: string): string {
  return `printf('%s%012x', @${name}Head, @${name}Low + ${group}.first_row)`;
}
