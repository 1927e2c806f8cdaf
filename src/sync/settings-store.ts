// Data access of account settings: one JSON value per (account, key). The sync area owns the
// table; other areas read settings through the functions that interpret them.
import type { Db } from "../db/database.ts";
import { nowIso } from "../shared/ids.ts";

export async function readSetting(
  db: Db,
  options: { accountId: string; key: string },
): Promise<unknown | undefined> {
  const row = await db
    .selectFrom("account_settings")
    .select("value")
    .where("account_id", "=", options.accountId)
    .where("key", "=", options.key)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export async function writeSetting(
  db: Db,
  options: { accountId: string; key: string; value: unknown; actorUserId: string | null },
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("account_settings")
    .values({
      account_id: options.accountId,
      key: options.key,
      value: JSON.stringify(options.value),
      updated_by: options.actorUserId,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["account_id", "key"]).doUpdateSet({
        value: JSON.stringify(options.value),
        updated_by: options.actorUserId,
        updated_at: now,
      }),
    )
    .execute();
}
