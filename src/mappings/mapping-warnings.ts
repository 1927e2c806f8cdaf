// Warnings a user sees on a mapping: DUPLICATE_TARGET (several single or variation listings of
// one channel and seller sell the same variant: each pushes the full stock, so the channel can
// oversell, as the Anchanto article warns), ARCHIVED_VARIANT, and COMPONENT_UNAVAILABLE (a
// bundle component without available stock makes the whole bundle unsellable), and
// MISSING_ON_CHANNEL (the channel's last full download did not have the listing: it may be gone).
import type { VariantRef } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { getChannelLocations } from "../inventory/channel-locations.ts";
import { getAvailableByVariant } from "../inventory/stock-lookup.ts";
import { getListingsByIds, type ListingRef } from "../listings/listing-lookup.ts";
import { findListingsUsingVariants, type MappingRecord } from "./mapping-store.ts";

export type WarningCode =
  | "DUPLICATE_TARGET"
  | "ARCHIVED_VARIANT"
  | "COMPONENT_UNAVAILABLE"
  | "MISSING_ON_CHANNEL";
export type MappingWarning = { code: WarningCode; message: string };

const sellsOneUnit = (type: string) => type === "single" || type === "variation";

export async function computeWarnings(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    mappings: MappingRecord[];
    listings: Map<string, ListingRef>;
    variants: Map<string, VariantRef>;
  },
): Promise<Map<string, MappingWarning[]>> {
  const { mappings, listings, variants } = options;
  const oneUnitVariants = new Set<string>();
  const bundleVariants = new Set<string>();
  for (const m of mappings) {
    const type = listings.get(m.listingId)?.type ?? "single";
    for (const c of m.components) (sellsOneUnit(type) ? oneUnitVariants : bundleVariants).add(c.variantId);
  }
  const users = await findListingsUsingVariants(db, {
    accountId: options.accountId,
    channelId: options.channelId,
    variantIds: [...oneUnitVariants],
  });
  const userListings = await getListingsByIds(db, options.accountId, [
    ...new Set([...users.values()].flat()),
  ]);
  const locations = await getChannelLocations(db, {
    accountId: options.accountId,
    channelId: options.channelId,
  });
  const available =
    bundleVariants.size > 0
      ? await getAvailableByVariant(db, {
          accountId: options.accountId,
          variantIds: [...bundleVariants],
          locations,
        })
      : new Map<string, number>();

  const result = new Map<string, MappingWarning[]>();
  for (const m of mappings) {
    const listing = listings.get(m.listingId);
    const warnings: MappingWarning[] = [];
    if (listing?.missingOnChannel) {
      warnings.push({
        code: "MISSING_ON_CHANNEL",
        message: `Listing ${listing.channelSku} was not in the channel's last full download; it may have been removed from the channel.`,
      });
    }
    for (const c of m.components) {
      const variant = variants.get(c.variantId);
      const sku = variant?.sku ?? c.variantId;
      if (variant?.archived) {
        warnings.push({ code: "ARCHIVED_VARIANT", message: `Variant ${sku} is archived.` });
      }
      if (listing && sellsOneUnit(listing.type)) {
        const others = (users.get(c.variantId) ?? [])
          .filter((id) => id !== listing.id)
          .map((id) => userListings.get(id))
          .filter(
            (other): other is ListingRef =>
              other !== undefined && sellsOneUnit(other.type) && other.sellerId === listing.sellerId,
          );
        if (others.length > 0) {
          warnings.push({
            code: "DUPLICATE_TARGET",
            message: `Variant ${sku} is also mapped by ${others.map((o) => o.channelSku).join(", ")}; the channel may oversell it.`,
          });
        }
      } else if ((available.get(c.variantId) ?? 0) <= 0) {
        warnings.push({
          code: "COMPONENT_UNAVAILABLE",
          message: `Component ${sku} has no available stock, so the bundle cannot be sold.`,
        });
      }
    }
    result.set(m.id, warnings);
  }
  return result;
}
