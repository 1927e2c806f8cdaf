// Bulk-file imports: one row per uploaded file (its state lives here, not in a process, so any
// server process can answer about it) and its rejected rows with their reasons.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("imports")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel_id", "text")
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("file_path", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text")
    .addColumn("rows_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rows_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("counts", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("summary", "text")
    .addColumn("operation_id", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("imports_pk", ["account_id", "id"])
    .addUniqueConstraint("imports_idempotency_unique", ["account_id", "kind", "idempotency_key"])
    .execute();

  await db.schema
    .createTable("import_errors")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("import_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("row", "integer", (c) => c.notNull())
    .addColumn("column", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("import_errors_pk", ["account_id", "import_id", "seq"])
    .addForeignKeyConstraint(
      "import_errors_import_fk",
      ["account_id", "import_id"],
      "imports",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("import_errors").ifExists().execute();
  await db.schema.dropTable("imports").ifExists().execute();
}
