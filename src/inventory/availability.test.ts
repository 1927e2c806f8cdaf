// Unit and property tests of the availability rule (design invariant 6).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAvailability, computeQuantity } from "./availability.ts";

describe("computeAvailability", () => {
  it("shows a single listing's variant stock minus the buffer", () => {
    const result = computeAvailability([{ variantId: "a", quantity: 1 }], new Map([["a", 7]]), 2);
    expect(result).toEqual({
      quantity: 5,
      limitingVariantId: "a",
      components: [{ variantId: "a", quantity: 1, available: 7, canMake: 7 }],
    });
  });

  it("counts complete kits of a bundle and names the limiting component", () => {
    const available = new Map([
      ["a", 10],
      ["b", 7],
    ]);
    const result = computeAvailability(
      [
        { variantId: "a", quantity: 1 },
        { variantId: "b", quantity: 2 },
      ],
      available,
      1,
    );
    expect(result.quantity).toBe(2);
    expect(result.limitingVariantId).toBe("b");
    expect(result.components.map((c) => c.canMake)).toEqual([10, 3]);
  });

  it("never goes below zero, with negative stock or a large buffer", () => {
    expect(computeAvailability([{ variantId: "a", quantity: 1 }], new Map([["a", -3]]), 0).quantity).toBe(0);
    expect(computeAvailability([{ variantId: "a", quantity: 1 }], new Map([["a", 3]]), 10).quantity).toBe(0);
  });

  it("answers 0 with no limiting component for an unmapped listing", () => {
    expect(computeAvailability([], new Map(), 0)).toEqual({
      quantity: 0,
      limitingVariantId: null,
      components: [],
    });
  });

  it("treats a variant without stock as 0 available", () => {
    expect(computeAvailability([{ variantId: "x", quantity: 2 }], new Map(), 0).quantity).toBe(0);
  });
});

/** Brute force: the largest n >= 0 with n * quantity_i <= available_i for every component. */
function bruteForce(
  components: Array<{ variantId: string; quantity: number }>,
  available: Map<string, number>,
  buffer: number,
) {
  if (components.length === 0) return 0;
  let n = 0;
  while (components.every((c) => (n + 1) * c.quantity <= (available.get(c.variantId) ?? 0))) n += 1;
  return Math.max(0, n - buffer);
}

describe("computeAvailability on random catalogs", () => {
  const catalog = fc
    .record({
      stock: fc.array(fc.integer({ min: -5, max: 60 }), { minLength: 1, maxLength: 8 }),
      picks: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 9 })), { maxLength: 5 }),
      buffer: fc.integer({ min: 0, max: 10 }),
    })
    .map(({ stock, picks, buffer }) => {
      const available = new Map(stock.map((value, i) => [`v${i}`, value]));
      const seen = new Set<string>();
      const components: Array<{ variantId: string; quantity: number }> = [];
      for (const [pick, quantity] of picks) {
        const variantId = `v${pick % stock.length}`;
        if (seen.has(variantId)) continue;
        seen.add(variantId);
        components.push({ variantId, quantity });
      }
      return { available, components, buffer };
    });

  it("equals the brute-force model", () => {
    fc.assert(
      fc.property(catalog, ({ available, components, buffer }) => {
        const expected = bruteForce(components, available, buffer);
        const result = computeAvailability(components, available, buffer);
        expect(result.quantity).toBe(expected);
        expect(computeQuantity(components, available, buffer)).toBe(expected);
        if (components.length > 0) {
          const limiting = result.components.find((c) => c.variantId === result.limitingVariantId);
          expect(limiting?.canMake).toBe(Math.min(...result.components.map((c) => c.canMake)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
