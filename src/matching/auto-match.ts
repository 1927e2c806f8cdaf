// Automatic mapping rule (exact only, design brief invariant 5): a listing is mappable when its
// channel SKU is exactly one variant's SKU (case-sensitive), else when its barcode's GTIN-14 is
// exactly one variant's GTIN. Several variants with the GTIN make it ambiguous: never applied.
// Archived variants are not candidates. Look-ups are chunked IN queries on the variants' unique
// SKU and GTIN indexes: a cost proportional to the listings, not to the catalog.
import { findVariantsByGtins, findVariantsBySkus, type VariantRef } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";

export type AutoMatchListing = { id: string; channelSku: string; barcodeGtin: string | null };

export type AutoMatchOutcome =
  | { kind: "sku"; variantId: string }
  | { kind: "barcode"; variantId: string }
  | { kind: "ambiguous"; variantIds: string[] }
  | { kind: "unmappable" };

export type AutoMatchResult = {
  outcomes: Map<string, AutoMatchOutcome>;
  bySku: number;
  byBarcode: number;
  ambiguous: number;
  unmappable: number;
};

/** The rule itself, for one listing, given what its SKU and GTIN found. */
export function classifyAutoMatch(skuHit: VariantRef | undefined, gtinHits: VariantRef[]): AutoMatchOutcome {
  if (skuHit && !skuHit.archived) return { kind: "sku", variantId: skuHit.id };
  const live = gtinHits.filter((v) => !v.archived);
  if (live.length === 1 && live[0]) return { kind: "barcode", variantId: live[0].id };
  if (live.length > 1) return { kind: "ambiguous", variantIds: live.map((v) => v.id) };
  return { kind: "unmappable" };
}

export async function findAutoMatches(
  db: Db,
  options: { accountId: string; listings: AutoMatchListing[] },
): Promise<AutoMatchResult> {
  const { accountId, listings } = options;
  const bySkuHits = await findVariantsBySkus(
    db,
    accountId,
    listings.map((l) => l.channelSku),
  );
  const needGtin: string[] = [];
  for (const listing of listings) {
    const hit = bySkuHits.get(listing.channelSku);
    if ((!hit || hit.archived) && listing.barcodeGtin) needGtin.push(listing.barcodeGtin);
  }
  const byGtinHits = needGtin.length > 0 ? await findVariantsByGtins(db, accountId, needGtin) : new Map();
  const result: AutoMatchResult = {
    outcomes: new Map(),
    bySku: 0,
    byBarcode: 0,
    ambiguous: 0,
    unmappable: 0,
  };
  for (const listing of listings) {
    const gtinHits = listing.barcodeGtin ? (byGtinHits.get(listing.barcodeGtin) ?? []) : [];
    const outcome = classifyAutoMatch(bySkuHits.get(listing.channelSku), gtinHits);
    result.outcomes.set(listing.id, outcome);
    if (outcome.kind === "sku") result.bySku += 1;
    else if (outcome.kind === "barcode") result.byBarcode += 1;
    else if (outcome.kind === "ambiguous") result.ambiguous += 1;
    else result.unmappable += 1;
  }
  return result;
}
