// What request an import's Idempotency-Key was first sent with (route, options and the file's
// SHA-256): the same key sent again with another request is refused instead of answering an
// import of another channel or file. Imports recorded before have none and match any request.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("imports").addColumn("idempotency_fingerprint", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("imports").dropColumn("idempotency_fingerprint").execute();
}
