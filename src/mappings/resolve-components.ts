// Turns the components a user gives ({ sku } | { variantId } | { productId }, quantity?) into
// variant ids of this account. The internal SKU is always derived from the variant picked,
// never trusted from the request; a product means its default variant.
import {
  findVariantsBySkus,
  getDefaultVariant,
  getVariantsByIds,
  type VariantRef,
} from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { type Component, checkComponents, checkQuantity } from "./mapping-state.ts";

export type ComponentInput = { sku?: string; variantId?: string; productId?: string; quantity?: number };

export type ResolvedComponent = Component & { variant: VariantRef };

/** Checks quantities before any database work, so bad input fails fast with its field named. */
export function checkComponentQuantities(inputs: ComponentInput[]): void {
  inputs.forEach((input, index) => {
    if (input.quantity !== undefined) checkQuantity(input.quantity, `components.${index}.quantity`);
  });
}

/** A product's default variant; a product not in the account is named with the field that gave it. */
async function defaultVariantOf(db: Db, accountId: string, productId: string, field: string) {
  try {
    return await getDefaultVariant(db, accountId, productId);
  } catch (error) {
    if (error instanceof AppError && error.code === "PRODUCT_NOT_FOUND") {
      throw new AppError("PRODUCT_NOT_FOUND", `${field}: no product ${productId} in this account.`, {
        field,
        value: productId,
      });
    }
    throw error;
  }
}

export async function resolveComponents(
  db: Db,
  options: { accountId: string; components: ComponentInput[] },
): Promise<ResolvedComponent[]> {
  const { accountId, components } = options;
  checkComponentQuantities(components);
  const skus = components.flatMap((c) => (c.sku !== undefined ? [c.sku.trim()] : []));
  const ids = components.flatMap((c) => (c.variantId !== undefined ? [c.variantId] : []));
  const bySku =
    skus.length > 0 ? await findVariantsBySkus(db, accountId, skus) : new Map<string, VariantRef>();
  const byId = ids.length > 0 ? await getVariantsByIds(db, accountId, ids) : new Map<string, VariantRef>();
  const resolved: ResolvedComponent[] = [];
  for (const [index, input] of components.entries()) {
    let variant: VariantRef | undefined;
    let field: string;
    let value: string | undefined;
    if (input.sku !== undefined) {
      field = `components.${index}.sku`;
      value = input.sku;
      variant = bySku.get(input.sku.trim());
    } else if (input.variantId !== undefined) {
      field = `components.${index}.variantId`;
      value = input.variantId;
      variant = byId.get(input.variantId);
    } else {
      field = `components.${index}.productId`;
      value = input.productId;
      variant =
        input.productId === undefined
          ? undefined
          : await defaultVariantOf(db, accountId, input.productId, field);
    }
    if (!variant) {
      throw new AppError("VARIANT_NOT_FOUND", `${field}: no variant ${value ?? ""} in this account.`, {
        field,
        value,
      });
    }
    resolved.push({ variantId: variant.id, quantity: input.quantity ?? 1, variant });
  }
  checkComponents(resolved);
  return resolved;
}
