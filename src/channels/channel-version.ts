// The per-channel mapping version. Every write that can change what a channel's SKUs translate
// to (mappings, variant SKU changes, archiving) bumps it in the same transaction, so caches such
// as the translation index compare it before answering and are never stale after a commit.
import type { Db } from "../db/database.ts";
import { isPostgres } from "../db/dialect.ts";
import { runPrepared } from "../db/prepared.ts";

/** A change of more listings than this is logged as "anything may have changed". */
export const loggedListingLimit = 5000;
/** Versions of a channel whose changes are kept: a cache further behind rebuilds. */
const loggedVersions = 100;

/**
 * Takes, until the transaction ends, the lock on the channel's row that bumpMappingVersion takes
 * at the end of every mapping write, so a bulk write that plans all its changes first (an import)
 * plans them on committed state: a second import of the channel waits for the first to commit,
 * then finds its mappings. On PostgreSQL only; a SQLite write transaction runs alone anyway. The
 * lock is the bump's own (FOR NO KEY UPDATE): rows that merely reference the channel, such as its
 * listings' foreign-key checks, do not wait for it.
 */
export async function lockMappingWrites(
  db: Db,
  accountId: string,
  channelId: string,
  /** called when another writer holds the lock, before waiting for it */
  onWait?: () => void,
): Promise<void> {
  if (!isPostgres(db)) return;
  const lock = db
    .selectFrom("channels")
    .select("mapping_version")
    .where("account_id", "=", accountId)
    .where("id", "=", channelId)
    .forNoKeyUpdate();
  if (onWait) {
    if ((await lock.skipLocked().execute()).length > 0) return;
    onWait();
  }
  await lock.execute();
}

/**
 * Bumps the channel's mapping version and logs which listings the change touched (null: it
 * cannot say, e.g. a large import), so a cached index a few versions behind reloads only those.
 */
export async function bumpMappingVersion(
  db: Db,
  accountId: string,
  channelId: string,
  listingIds: readonly string[] | null,
): Promise<void> {
  const row = await db
    .updateTable("channels")
    .set((eb) => ({ mapping_version: eb("mapping_version", "+", 1) }))
    .where("account_id", "=", accountId)
    .where("id", "=", channelId)
    .returning("mapping_version")
    .executeTakeFirst();
  if (!row) return;
  const version = Number(row.mapping_version);
  const logged =
    listingIds === null || listingIds.length > loggedListingLimit ? null : [...new Set(listingIds)];
  await db
    .insertInto("mapping_changes")
    .values({
      account_id: accountId,
      channel_id: channelId,
      version,
      listing_ids: logged === null ? null : JSON.stringify(logged),
    })
    .execute();
  await db
    .deleteFrom("mapping_changes")
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .where("version", "<=", version - loggedVersions)
    .execute();
}

/**
 * The listings changed by the versions after `after` up to `upTo`, or null when the log cannot
 * say (a version is not logged, or logged as "anything").
 */
export async function readMappingChanges(
  db: Db,
  options: { accountId: string; channelId: string; after: number; upTo: number },
): Promise<string[] | null> {
  if (options.upTo - options.after > loggedVersions) return null;
  const rows = await db
    .selectFrom("mapping_changes")
    .select(["version", "listing_ids"])
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", options.channelId)
    .where("version", ">", options.after)
    .where("version", "<=", options.upTo)
    .execute();
  if (rows.length !== options.upTo - options.after) return null;
  const changed = new Set<string>();
  for (const row of rows) {
    if (row.listing_ids === null) return null;
    for (const id of JSON.parse(row.listing_ids) as string[]) changed.add(id);
  }
  return changed.size > loggedListingLimit ? null : [...changed];
}

/**
 * For catalog changes (a variant's SKU renamed, archived) that may affect every channel: no
 * change is logged, so every cached index of the account is rebuilt.
 */
export async function bumpAccountMappingVersions(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable("channels")
    .set((eb) => ({ mapping_version: eb("mapping_version", "+", 1) }))
    .where("account_id", "=", accountId)
    .execute();
}

export async function getMappingVersion(
  db: Db,
  accountId: string,
  channelId: string,
): Promise<number | undefined> {
  // Runs before every translation: a prepared query keeps it cheap.
  const rows = await runPrepared(
    db,
    "channel-mapping-version",
    (q) =>
      q.selectFrom("channels").select("mapping_version").where("account_id", "=", "").where("id", "=", ""),
    [accountId, channelId],
  );
  const row = rows[0];
  return row ? Number(row.mapping_version) : undefined;
}
