// Which stock locations a sales channel sells from. A location is "default" (the account's own
// warehouse) or the id of a fulfillment channel; a channel with no rows sums every location.
import { listChannels } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { normalizeSku } from "../shared/sku.ts";

export const defaultLocation = "default";

/** The channel's assigned locations; an empty list means every location. */
export async function getChannelLocations(
  db: Db,
  options: { accountId: string; channelId: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom("channel_locations")
    .select("location")
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId)
    .orderBy("location")
    .execute();
  return rows.map((row) => row.location);
}

/**
 * Checks every location names "default" or a fulfillment channel of the account and returns
 * them trimmed; LOCATION_NOT_FOUND names the first that does not (`field` prefixes the index).
 */
export async function validateLocations(
  db: Db,
  options: { accountId: string; locations: Array<{ location: string; field: string }> },
): Promise<string[]> {
  if (options.locations.length === 0) return [];
  const fulfillment = new Set(
    (await listChannels(db, options.accountId)).filter((c) => c.kind === "fulfillment").map((c) => c.id),
  );
  return options.locations.map(({ location, field }) => {
    const name = normalizeSku(location, field);
    if (name !== defaultLocation && !fulfillment.has(name)) {
      throw new AppError(
        "LOCATION_NOT_FOUND",
        `${field}: "${name}" is neither "default" nor the id of a fulfillment channel of this account.`,
        { field, value: name },
      );
    }
    return name;
  });
}

/** Replaces the channel's locations in one transaction (empty = every location). */
export async function setChannelLocations(
  db: Db,
  options: { accountId: string; channelId: string; locations: string[] },
): Promise<string[]> {
  const locations = await validateLocations(db, {
    accountId: options.accountId,
    locations: options.locations.map((location, i) => ({ location, field: `locations.${i}` })),
  });
  const unique = [...new Set(locations)].sort();
  const write = async (trx: Db) => {
    await trx
      .deleteFrom("channel_locations")
      .where("account_id", "=", options.accountId)
      .where("channel_id", "=", options.channelId)
      .execute();
    if (unique.length > 0) {
      await trx
        .insertInto("channel_locations")
        .values(
          unique.map((location) => ({
            account_id: options.accountId,
            channel_id: options.channelId,
            location,
          })),
        )
        .execute();
    }
  };
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
  return unique;
}
