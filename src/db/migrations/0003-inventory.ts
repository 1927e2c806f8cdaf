// The inventory feed's memory: the quantity last published per listing, stamped with a
// per-account change sequence, so `?changedSince=<cursor>` lists only listings whose quantity
// changed after that cursor.
import { type Kysely, sql } from "kysely";
import { keyText } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema;
  const key = keyText(db);
  await schema
    .createTable("feed_sequences")
    .addColumn("account_id", "text", (c) => c.notNull().primaryKey())
    .addColumn("last_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();

  await schema
    .createTable("listing_quantities")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("listing_id", "text", (c) => c.notNull())
    .addColumn("seller_id", key, (c) => c.notNull())
    .addColumn("channel_sku", key, (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("listing_quantities_pk", ["account_id", "channel_id", "listing_id"])
    .addForeignKeyConstraint(
      "listing_quantities_channel_fk",
      ["account_id", "channel_id"],
      "channels",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addCheckConstraint("listing_quantities_quantity", sql`quantity >= 0`)
    .execute();
  await schema
    .createIndex("listing_quantities_seq")
    .on("listing_quantities")
    .columns(["account_id", "channel_id", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("listing_quantities").ifExists().execute();
  await db.schema.dropTable("feed_sequences").ifExists().execute();
}
