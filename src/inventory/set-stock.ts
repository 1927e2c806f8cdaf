// Writing stock: set absolute levels, or adjust on hand by deltas. Each call resolves every SKU
// and location first, then writes everything in one transaction, so bad input writes nothing.
import { findVariantsBySkus } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import { normalizeSku } from "../shared/sku.ts";
import { defaultLocation, validateLocations } from "./channel-locations.ts";

export type StockLevelInput = {
  sku: string;
  location?: string | undefined;
  onHand: number;
  reserved?: number | undefined;
};
export type StockAdjustmentInput = { sku: string; location?: string | undefined; delta: number };
export type StockLevelResult = {
  sku: string;
  variantId: string;
  location: string;
  onHand: number;
  reserved: number;
};

/** The largest on hand: the bound of a level set directly, and of one reached by adjustments. */
export const maxOnHand = 1_000_000_000;

async function inTransaction<T>(db: Db, run: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Resolves SKUs (VARIANT_NOT_FOUND names `${field}.N.sku`) and locations of every row. */
async function resolveRows(
  db: Db,
  options: { accountId: string; field: string; rows: Array<{ sku: string; location?: string | undefined }> },
): Promise<Array<{ sku: string; variantId: string; location: string }>> {
  const { accountId, field, rows } = options;
  const skus = rows.map((row, i) => normalizeSku(row.sku, `${field}.${i}.sku`));
  const variants = await findVariantsBySkus(db, accountId, skus);
  skus.forEach((sku, i) => {
    if (!variants.has(sku)) {
      throw new AppError(
        "VARIANT_NOT_FOUND",
        `${field}.${i}.sku: no variant with SKU "${sku}" in this account.`,
        {
          field: `${field}.${i}.sku`,
          value: sku,
          row: i,
        },
      );
    }
  });
  const locations = await validateLocations(db, {
    accountId,
    locations: rows.map((row, i) => ({
      location: row.location ?? defaultLocation,
      field: `${field}.${i}.location`,
    })),
  });
  return skus.map((sku, i) => ({
    sku,
    variantId: variants.get(sku)?.id ?? "",
    location: locations[i] ?? defaultLocation,
  }));
}

/** Sets on hand (and reserved, default 0) per SKU and location. The same SKU and location twice is rejected. */
export async function setStockLevels(
  db: Db,
  options: { accountId: string; levels: StockLevelInput[] },
): Promise<StockLevelResult[]> {
  const { accountId, levels } = options;
  const resolved = await resolveRows(db, { accountId, field: "levels", rows: levels });
  const seen = new Map<string, number>();
  resolved.forEach((row, i) => {
    const key = `${row.variantId}\u0000${row.location}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AppError(
        "DUPLICATE_STOCK_LEVEL",
        `levels.${i}: SKU "${row.sku}" at location "${row.location}" is already set by levels.${first}.`,
        { field: `levels.${i}.sku`, value: row.sku, row: i },
      );
    }
    seen.set(key, i);
  });
  const now = nowIso();
  const results = resolved.map((row, i) => ({
    ...row,
    onHand: levels[i]?.onHand ?? 0,
    reserved: levels[i]?.reserved ?? 0,
  }));
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < results.length; i += 500) {
      await trx
        .insertInto("stock_levels")
        .values(
          results.slice(i, i + 500).map((row) => ({
            account_id: accountId,
            variant_id: row.variantId,
            location: row.location,
            on_hand: row.onHand,
            reserved: row.reserved,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["account_id", "variant_id", "location"]).doUpdateSet((eb) => ({
            on_hand: eb.ref("excluded.on_hand"),
            reserved: eb.ref("excluded.reserved"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
  });
  return results;
}

/**
 * Adds each delta to on hand, in order, atomically per row (concurrent adjustments do not lose
 * updates). On hand never goes below 0: NEGATIVE_STOCK names the adjustment and nothing is written.
 */
export async function adjustStock(
  db: Db,
  options: { accountId: string; adjustments: StockAdjustmentInput[] },
): Promise<StockLevelResult[]> {
  const { accountId, adjustments } = options;
  const resolved = await resolveRows(db, { accountId, field: "adjustments", rows: adjustments });
  const now = nowIso();
  return inTransaction(db, async (trx) => {
    const results: StockLevelResult[] = [];
    for (const [i, row] of resolved.entries()) {
      const delta = adjustments[i]?.delta ?? 0;
      const updated = await trx
        .updateTable("stock_levels")
        .set((eb) => ({ on_hand: eb("on_hand", "+", delta), updated_at: now }))
        .where("account_id", "=", accountId)
        .where("variant_id", "=", row.variantId)
        .where("location", "=", row.location)
        // compared without adding, so a sum past PostgreSQL's 32-bit integer is never computed
        .where("on_hand", ">=", -delta)
        .where("on_hand", "<=", maxOnHand - delta)
        .returning(["on_hand", "reserved"])
        .executeTakeFirst();
      if (updated) {
        results.push({ ...row, onHand: Number(updated.on_hand), reserved: Number(updated.reserved) });
        continue;
      }
      const existing = await trx
        .selectFrom("stock_levels")
        .select("on_hand")
        .where("account_id", "=", accountId)
        .where("variant_id", "=", row.variantId)
        .where("location", "=", row.location)
        .executeTakeFirst();
      const onHand = existing ? Number(existing.on_hand) : 0;
      if (onHand + delta > maxOnHand) {
        throw new AppError(
          "VALIDATION_FAILED",
          `adjustments.${i}: SKU "${row.sku}" at "${row.location}" has ${onHand} on hand; a delta of ${delta} would exceed ${maxOnHand}.`,
          { field: `adjustments.${i}.delta`, value: delta, onHand, row: i },
        );
      }
      if (existing || delta < 0) {
        throw new AppError(
          "NEGATIVE_STOCK",
          `adjustments.${i}: SKU "${row.sku}" at "${row.location}" has ${onHand} on hand; a delta of ${delta} would leave ${onHand + delta}.`,
          { field: `adjustments.${i}.delta`, value: delta, onHand, row: i },
        );
      }
      await trx
        .insertInto("stock_levels")
        .values({
          account_id: accountId,
          variant_id: row.variantId,
          location: row.location,
          on_hand: delta,
          reserved: 0,
          updated_at: now,
        })
        .execute();
      results.push({ ...row, onHand: delta, reserved: 0 });
    }
    return results;
  });
}
