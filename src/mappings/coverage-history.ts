// Coverage over time: one point per channel and day (mappable listings, mapped, unmapped),
// recorded when the coverage is read rather than on every write, so write paths stay as fast
// as they are and a day someone looks at the dashboard gets its point.
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { nowIso } from "../shared/ids.ts";

export type CoveragePoint = { day: string; total: number; mapped: number; unmapped: number };

/** The UTC calendar day (YYYY-MM-DD) of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Mappable listings (parents excluded) and mapped ones, in two counting queries. */
async function countCoverage(db: Db, accountId: string, channelId: string) {
  const listings = await db
    .selectFrom("listings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .where("type", "!=", "parent")
    .executeTakeFirst();
  // A listing has at most one mapping, and parents are never mapped.
  const mappings = await db
    .selectFrom("mappings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .executeTakeFirst();
  const total = Number(listings?.n ?? 0);
  const mapped = Number(mappings?.n ?? 0);
  return { total, mapped, unmapped: Math.max(0, total - mapped) };
}

/** Computes the channel's counts and upserts the point of `day` (today unless given). */
export async function recordCoverageSnapshot(
  db: Db,
  options: { accountId: string; channelId: string; day?: string },
): Promise<CoveragePoint> {
  const { accountId, channelId } = options;
  const day = options.day ?? dayOf(new Date());
  const counts = await countCoverage(db, accountId, channelId);
  const updatedAt = nowIso();
  await db
    .insertInto("coverage_history")
    .values({ account_id: accountId, channel_id: channelId, day, ...counts, updated_at: updatedAt })
    .onConflict((oc) =>
      oc.columns(["account_id", "channel_id", "day"]).doUpdateSet({ ...counts, updated_at: updatedAt }),
    )
    .execute();
  return { day, ...counts };
}

/** The channel's points of the last `days` days (today included), oldest first. */
export async function listCoverageHistory(
  db: Db,
  options: { accountId: string; channelId: string; days: number; today?: Date },
): Promise<CoveragePoint[]> {
  const channel = await getChannel(db, options.accountId, options.channelId);
  const today = options.today ?? new Date();
  const from = dayOf(new Date(today.getTime() - (options.days - 1) * 24 * 3600 * 1000));
  const rows = await db
    .selectFrom("coverage_history")
    .select(["day", "total", "mapped", "unmapped"])
    .where("account_id", "=", options.accountId)
    .where("channel_id", "=", channel.id)
    .where("day", ">=", from)
    .orderBy("day")
    .execute();
  return rows.map((r) => ({
    day: r.day,
    total: Number(r.total),
    mapped: Number(r.mapped),
    unmapped: Number(r.unmapped),
  }));
}
