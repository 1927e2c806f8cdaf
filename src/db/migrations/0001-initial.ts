// The first schema. Every table holding account data carries account_id as the first column
// of its primary key and of every unique key (see the design brief's scale rules).
import { type Kysely, sql } from "kysely";
import { keyText } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const key = keyText(db);
  const schema = db.schema;

  await schema
    .createTable("accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await schema
    .createTable("memberships")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("memberships_pk", ["account_id", "user_id"])
    .execute();
  await schema.createIndex("memberships_user").on("memberships").columns(["user_id"]).execute();

  await schema
    .createTable("api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .execute();

  await schema
    .createTable("sessions")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await schema
    .createTable("products")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("product_key", key)
    .addColumn("category", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("products_pk", ["account_id", "id"])
    .execute();

  await schema
    .createTable("variants")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("sku", key, (c) => c.notNull())
    .addColumn("sku_search", key, (c) => c.notNull())
    .addColumn("barcode", "text")
    .addColumn("barcode_gtin", key)
    .addColumn("name", "text")
    .addColumn("name_search", key)
    .addColumn("options", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("length_mm", "integer")
    .addColumn("width_mm", "integer")
    .addColumn("height_mm", "integer")
    .addColumn("weight_g", "integer")
    .addColumn("cost_amount", "bigint")
    .addColumn("cost_currency", "text")
    .addColumn("price_amount", "bigint")
    .addColumn("price_currency", "text")
    .addColumn("is_default", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("variants_pk", ["account_id", "id"])
    .addUniqueConstraint("variants_sku_unique", ["account_id", "sku"])
    .addForeignKeyConstraint(
      "variants_product_fk",
      ["account_id", "product_id"],
      "products",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await schema.createIndex("variants_product").on("variants").columns(["account_id", "product_id"]).execute();
  await schema
    .createIndex("variants_sku_search")
    .on("variants")
    .columns(["account_id", "sku_search"])
    .execute();
  await schema
    .createIndex("variants_barcode")
    .on("variants")
    .columns(["account_id", "barcode_gtin"])
    .execute();
  await schema
    .createIndex("variants_name_search")
    .on("variants")
    .columns(["account_id", "name_search"])
    .execute();

  await schema
    .createTable("channels")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("seller_id", key, (c) => c.notNull().defaultTo(""))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("can_import_products", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("buffer", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("family_lock", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mapping_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("channels_pk", ["account_id", "id"])
    .execute();

  await schema
    .createTable("listings")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("seller_id", key, (c) => c.notNull().defaultTo(""))
    .addColumn("channel_sku", key, (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("title", "text")
    .addColumn("category", "text")
    .addColumn("barcode", "text")
    .addColumn("barcode_gtin", key)
    .addColumn("external_id", key)
    .addColumn("price_amount", "bigint")
    .addColumn("price_currency", "text")
    .addColumn("quantity", "integer")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("missing_on_channel", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("content_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("listings_pk", ["account_id", "id"])
    .addUniqueConstraint("listings_sku_unique", ["account_id", "channel_id", "seller_id", "channel_sku"])
    .addForeignKeyConstraint(
      "listings_channel_fk",
      ["account_id", "channel_id"],
      "channels",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await schema.createIndex("listings_parent").on("listings").columns(["account_id", "parent_id"]).execute();
  await schema
    .createIndex("listings_channel_id")
    .on("listings")
    .columns(["account_id", "channel_id", "id"])
    .execute();

  await schema
    .createTable("mappings")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("listing_id", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mappings_pk", ["account_id", "id"])
    .addUniqueConstraint("mappings_listing_unique", ["account_id", "listing_id"])
    .addForeignKeyConstraint(
      "mappings_listing_fk",
      ["account_id", "listing_id"],
      "listings",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await schema
    .createIndex("mappings_channel")
    .on("mappings")
    .columns(["account_id", "channel_id", "id"])
    .execute();

  await schema
    .createTable("mapping_components")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("mapping_id", "text", (c) => c.notNull())
    .addColumn("variant_id", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("mapping_components_pk", ["account_id", "mapping_id", "variant_id"])
    .addForeignKeyConstraint(
      "mapping_components_mapping_fk",
      ["account_id", "mapping_id"],
      "mappings",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint("mapping_components_variant_fk", ["account_id", "variant_id"], "variants", [
      "account_id",
      "id",
    ])
    .addCheckConstraint("mapping_components_quantity", sql`quantity >= 1`)
    .execute();
  await schema
    .createIndex("mapping_components_variant")
    .on("mapping_components")
    .columns(["account_id", "variant_id"])
    .execute();

  await schema
    .createTable("operations")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("undone_at", "text")
    .addColumn("undone_by", "text")
    .addPrimaryKeyConstraint("operations_pk", ["account_id", "id"])
    .execute();
  await schema
    .createIndex("operations_channel")
    .on("operations")
    .columns(["account_id", "channel_id", "id"])
    .execute();

  await schema
    .createTable("audit_entries")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("operation_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addPrimaryKeyConstraint("audit_entries_pk", ["account_id", "operation_id", "seq"])
    .execute();
  await schema
    .createIndex("audit_entries_entity")
    .on("audit_entries")
    .columns(["account_id", "entity_id"])
    .execute();

  await schema
    .createTable("stock_levels")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("variant_id", "text", (c) => c.notNull())
    .addColumn("location", key, (c) => c.notNull())
    .addColumn("on_hand", "integer", (c) => c.notNull())
    .addColumn("reserved", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("stock_levels_pk", ["account_id", "variant_id", "location"])
    .addForeignKeyConstraint(
      "stock_levels_variant_fk",
      ["account_id", "variant_id"],
      "variants",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();

  await schema
    .createTable("channel_locations")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("location", key, (c) => c.notNull())
    .addPrimaryKeyConstraint("channel_locations_pk", ["account_id", "channel_id", "location"])
    .addForeignKeyConstraint(
      "channel_locations_channel_fk",
      ["account_id", "channel_id"],
      "channels",
      ["account_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "channel_locations",
    "stock_levels",
    "audit_entries",
    "operations",
    "mapping_components",
    "mappings",
    "listings",
    "channels",
    "variants",
    "products",
    "sessions",
    "api_keys",
    "memberships",
    "users",
    "accounts",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
