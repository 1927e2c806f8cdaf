// The three look-ups a mapping import makes per channel SKU (internal SKU -> variant id,
// channel SKU -> listing, listing -> current mapping), as point queries on the unique indexes.
// On SQLite they are prepared once on the raw connection (see rawSqlite in db/database.ts) and
// run synchronously: a 1M-row import makes millions of them, and building a Kysely query, or a
// VariantRef/ListingRef object with parsed options, per look-up cost more than the look-up.
// This reads other areas' tables directly, against the usual rule, for the bulk path only; on
// PostgreSQL the areas' own chunked loaders are used.
import { findVariantsBySkus } from "../catalog/variant-lookup.ts";
import { type Db, rawSqlite } from "../db/database.ts";
import { findListingsBySkus } from "../listings/listing-lookup.ts";
import type { Component } from "../mappings/mapping-state.ts";
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
  const raw = rawSqlite(db);
  if (!raw) {
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
  const variant = raw.prepare("select id from variants where account_id = ? and sku = ?").pluck();
  const listing = raw.prepare(
    "select id, type from listings where account_id = ? and channel_id = ? and seller_id = ? and channel_sku = ?",
  );
  const mapping = raw.prepare(
    "select id, channel_id, listing_id, origin, created_at, created_by, updated_at, updated_by from mappings where account_id = ? and listing_id = ?",
  );
  const components = raw
    .prepare("select variant_id, quantity from mapping_components where account_id = ? and mapping_id = ?")
    .raw();
  return {
    variantIds: async (skus) => {
      const found = new Map<string, string>();
      for (const sku of skus) {
        const id = variant.get(accountId, sku) as string | undefined;
        if (id !== undefined) found.set(sku, id);
      }
      return found;
    },
    listings: async (sellerId, channelSkus) => {
      const found = new Map<string, FoundListing>();
      for (const sku of channelSkus) {
        const row = listing.get(accountId, channelId, sellerId, sku) as FoundListing | undefined;
        if (row) found.set(sku, row);
      }
      return found;
    },
    mappings: async (listingIds) => {
      const found = new Map<string, MappingRecord>();
      for (const listingId of listingIds) {
        const row = mapping.get(accountId, listingId) as
          | {
              id: string;
              channel_id: string;
              listing_id: string;
              origin: string;
              created_at: string;
              created_by: string | null;
              updated_at: string;
              updated_by: string | null;
            }
          | undefined;
        if (!row) continue;
        const list: Component[] = [];
        for (const [variantId, quantity] of components.all(accountId, row.id) as Array<[string, number]>) {
          list.push({ variantId, quantity: Number(quantity) });
        }
        list.sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
        found.set(listingId, {
          id: row.id,
          channelId: row.channel_id,
          listingId: row.listing_id,
          origin: row.origin,
          components: list,
          createdAt: row.created_at,
          createdBy: row.created_by,
          updatedAt: row.updated_at,
          updatedBy: row.updated_by,
        });
      }
      return found;
    },
  };
}
