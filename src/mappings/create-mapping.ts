// Creating a mapping, the techOMS flow: the user gives the exact channel SKU (and seller id when
// the channel has several sellers) and picks variants; the listing is made when the channel SKU
// is new. A listing that is already mapped answers MAPPING_EXISTS: changing it is a remap.
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import type { ListingRef } from "../listings/listing-lookup.ts";
import { ensureListing } from "../listings/listing-lookup.ts";
import { AppError } from "../shared/errors.ts";
import { normalizeSku } from "../shared/sku.ts";
import { checkFamilyLock } from "./family-lock.ts";
import { loadMappingsByListings } from "./mapping-store.ts";
import { getMapping } from "./present-mappings.ts";
import {
  type ComponentInput,
  checkComponentQuantities,
  type ResolvedComponent,
  resolveComponents,
} from "./resolve-components.ts";
import type { MappingResponse } from "./schemas.ts";
import { writeMappings } from "./write-mappings.ts";

export type CreateMappingOptions = {
  accountId: string;
  channelId: string;
  actorUserId: string | null;
  channelSku: string;
  sellerId?: string | undefined;
  components: ComponentInput[];
  origin?: string;
};

/** A variation is one option of a family, so it sells exactly one variant (possibly x N). */
export function checkListingAccepts(listing: ListingRef, components: ResolvedComponent[]): void {
  if (listing.type === "parent") {
    throw new AppError(
      "PARENT_NOT_MAPPABLE",
      `Listing ${listing.channelSku} is a parent (a variation group); map its variations instead.`,
      { field: "channelSku", value: listing.channelSku },
    );
  }
  if (listing.type === "variation" && components.length > 1) {
    throw new AppError("VALIDATION_FAILED", `Variation ${listing.channelSku} maps to one variant only.`, {
      field: "components",
      value: components.length,
    });
  }
}

export async function createMapping(
  db: Db,
  options: CreateMappingOptions,
): Promise<{ operationId: string; mapping: MappingResponse }> {
  const channelSku = normalizeSku(options.channelSku, "channelSku");
  checkComponentQuantities(options.components);
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, options.accountId, options.channelId);
    await lockMappingWrites(trx, options.accountId, channel.id);
    const components = await resolveComponents(trx, {
      accountId: options.accountId,
      components: options.components,
    });
    const { listing } = await ensureListing(trx, {
      accountId: options.accountId,
      channelId: channel.id,
      ...(options.sellerId !== undefined ? { sellerId: options.sellerId } : {}),
      channelSku,
      type: components.length > 1 ? "bundle" : "single",
    });
    checkListingAccepts(listing, components);
    const existing = await loadMappingsByListings(trx, options.accountId, [listing.id]);
    if (existing.has(listing.id)) {
      throw new AppError("MAPPING_EXISTS", `Listing ${channelSku} is already mapped; remap it instead.`, {
        field: "channelSku",
        value: channelSku,
        mappingId: existing.get(listing.id)?.id,
      });
    }
    await checkFamilyLock(trx, {
      accountId: options.accountId,
      channelId: channel.id,
      familyLock: channel.familyLock,
      listing,
      variants: components.map((c) => c.variant),
    });
    const result = await writeMappings(trx, {
      accountId: options.accountId,
      channelId: channel.id,
      actorUserId: options.actorUserId,
      origin: options.origin ?? "manual",
      kind: "create",
      summary: `Mapped ${channelSku} to ${components.map((c) => `${c.variant.sku} x${c.quantity}`).join(", ")}`,
      changes: [
        {
          listingId: listing.id,
          components: components.map((c) => ({ variantId: c.variantId, quantity: c.quantity })),
        },
      ],
    });
    const [created] = (await loadMappingsByListings(trx, options.accountId, [listing.id])).values();
    const mapping = await getMapping(trx, {
      accountId: options.accountId,
      channelId: channel.id,
      mappingId: created!.id,
    });
    return { operationId: result.operationId, mapping };
  });
}
