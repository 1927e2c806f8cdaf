// listings_parent only ever answers "the variations of parent X" (parent_id = ?), so it keeps
// only the listings that have a parent: singles and bundles, most of a channel, are no longer
// entered in it, which a 1M-listing import paid for with a million index entries.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("listings_parent").execute();
  await db.schema
    .createIndex("listings_parent")
    .on("listings")
    .columns(["account_id", "parent_id"])
    .where(sql.ref("parent_id"), "is not", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("listings_parent").execute();
  await db.schema
    .createIndex("listings_parent")
    .on("listings")
    .columns(["account_id", "parent_id"])
    .execute();
}
