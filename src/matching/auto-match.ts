// Automatic mapping rule (exact only, design brief invariant 5): a listing is mappable when its
// channel SKU is exactly one variant's SKU (case-sensitive), else when its barcode's GTIN-14 is
// exactly one variant's GTIN. Several variants with the GTIN make it ambiguous: never applied.
// Archived variants are not candidates. The look-ups probe the variants' SKU and GTIN indexes
// once per listing key: a cost proportional to the listings, not to the catalog.
import type { Db } from "../db/database.ts";
import { findVariantHits, type VariantHit } from "./variant-keys.ts";

export type AutoMatchListing = { id: string; channelSku: string; barcodeGtin: string | null };

export type AutoMatchOutcome =
  | { kind: "sku"; variantId: string }
  | { kind: "barcode"; variantId: string }
  | { kind: "ambiguous"; variantIds: string[] }
  | { kind: "unmappable" };

export type AutoMatchResult = {
  /** Outcome per listing id. */
  outcomes: Map<string, AutoMatchOutcome>;
  bySku: number;
  byBarcode: number;
  ambiguous: number;
  unmappable: number;
};

const unmappable: AutoMatchOutcome = { kind: "unmappable" };

/** The rule itself, for one listing, given what its SKU and GTIN found. */
export function classifyAutoMatch(skuHit: VariantHit | undefined, gtinHits: VariantHit[]): AutoMatchOutcome {
  if (skuHit && !skuHit.archived) return { kind: "sku", variantId: skuHit.id };
  const live = gtinHits.filter((v) => !v.archived);
  if (live.length === 1 && live[0]) return { kind: "barcode", variantId: live[0].id };
  if (live.length > 1) return { kind: "ambiguous", variantIds: live.map((v) => v.id) };
  return unmappable;
}

export async function findAutoMatches(
  db: Db,
  options: { accountId: string; listings: AutoMatchListing[] },
): Promise<AutoMatchResult> {
  const { accountId, listings } = options;
  const skuHits = await findVariantHits(db, {
    accountId,
    column: "sku",
    keys: listings.map((l) => l.channelSku),
  });
  // Only listings their SKU did not map ask for their GTIN, each distinct GTIN once.
  const gtinPosition = new Map<string, number>();
  for (let i = 0; i < listings.length; i += 1) {
    const gtin = listings[i]?.barcodeGtin;
    const sku = skuHits[i]?.find((v) => !v.archived);
    if (gtin && !sku && !gtinPosition.has(gtin)) gtinPosition.set(gtin, gtinPosition.size);
  }
  const gtinHits =
    gtinPosition.size > 0
      ? await findVariantHits(db, { accountId, column: "barcode_gtin", keys: [...gtinPosition.keys()] })
      : [];
  const result: AutoMatchResult = {
    outcomes: new Map(),
    bySku: 0,
    byBarcode: 0,
    ambiguous: 0,
    unmappable: 0,
  };
  listings.forEach((listing, i) => {
    const at = listing.barcodeGtin ? gtinPosition.get(listing.barcodeGtin) : undefined;
    const outcome = classifyAutoMatch(
      skuHits[i]?.find((v) => !v.archived) ?? skuHits[i]?.[0],
      at === undefined ? [] : (gtinHits[at] ?? []),
    );
    result.outcomes.set(listing.id, outcome);
    if (outcome.kind === "sku") result.bySku += 1;
    else if (outcome.kind === "barcode") result.byBarcode += 1;
    else if (outcome.kind === "ambiguous") result.ambiguous += 1;
    else result.unmappable += 1;
  });
  return result;
}
