// Coverage over time: one row per channel and day with the cheap listing counts (mappable
// listings, mapped, unmapped), upserted when the coverage is read, so the dashboard can draw a
// line per channel. Keyed by account first, like every account table; deleting the account
// deletes its history, a deleted channel's rows are simply never read again.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("coverage_history")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("mapped", "integer", (c) => c.notNull())
    .addColumn("unmapped", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("coverage_history_pk", ["account_id", "channel_id", "day"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("coverage_history").execute();
}
