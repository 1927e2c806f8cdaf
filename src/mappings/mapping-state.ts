// The state of one listing's mapping as the audit history records it (`{ origin, components }`
// or null when unmapped), and the pure rules on components: integer quantities >= 1, no
// variant twice. Kept free of I/O so the bulk writer, undo and tests share one definition.
import { AppError } from "../shared/errors.ts";

export const mappingOrigins = ["manual", "auto", "import", "custom", "download"] as const;
export type MappingOrigin = (typeof mappingOrigins)[number];

export type Component = { variantId: string; quantity: number };
export type MappingState = { origin: string; components: Component[] };

/** Components in a canonical order (by variant id), so states compare and print the same way. */
export function sortComponents(components: Component[]): Component[] {
  return [...components]
    .map((c) => ({ variantId: c.variantId, quantity: c.quantity }))
    .sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}

export function sameComponents(a: Component[], b: Component[]): boolean {
  if (a.length !== b.length) return false;
  const left = sortComponents(a);
  const right = sortComponents(b);
  return left.every((c, i) => c.variantId === right[i]?.variantId && c.quantity === right[i]?.quantity);
}

export function sameState(a: MappingState | null, b: MappingState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.origin === b.origin && sameComponents(a.components, b.components);
}

/** The largest quantity of a component: the column is a 32-bit integer on PostgreSQL. */
export const maxComponentQuantity = 1_000_000_000;

/** Throws INVALID_QUANTITY naming `components.N.quantity` unless the quantity is an integer from 1 to maxComponentQuantity. */
export function checkQuantity(quantity: unknown, field: string): number {
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) {
    throw new AppError("INVALID_QUANTITY", `${field} must be a whole number of at least 1.`, {
      field,
      value: quantity,
    });
  }
  if (quantity > maxComponentQuantity) {
    throw new AppError("INVALID_QUANTITY", `${field} must be at most ${maxComponentQuantity}.`, {
      field,
      value: quantity,
    });
  }
  return quantity;
}

/** Checks a complete component list: at least one, quantities valid, no variant twice. */
export function checkComponents(components: Component[], field = "components"): Component[] {
  if (components.length === 0) {
    throw new AppError("VALIDATION_FAILED", `${field} must name at least one variant.`, { field });
  }
  const seen = new Map<string, number>();
  components.forEach((component, index) => {
    checkQuantity(component.quantity, `${field}.${index}.quantity`);
    const first = seen.get(component.variantId);
    if (first !== undefined) {
      throw new AppError(
        "VALIDATION_FAILED",
        `${field}.${index} names the same variant as ${field}.${first}; give it once with a quantity.`,
        { field: `${field}.${index}`, value: component.variantId, duplicateOf: `${field}.${first}` },
      );
    }
    seen.set(component.variantId, index);
  });
  return components;
}
