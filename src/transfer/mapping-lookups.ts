// The three look-ups the in-memory mapping-import plan makes (internal SKU -> variant id,
// channel SKU -> listing, listing -> current mapping), through the areas' own chunked loaders.
// The plan runs on PostgreSQL; SQLite imports are staged in SQL (staged-import-sqlite.ts).
import { findVariantsBySkus } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { findListingsBySkus } from "../listings/listing-lookup.ts";
import { loadMappingsByListings, type MappingRecord } from "../mappings/mapping-store.ts";

export type FoundListing = { id: string; type: string };

export type MappingLookups = {
  /** internal SKU -> variant id of this account (absent when unknown) */
  variantIds(skus: string[]): Promise<Map<string, string>>;
  /** channel SKU -> listing of this channel and seller */
  listings(sellerId: string, channelSkus: string[]): Promise<Map<string, FoundListing>>;
  /** listing id -> its current mapping */
  mappings(listingIds: string[]): Promise<Map<string, MappingRecord>>;
};

export function createMappingLookups(db: Db, accountId: string, channelId: string): MappingLookups {
  return {
    variantIds: async (skus) => {
      const found = await findVariantsBySkus(db, accountId, skus);
      return new Map([...found].map(([sku, v]) => [sku, v.id]));
    },
    listings: async (sellerId, channelSkus) => {
      const found = await findListingsBySkus(db, { accountId, channelId, sellerId, channelSkus });
      return new Map([...found].map(([sku, l]) => [sku, { id: l.id, type: l.type }]));
    },
    mappings: (listingIds) => loadMappingsByListings(db, accountId, listingIds),
  };
}
