// Mapping records -> the Mapping JSON of the API: listing identity, components with their
// derived internal SKU and name, and the warnings computed at read time.
import { getVariantsByIds } from "../catalog/variant-lookup.ts";
import type { Db } from "../db/database.ts";
import { getListingsByIds } from "../listings/listing-lookup.ts";
import { AppError } from "../shared/errors.ts";
import { loadMappingsByIds, type MappingRecord } from "./mapping-store.ts";
import { computeWarnings } from "./mapping-warnings.ts";
import type { MappingResponse } from "./schemas.ts";

export async function presentMappings(
  db: Db,
  options: { accountId: string; channelId: string; mappings: MappingRecord[] },
): Promise<MappingResponse[]> {
  const { accountId, channelId, mappings } = options;
  const listings = await getListingsByIds(
    db,
    accountId,
    mappings.map((m) => m.listingId),
  );
  const variants = await getVariantsByIds(
    db,
    accountId,
    mappings.flatMap((m) => m.components.map((c) => c.variantId)),
  );
  const warnings = await computeWarnings(db, { accountId, channelId, mappings, listings, variants });
  return mappings.map((m) => {
    const listing = listings.get(m.listingId);
    return {
      id: m.id,
      channelId: m.channelId,
      listingId: m.listingId,
      channelSku: listing?.channelSku ?? "",
      sellerId: listing?.sellerId ?? "",
      listingType: listing?.type ?? "single",
      origin: m.origin,
      components: m.components.map((c) => {
        const variant = variants.get(c.variantId);
        return {
          variantId: c.variantId,
          sku: variant?.sku ?? "",
          name: variant?.name ?? null,
          quantity: c.quantity,
          archived: variant?.archived ?? false,
        };
      }),
      warnings: warnings.get(m.id) ?? [],
      createdAt: m.createdAt,
      createdBy: m.createdBy,
      updatedAt: m.updatedAt,
      updatedBy: m.updatedBy,
    };
  });
}

/** One mapping of the channel, or MAPPING_NOT_FOUND. */
export async function getMappingRecord(
  db: Db,
  options: { accountId: string; channelId: string; mappingId: string },
): Promise<MappingRecord> {
  const [record] = await loadMappingsByIds(db, options.accountId, [options.mappingId]);
  if (!record || record.channelId !== options.channelId) {
    throw new AppError("MAPPING_NOT_FOUND", "Mapping not found in this channel.", {
      field: "mappingId",
      value: options.mappingId,
    });
  }
  return record;
}

export async function getMapping(
  db: Db,
  options: { accountId: string; channelId: string; mappingId: string },
): Promise<MappingResponse> {
  const record = await getMappingRecord(db, options);
  const [mapping] = await presentMappings(db, { ...options, mappings: [record] });
  return mapping!;
}
