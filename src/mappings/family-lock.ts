// The channel's `familyLock` policy (Cin7's rule): a variation listing may only be mapped to a
// variant when neither the listing's family (the other variations of its parent) nor the
// variant's product family (its sibling variants) is mapped on this channel already. Partly
// mapped families must be remapped as a whole (remap-family.ts).
import { getVariantsByIds, type VariantRef } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { getListingsByIds, type ListingRef, listChildListings } from "../listings/listing-lookup.ts";
import { AppError } from "../shared/errors.ts";
import { findListingsUsingVariants, listMappedVariantIds, loadMappingsByListings } from "./mapping-store.ts";

export type FamilyBlocker =
  | { kind: "listing"; listingId: string; channelSku: string }
  | { kind: "variant"; variantId: string; sku: string; mappedBy: string[] };

export async function findFamilyBlockers(
  db: Db,
  options: { accountId: string; channelId: string; listing: ListingRef; variants: VariantRef[] },
): Promise<FamilyBlocker[]> {
  const { accountId, channelId, listing } = options;
  const blockers: FamilyBlocker[] = [];
  if (listing.parentId) {
    const siblings = (await listChildListings(db, accountId, listing.parentId)).filter(
      (s) => s.id !== listing.id,
    );
    const mapped = await loadMappingsByListings(
      db,
      accountId,
      siblings.map((s) => s.id),
    );
    for (const sibling of siblings) {
      if (mapped.has(sibling.id))
        blockers.push({ kind: "listing", listingId: sibling.id, channelSku: sibling.channelSku });
    }
  }
  const productIds = new Set(options.variants.map((v) => v.productId));
  const mappedVariants = await getVariantsByIds(
    db,
    accountId,
    await listMappedVariantIds(db, accountId, channelId),
  );
  const familyVariants = [...mappedVariants.values()].filter((v) => productIds.has(v.productId));
  const users = await findListingsUsingVariants(db, {
    accountId,
    channelId,
    variantIds: familyVariants.map((v) => v.id),
  });
  const userListings = await getListingsByIds(db, accountId, [...new Set([...users.values()].flat())]);
  for (const variant of familyVariants) {
    const mappedBy = (users.get(variant.id) ?? [])
      .filter((id) => id !== listing.id)
      .map((id) => userListings.get(id)?.channelSku ?? id);
    if (mappedBy.length > 0)
      blockers.push({ kind: "variant", variantId: variant.id, sku: variant.sku, mappedBy });
  }
  return blockers;
}

/** Throws FAMILY_NOT_UNMAPPED naming the blockers when the channel's family lock forbids the mapping. */
export async function checkFamilyLock(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    familyLock: boolean;
    listing: ListingRef;
    variants: VariantRef[];
  },
): Promise<void> {
  if (!options.familyLock || options.listing.type !== "variation") return;
  const blockers = await findFamilyBlockers(db, options);
  if (blockers.length === 0) return;
  const names = blockers.map((b) => (b.kind === "listing" ? `listing ${b.channelSku}` : `variant ${b.sku}`));
  throw new AppError(
    "FAMILY_NOT_UNMAPPED",
    `This channel locks families: ${names.join(", ")} ${blockers.length === 1 ? "is" : "are"} already mapped. Remap the whole family instead.`,
    { blockers },
  );
}
