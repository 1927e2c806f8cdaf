// Cursor pagination: a cursor is an opaque base64url JSON of the last row's sort key.
import { z } from "zod";
import { AppError } from "./errors.ts";

export const PageQuery = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

export type Page<T> = { items: T[]; nextCursor: string | null };

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Record<string, string | number> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("INVALID_CURSOR", "The cursor is not one this API returned.", { field: "cursor" });
}

/** Builds a page from rows fetched with limit + 1, so the extra row tells whether more exist. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => Record<string, string | number>,
): Page<Item> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(toItem), nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}
