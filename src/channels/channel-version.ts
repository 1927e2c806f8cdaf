// The per-channel mapping version. Every write that can change what a channel's SKUs translate
// to (mappings, variant SKU changes, archiving) bumps it in the same transaction, so caches such
// as the translation index compare it before answering and are never stale after a commit.
import type { Db } from "../db/database.ts";
import { runPrepared } from "../db/prepared.ts";

export async function bumpMappingVersion(db: Db, accountId: string, channelId: string): Promise<void> {
  await db
    .updateTable("channels")
    .set((eb) => ({ mapping_version: eb("mapping_version", "+", 1) }))
    .where("account_id", "=", accountId)
    .where("id", "=", channelId)
    .execute();
}

/** For catalog changes (a variant's SKU renamed, archived) that may affect every channel. */
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
