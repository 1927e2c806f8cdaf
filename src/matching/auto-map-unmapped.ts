// Auto-mapping a channel's unmapped listings by exact SKU, else by a barcode that is one variant's
// GTIN, as a download does for the listings it reads: used after a product sync from the master's
// stored listings, so the master's own listings map to the variants the sync just made.
import type { Db } from "../db/database.ts";
import { writeMappings } from "../mappings/write-mappings.ts";
import { findAutoMatches } from "./auto-match.ts";
import { scanUnmappedListings } from "./unmapped-listings.ts";

export type AutoMapResult = { bySku: number; byBarcode: number; operationId: string | null };

/** Must run in the caller's transaction; one undoable operation when anything was mapped. */
export async function autoMapUnmappedListings(
  trx: Db,
  options: { accountId: string; channelId: string; actorUserId: string | null; summary: string },
): Promise<AutoMapResult> {
  const { accountId, channelId } = options;
  const changes: Array<{ listingId: string; components: Array<{ variantId: string; quantity: number }> }> =
    [];
  const result: AutoMapResult = { bySku: 0, byBarcode: 0, operationId: null };
  for await (const page of scanUnmappedListings(trx, { accountId, channelId })) {
    const matches = await findAutoMatches(trx, { accountId, listings: page });
    for (const listing of page) {
      const outcome = matches.outcomes.get(listing.id);
      if (outcome?.kind !== "sku" && outcome?.kind !== "barcode") continue;
      changes.push({ listingId: listing.id, components: [{ variantId: outcome.variantId, quantity: 1 }] });
      if (outcome.kind === "sku") result.bySku += 1;
      else result.byBarcode += 1;
    }
  }
  if (changes.length === 0) return result;
  const written = await writeMappings(trx, {
    accountId,
    channelId,
    actorUserId: options.actorUserId,
    origin: "auto",
    kind: "sync_auto_map",
    summary: `${options.summary}: auto-mapped ${changes.length} listings (${result.bySku} by SKU, ${result.byBarcode} by barcode)`,
    changes,
  });
  return { ...result, operationId: written.operationId };
}
