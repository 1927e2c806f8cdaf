// Listing downloads: one row per download of a channel's export file (its summary, the newest
// row date it carried for `since_last`), and per listing what only a download knows: the
// format's own kind (grouped, external, ...), whether it can be sold, its option values and its
// row date. Keys start with account_id like every account table.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("downloads")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("newest_row_date", "text")
    .addColumn("operation_id", "text")
    .addColumn("actor_user_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("downloads_pk", ["account_id", "id"])
    .addForeignKeyConstraint(
      "downloads_channel_fk",
      ["account_id", "channel_id"],
      "channels",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("downloads_channel")
    .on("downloads")
    .columns(["account_id", "channel_id", "id"])
    .execute();

  await db.schema
    .createTable("downloaded_listing_details")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("listing_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("kind", "text")
    .addColumn("sellable", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("options", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("row_date", "text")
    .addPrimaryKeyConstraint("downloaded_listing_details_pk", ["account_id", "listing_id"])
    .addForeignKeyConstraint(
      "downloaded_listing_details_listing_fk",
      ["account_id", "listing_id"],
      "listings",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("downloaded_listing_details").ifExists().execute();
  await db.schema.dropTable("downloads").ifExists().execute();
}
