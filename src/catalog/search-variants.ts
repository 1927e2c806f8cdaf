// Variant search, prefix-first and index-only on 1M variants: every phase is a range or equality
// scan on one of the variants_* indexes, never a full scan. Order: the exact SKU, then SKUs
// starting with q (case-insensitive), then the barcode (when q is a valid GTIN), then names
// starting with q. Each later phase excludes what an earlier one matched, so results are
// deduplicated without state and the cursor is just (phase, sort key, id).
import type { SelectQueryBuilder } from "kysely";
import type { Db } from "../db/database.ts";
import { prefixUpperBound } from "../db/dialect.ts";
import type { Database } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { decodeCursor, encodeCursor, type Page } from "../shared/pagination.ts";
import { searchKey } from "../shared/sku.ts";
import { toVariant, type Variant, type VariantRow } from "./catalog-store.ts";
import { tryGtin14 } from "./gtin.ts";
import type { MatchedBy } from "./schemas.ts";

export type VariantSearchItem = Variant & { matchedBy?: MatchedBy };

type Phase = "exact" | "skuPrefix" | "barcode" | "namePrefix";
const phases: Phase[] = ["exact", "skuPrefix", "barcode", "namePrefix"];
const matchedByOf: Record<Phase, MatchedBy> = {
  exact: "sku",
  skuPrefix: "sku",
  barcode: "barcode",
  namePrefix: "name",
};
const sortColumnOf = {
  exact: "id",
  skuPrefix: "sku_search",
  barcode: "id",
  namePrefix: "name_search",
} as const;

type VariantQuery = SelectQueryBuilder<Database, "variants", VariantRow>;
type Cursor = { phase: number; key: string; id: string };

export type SearchOptions = {
  accountId: string;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  includeArchived?: boolean | undefined;
};

function readCursor(raw: string | undefined): Cursor | undefined {
  const value = decodeCursor(raw);
  if (!value) return undefined;
  if (typeof value.p !== "number" || typeof value.k !== "string" || typeof value.i !== "string") {
    throw new AppError("INVALID_CURSOR", "The cursor is not one this API returned.", { field: "cursor" });
  }
  return { phase: value.p, key: value.k, id: value.i };
}

/** What each phase matches. Phases that cannot match (barcode when q is not a GTIN) are left out. */
function buildPhaseFilters(
  db: Db,
  options: { accountId: string; q: string; includeArchived?: boolean | undefined },
): Array<{ phase: Phase; query: VariantQuery }> {
  const { accountId, q } = options;
  const lower = searchKey(q);
  const upper = prefixUpperBound(lower);
  const gtin = /^\d+$/.test(q) ? tryGtin14(q) : null;
  const base = () => {
    const query = db.selectFrom("variants").selectAll().where("account_id", "=", accountId);
    return options.includeArchived ? query : query.where("archived", "=", 0);
  };
  const notSkuPrefix = (query: VariantQuery) =>
    query.where((eb) => eb.or([eb("sku_search", "<", lower), eb("sku_search", ">=", upper)]));
  const result: Array<{ phase: Phase; query: VariantQuery }> = [
    { phase: "exact", query: base().where("sku", "=", q) },
    {
      phase: "skuPrefix",
      query: base().where("sku_search", ">=", lower).where("sku_search", "<", upper).where("sku", "!=", q),
    },
  ];
  if (gtin) result.push({ phase: "barcode", query: notSkuPrefix(base().where("barcode_gtin", "=", gtin)) });
  let names = notSkuPrefix(base().where("name_search", ">=", lower).where("name_search", "<", upper));
  if (gtin)
    names = names.where((eb) => eb.or([eb("barcode_gtin", "is", null), eb("barcode_gtin", "!=", gtin)]));
  result.push({ phase: "namePrefix", query: names });
  return result;
}

function afterCursor(
  query: VariantQuery,
  phase: Phase,
  cursor: Cursor | undefined,
  index: number,
): VariantQuery {
  if (!cursor || cursor.phase !== index) return query;
  const column = sortColumnOf[phase];
  if (column === "id") return query.where("id", ">", cursor.id);
  // the plain >= keeps the index range tight; the or() breaks ties between equal keys by id
  return query
    .where(column, ">=", cursor.key)
    .where((eb) =>
      eb.or([eb(column, ">", cursor.key), eb.and([eb(column, "=", cursor.key), eb("id", ">", cursor.id)])]),
    );
}

/**
 * The query each search phase runs, ordered, limited and after the cursor: exactly what executes,
 * exported so tests can EXPLAIN it. Phases before the cursor's phase are skipped.
 */
export function buildVariantSearchQueries(
  db: Db,
  options: SearchOptions & { q: string },
): Array<{ phase: Phase; index: number; query: VariantQuery }> {
  const cursor = readCursor(options.cursor);
  const result: Array<{ phase: Phase; index: number; query: VariantQuery }> = [];
  for (const { phase, query } of buildPhaseFilters(db, options)) {
    const index = phases.indexOf(phase);
    if (cursor && index < cursor.phase) continue;
    const column = sortColumnOf[phase];
    // the exact phase matches one row at most: no order, so nothing pulls the planner off the SKU index
    const ordered =
      phase === "exact" ? query : column === "id" ? query.orderBy("id") : query.orderBy(column).orderBy("id");
    result.push({ phase, index, query: afterCursor(ordered, phase, cursor, index).limit(options.limit + 1) });
  }
  return result;
}

async function searchByQuery(
  db: Db,
  options: SearchOptions & { q: string },
): Promise<Page<VariantSearchItem>> {
  const found: Array<{ row: VariantRow; phase: Phase; index: number }> = [];
  for (const { phase, index, query } of buildVariantSearchQueries(db, options)) {
    const wanted = options.limit + 1 - found.length;
    if (wanted <= 0) break;
    const rows = await query.limit(wanted).execute();
    for (const row of rows) found.push({ row, phase, index });
  }
  const more = found.length > options.limit;
  const page = more ? found.slice(0, options.limit) : found;
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor({ p: last.index, k: String(last.row[sortColumnOf[last.phase]] ?? ""), i: last.row.id })
      : null;
  return {
    items: page.map(({ row, phase }) => ({ ...toVariant(row), matchedBy: matchedByOf[phase] })),
    nextCursor,
  };
}

/** All variants by SKU, for browsing without a search term. */
async function listBySku(db: Db, options: SearchOptions): Promise<Page<VariantSearchItem>> {
  const cursor = decodeCursor(options.cursor);
  let query = db.selectFrom("variants").selectAll().where("account_id", "=", options.accountId);
  if (!options.includeArchived) query = query.where("archived", "=", 0);
  if (cursor) {
    if (typeof cursor.s !== "string") {
      throw new AppError("INVALID_CURSOR", "The cursor is not one this API returned.", { field: "cursor" });
    }
    query = query.where("sku", ">", cursor.s);
  }
  const rows = await query
    .orderBy("sku")
    .limit(options.limit + 1)
    .execute();
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(toVariant), nextCursor: more && last ? encodeCursor({ s: last.sku }) : null };
}

export async function searchVariants(db: Db, options: SearchOptions): Promise<Page<VariantSearchItem>> {
  const q = options.q?.trim();
  return q ? searchByQuery(db, { ...options, q }) : listBySku(db, options);
}
