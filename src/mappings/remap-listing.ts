// Remap: replace a listing's components in one step (Anchanto's "change the ISKU of a CSKU",
// Cin7's remap without deleting first). The origin becomes `manual`: a person chose it.
import { lockMappingWrites } from "../channels/channel-version.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { getListing } from "../listings/listing-lookup.ts";
import { checkListingAccepts } from "./create-mapping.ts";
import { checkFamilyLock } from "./family-lock.ts";
import { getMapping, getMappingRecord } from "./present-mappings.ts";
import { type ComponentInput, checkComponentQuantities, resolveComponents } from "./resolve-components.ts";
import type { MappingResponse } from "./schemas.ts";
import { writeMappings } from "./write-mappings.ts";

export async function remapListing(
  db: Db,
  options: {
    accountId: string;
    channelId: string;
    mappingId: string;
    actorUserId: string | null;
    components: ComponentInput[];
  },
): Promise<{ operationId: string; mapping: MappingResponse }> {
  checkComponentQuantities(options.components);
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, options.accountId, options.channelId);
    await lockMappingWrites(trx, options.accountId, channel.id);
    const record = await getMappingRecord(trx, options);
    const listing = await getListing(trx, options.accountId, channel.id, record.listingId);
    const components = await resolveComponents(trx, {
      accountId: options.accountId,
      components: options.components,
    });
    checkListingAccepts(listing, components);
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
      origin: "manual",
      kind: "remap",
      summary: `Remapped ${listing.channelSku} to ${components.map((c) => `${c.variant.sku} x${c.quantity}`).join(", ")}`,
      changes: [
        {
          listingId: listing.id,
          components: components.map((c) => ({ variantId: c.variantId, quantity: c.quantity })),
        },
      ],
    });
    const mapping = await getMapping(trx, options);
    return { operationId: result.operationId, mapping };
  });
}
