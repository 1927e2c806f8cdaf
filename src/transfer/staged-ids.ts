// Ids made in SQL for the rows a staged import creates: a JS function called per row (newId)
// was a quarter of a 1M-row apply.
import { randomBytes } from "node:crypto";
import { newId } from "../shared/ids.ts";

/**
 * The parameters of one series of ids: the first half is that of a newId() taken now (time,
 * version, counter), so these ids sort after every earlier id and before every later one, as
 * newId's do; the second half is the variant bits, 34 random bits and the group's first row
 * number (28 bits, unique in the file), so ids rise with the file's order and indexes are
 * appended to, not split.
 */
export function newIdHead(): string {
  const random = randomBytes(5);
  const high = (32768 + (random.readUInt16BE(0) & 0x3fff)).toString(16);
  const low = (random.readUIntBE(2, 3) & 0xfffff) * 2 ** 28;
  return `${newId().slice(0, 19)}${high}-${low}`;
}

/** An id of the series `param` (newIdHead's answer) for the staged group `group`. */
export function sqlNewId(param: string, group: string): string {
  return `printf('%s%012x', substr(${param}, 1, 24), cast(substr(${param}, 25) as integer) + ${group}.first_row)`;
}
