// Every issue of a listing download, not only the first 50 its summary carries: a file with many
// problem rows can be fixed from the whole list (GET .../listings/downloads/{id}/issues).
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("download_issues")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("download_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("row", "integer")
    .addColumn("column", "text")
    .addColumn("value", "text")
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("download_issues_pk", ["account_id", "download_id", "seq"])
    .addForeignKeyConstraint(
      "download_issues_download_fk",
      ["account_id", "download_id"],
      "downloads",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("download_issues").execute();
}
