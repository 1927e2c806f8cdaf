import { describe, expect, it } from "vitest";
import { classifyAutoMatch } from "./auto-match.ts";
import { looseSkuKey, titleSimilarity, titleTokens } from "./match-keys.ts";
import { type ListingKeys, pickBest, scoreCandidates } from "./score-candidates.ts";
import { buildVariantIndex, type IndexedVariant } from "./variant-index.ts";
import type { VariantHit } from "./variant-keys.ts";

const variants: IndexedVariant[] = [
  { id: "v1", sku: "AB12", name: "Blue Hoodie with Logo", barcode: "4006381333931", gtin: "04006381333931" },
  { id: "v2", sku: "CD-34", name: "Red T-Shirt", barcode: null, gtin: null },
  { id: "v3", sku: "B005X64OA8", name: "Intel Core i7-2700K Quad-Core", barcode: null, gtin: null },
  { id: "v4", sku: "EF56", name: "Beanie", barcode: "012345678905", gtin: "00012345678905" },
  { id: "v5", sku: "EF57", name: "Beanie", barcode: "012345678905", gtin: "00012345678905" },
];
const index = buildVariantIndex(variants);

function listing(partial: Partial<ListingKeys> & { channelSku: string }): ListingKeys {
  return { title: null, barcode: null, barcodeGtin: null, externalId: null, ...partial };
}

describe("match keys", () => {
  it("ignores case, whitespace and separators in the loose SKU key", () => {
    expect(looseSkuKey("ab-12 ")).toBe(looseSkuKey("AB12"));
    expect(looseSkuKey("a_b.1/2")).toBe("ab12");
    expect(looseSkuKey("AB12")).not.toBe(looseSkuKey("AB13"));
  });

  it("tokenises titles and measures similarity", () => {
    expect(titleTokens("The Blue-Hoodie, with LOGO")).toEqual(["blue", "hoodie", "logo"]);
    expect(titleSimilarity("Hoodie Blue", "Blue Hoodie")).toBe(1);
    expect(titleSimilarity("T-Shirt red", "Tshirt red")).toBeGreaterThan(0.5);
    expect(titleSimilarity("Beanie", "Intel processor")).toBe(0);
    expect(titleSimilarity(null, "x")).toBe(0);
  });
});

describe("scoreCandidates", () => {
  it("ranks an exact SKU first with score 1", () => {
    const [best] = scoreCandidates(index, listing({ channelSku: "AB12" }));
    expect(best).toMatchObject({ variantId: "v1", score: 1 });
    expect(best?.reasons.map((r) => r.code)).toEqual(["sku_exact"]);
  });

  it("suggests a case/separator-insensitive SKU with its reason", () => {
    const [best] = scoreCandidates(index, listing({ channelSku: "ab-12 " }));
    expect(best?.variantId).toBe("v1");
    expect(best?.reasons[0]?.code).toBe("sku_normalized");
    expect(best?.score).toBeLessThan(1);
    const [cd] = scoreCandidates(index, listing({ channelSku: "cd34" }));
    expect(cd?.variantId).toBe("v2");
  });

  it("matches barcodes by GTIN-14 whatever the form (UPC-A vs EAN-13)", () => {
    const [best] = scoreCandidates(
      index,
      listing({ channelSku: "zz", barcode: "4006381333931", barcodeGtin: "04006381333931" }),
    );
    expect(best).toMatchObject({ variantId: "v1" });
    expect(best?.reasons[0]?.code).toBe("barcode_gtin");
  });

  it("uses the ASIN / external id when it is a variant SKU", () => {
    const [best] = scoreCandidates(index, listing({ channelSku: "0J-3QVQ-PCR5", externalId: "B005X64OA8" }));
    expect(best?.variantId).toBe("v3");
    expect(best?.reasons.map((r) => r.code)).toContain("external_id_sku");
  });

  it("finds candidates by title similarity above the threshold only", () => {
    const hits = scoreCandidates(index, listing({ channelSku: "nope", title: "Hoodie with logo, blue" }));
    expect(hits[0]?.variantId).toBe("v1");
    expect(hits[0]?.reasons[0]?.code).toBe("title");
    expect(hits[0]?.score).toBeLessThanOrEqual(0.8);
    expect(scoreCandidates(index, listing({ channelSku: "nope", title: "Completely different" }))).toEqual(
      [],
    );
  });

  it("adds a bonus for independent reasons and never exceeds 1", () => {
    const [both] = scoreCandidates(
      index,
      listing({ channelSku: "ab12", barcode: "4006381333931", barcodeGtin: "04006381333931" }),
    );
    expect(both?.reasons).toHaveLength(2);
    expect(both?.score).toBeGreaterThan(0.95);
    expect(both?.score).toBeLessThanOrEqual(1);
  });

  it("reports a tie instead of a best candidate", () => {
    const hits = scoreCandidates(
      index,
      listing({ channelSku: "x", barcode: "012345678905", barcodeGtin: "00012345678905" }),
    );
    expect(hits.map((h) => h.variantId)).toEqual(["v4", "v5"]);
    expect(pickBest(hits, 0.5).kind).toBe("tie");
    expect(pickBest(hits, 0.99).kind).toBe("none");
    expect(pickBest(scoreCandidates(index, listing({ channelSku: "AB12" })), 0.9)).toMatchObject({
      kind: "best",
      candidate: { variantId: "v1" },
    });
  });
});

describe("classifyAutoMatch", () => {
  const ref = (id: string, archived = false): VariantHit => ({ id, archived });
  it("prefers the exact SKU, then a single GTIN; several GTIN hits are ambiguous", () => {
    expect(classifyAutoMatch(ref("a"), [ref("b")])).toEqual({ kind: "sku", variantId: "a" });
    expect(classifyAutoMatch(undefined, [ref("b")])).toEqual({ kind: "barcode", variantId: "b" });
    expect(classifyAutoMatch(undefined, [ref("b"), ref("c")])).toEqual({
      kind: "ambiguous",
      variantIds: ["b", "c"],
    });
    expect(classifyAutoMatch(undefined, [])).toEqual({ kind: "unmappable" });
  });
  it("never maps to an archived variant", () => {
    expect(classifyAutoMatch(ref("a", true), [ref("b", true)])).toEqual({ kind: "unmappable" });
    expect(classifyAutoMatch(ref("a", true), [ref("b"), ref("c", true)])).toEqual({
      kind: "barcode",
      variantId: "b",
    });
  });
});
