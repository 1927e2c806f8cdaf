// Row <-> JSON mapping for products and variants, shared by the catalog use cases.
import type { Selectable } from "kysely";
import type { ProductTable, VariantTable } from "../db/schema.ts";

export type VariantRow = Selectable<VariantTable>;
/** The columns of a variant that toVariant reads (not the account or the search keys). */
export type VariantFields = Omit<VariantRow, "account_id" | "sku_search" | "name_search">;
export type ProductRow = Selectable<ProductTable>;

export type Money = { amount: number; currency: string };

export type Variant = {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
  gtin: string | null;
  name: string | null;
  options: Record<string, string>;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  weightG: number | null;
  costPrice: Money | null;
  price: Money | null;
  isDefault: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Product = {
  id: string;
  name: string;
  productKey: string | null;
  category: string | null;
  createdAt: string;
  updatedAt: string;
  variants: Variant[];
};

export function parseOptions(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, string>;
    }
  } catch {
    // a damaged value reads as no options rather than failing every read of the variant
  }
  return {};
}

export function toMoney(amount: number | null, currency: string | null): Money | null {
  return amount === null || currency === null ? null : { amount: Number(amount), currency };
}

function toNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}

export function toVariant(row: VariantFields): Variant {
  return {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    barcode: row.barcode,
    gtin: row.barcode_gtin,
    name: row.name,
    options: parseOptions(row.options),
    lengthMm: toNumber(row.length_mm),
    widthMm: toNumber(row.width_mm),
    heightMm: toNumber(row.height_mm),
    weightG: toNumber(row.weight_g),
    costPrice: toMoney(row.cost_amount, row.cost_currency),
    price: toMoney(row.price_amount, row.price_currency),
    isDefault: Number(row.is_default) === 1,
    archived: Number(row.archived) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toProduct(row: ProductRow, variants: VariantFields[]): Product {
  return {
    id: row.id,
    name: row.name,
    productKey: row.product_key,
    category: row.category,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    variants: variants.map(toVariant),
  };
}
