// One page of an account's channels, oldest first (ids are time-ordered), for the API list.
import type { Db } from "../db/database.ts";
import { decodeCursor, type Page, toPage } from "../shared/pagination.ts";
import { type Channel, toChannel } from "./get-channel.ts";

export async function findChannels(
  db: Db,
  options: { accountId: string; cursor?: string | undefined; limit: number },
): Promise<Page<Channel>> {
  const after = decodeCursor(options.cursor);
  let query = db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", options.accountId)
    .orderBy("id")
    .limit(options.limit + 1);
  if (after) query = query.where("id", ">", String(after.id ?? ""));
  const rows = await query.execute();
  return toPage(rows, options.limit, toChannel, (row) => ({ id: row.id }));
}
