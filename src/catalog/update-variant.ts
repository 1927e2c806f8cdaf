// Changing a variant (PATCH semantics: absent fields stay, null clears). A changed SKU or archived
// flag can change what channel SKUs translate to, so it bumps every channel's mapping version in
// the same transaction.
import type { Updateable } from "kysely";
import { bumpAccountMappingVersions } from "../channels/channel-version.ts";
import type { Db } from "../db/database.ts";
import type { VariantTable } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { nowIso } from "../shared/ids.ts";
import { normalizeSku, searchKey } from "../shared/sku.ts";
import type { Variant } from "./catalog-store.ts";
import { getFullVariant } from "./get-product.ts";
import type { UpdateVariantBody } from "./schemas.ts";
import { assertSkusFree, nameSearchOf, readBarcode, writeCatalog } from "./variant-values.ts";

/** The columns a change sets (name_search needs the product's name for a variant without one). */
export function changesOf(input: UpdateVariantBody, productName: string): Updateable<VariantTable> {
  const set: Updateable<VariantTable> = {};
  if (input.sku !== undefined) {
    set.sku = normalizeSku(input.sku, "sku");
    set.sku_search = searchKey(set.sku);
  }
  if (input.barcode !== undefined) {
    const barcode = readBarcode(input.barcode, "barcode");
    set.barcode = barcode.barcode;
    set.barcode_gtin = barcode.gtin;
  }
  if (input.name !== undefined) {
    set.name = input.name;
    set.name_search = nameSearchOf(input.name, productName);
  }
  if (input.options !== undefined) set.options = JSON.stringify(input.options ?? {});
  if (input.lengthMm !== undefined) set.length_mm = input.lengthMm;
  if (input.widthMm !== undefined) set.width_mm = input.widthMm;
  if (input.heightMm !== undefined) set.height_mm = input.heightMm;
  if (input.weightG !== undefined) set.weight_g = input.weightG;
  if (input.costPrice !== undefined) {
    set.cost_amount = input.costPrice?.amount ?? null;
    set.cost_currency = input.costPrice?.currency ?? null;
  }
  if (input.price !== undefined) {
    set.price_amount = input.price?.amount ?? null;
    set.price_currency = input.price?.currency ?? null;
  }
  if (input.archived !== undefined) set.archived = input.archived ? 1 : 0;
  return set;
}

export async function updateVariant(
  db: Db,
  options: { accountId: string; variantId: string; input: UpdateVariantBody },
): Promise<Variant> {
  const { accountId, variantId, input } = options;
  return writeCatalog(db, { field: "sku", value: input.sku?.trim() ?? "" }, async (trx) => {
    const current = await trx
      .selectFrom("variants")
      .innerJoin("products", (join) =>
        join
          .onRef("products.account_id", "=", "variants.account_id")
          .onRef("products.id", "=", "variants.product_id"),
      )
      .select(["variants.sku", "variants.archived", "products.name as product_name"])
      .where("variants.account_id", "=", accountId)
      .where("variants.id", "=", variantId)
      .executeTakeFirst();
    if (!current) throw new AppError("VARIANT_NOT_FOUND", "Variant not found.", { variantId });
    const set = changesOf(input, current.product_name);
    const skuChanged = set.sku !== undefined && set.sku !== current.sku;
    const archivedChanged = set.archived !== undefined && Number(set.archived) !== Number(current.archived);
    if (skuChanged && set.sku !== undefined) {
      await assertSkusFree(trx, {
        accountId,
        entries: [{ sku: String(set.sku), field: "sku" }],
        exceptVariantId: variantId,
      });
    }
    await trx
      .updateTable("variants")
      .set({ ...set, updated_at: nowIso() })
      .where("account_id", "=", accountId)
      .where("id", "=", variantId)
      .execute();
    if (skuChanged || archivedChanged) await bumpAccountMappingVersions(trx, accountId);
    return getFullVariant(trx, { accountId, variantId });
  });
}
