// Which listings each mapping version changed, written with the version bump: a process whose
// cached mapping index is a few versions behind reloads just those listings instead of the whole
// channel (a 1M-listing channel took 6 s to rebuild after any one edit). listing_ids is a JSON
// array, or null for "anything may have changed" (a large import, a catalog-wide change); only
// the latest versions of a channel are kept.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mapping_changes")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("listing_ids", "text")
    .addPrimaryKeyConstraint("mapping_changes_pk", ["account_id", "channel_id", "version"])
    .addForeignKeyConstraint(
      "mapping_changes_channel_fk",
      ["account_id", "channel_id"],
      "channels",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mapping_changes").execute();
}
