// Catalog sync: account settings (the master product source), scheduled jobs per channel with
// their run history, and the product feed's memory (what each mapped listing was last told,
// stamped with a per-account change sequence, like the inventory feed). Keys start with
// account_id. Jobs keep no foreign key to their channel: a job whose channel was deleted must
// fail its next run with a clear outcome instead of vanishing.
import type { Kysely } from "kysely";
import { keyText } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema;
  const key = keyText(db);
  await schema
    .createTable("account_settings")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("account_settings_pk", ["account_id", "key"])
    .execute();

  await schema
    .createTable("jobs")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("interval_seconds", "integer", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("last_run_at", "text")
    .addColumn("last_outcome", "text")
    .addColumn("last_error", "text")
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_retries", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("jobs_pk", ["account_id", "id"])
    .addUniqueConstraint("jobs_channel_kind", ["account_id", "channel_id", "kind"])
    .execute();
  await schema.createIndex("jobs_due").on("jobs").columns(["enabled", "next_run_at"]).execute();

  await schema
    .createTable("job_runs")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("run_key", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("scheduled_for", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("result", "text")
    .addPrimaryKeyConstraint("job_runs_pk", ["account_id", "id"])
    .addUniqueConstraint("job_runs_run_key", ["account_id", "job_id", "run_key"])
    .execute();
  await schema.createIndex("job_runs_job").on("job_runs").columns(["account_id", "job_id", "id"]).execute();

  await schema
    .createTable("product_feed_sequences")
    .addColumn("account_id", "text", (c) => c.notNull().primaryKey())
    .addColumn("last_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await schema
    .createTable("product_feed_items")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("listing_id", "text", (c) => c.notNull())
    .addColumn("seller_id", key, (c) => c.notNull())
    .addColumn("channel_sku", key, (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("removed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("product_feed_items_pk", ["account_id", "channel_id", "listing_id"])
    .addForeignKeyConstraint(
      "product_feed_items_channel_fk",
      ["account_id", "channel_id"],
      "channels",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await schema
    .createIndex("product_feed_items_seq")
    .on("product_feed_items")
    .columns(["account_id", "channel_id", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "product_feed_items",
    "product_feed_sequences",
    "job_runs",
    "jobs",
    "account_settings",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
