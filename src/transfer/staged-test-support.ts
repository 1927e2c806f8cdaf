// What the staged-import tests of both dialects share: the account they run in (variants with
// awkward SKUs and a parent listing), the mapping state to compare before and after, and the
// audit JSON check. Queries go through Kysely so they read the same on SQLite and PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { createChannel } from "../channels/create-channel.ts";
import type { Db } from "../db/database.ts";
import type { DialectName } from "../db/dialect.ts";
import { sortComponents } from "../mappings/mapping-state.ts";
import { newId, nowIso } from "../shared/ids.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { RowError } from "./import-store.ts";

/**
 * For a describe block: a fresh database of `dialect` set up by setUpStagedScope, and a directory
 * for the files its tests write; both made before its tests and removed after them.
 */
export function useStagedScope(dialect: DialectName): { t: TestDatabase; ids: Scope; dir: string } {
  const scope = {} as { t: TestDatabase; ids: Scope; dir: string };
  beforeAll(async () => {
    scope.dir = mkdtempSync(join(tmpdir(), `crosswalk-${dialect}-`));
    scope.t = await createTestDatabase(dialect);
    scope.ids = await setUpStagedScope(scope.t, "");
  });
  afterAll(async () => {
    await scope.t.close();
    rmSync(scope.dir, { recursive: true, force: true });
  });
  return scope;
}

/** A sink that keeps what a validation sends it. */
export function collectErrors(): { errors: RowError[]; onErrors: RowErrorSink } {
  const errors: RowError[] = [];
  return {
    errors,
    onErrors: async (batch) => {
      errors.push(...batch);
    },
  };
}

export const stagedHeader = "channel_sku,internal_sku,quantity,seller_id,action";

export type Scope = { accountId: string; channelId: string; userId: string };

/** An account, a channel of seller `channelSeller`, variants V1-V4, =X and V\5, and a PARENT listing. */
export async function setUpStagedScope(t: TestDatabase, channelSeller: string): Promise<Scope> {
  const userId = (await createUser(t.db, { email: `p${channelSeller}@example.com` })).id;
  const accountId = (await createAccount(t.db, { name: "P", ownerUserId: userId })).id;
  const channel = { name: "Shop", kind: "sales", platform: "generic", sellerId: channelSeller } as const;
  const channelId = (await createChannel(t.db, { accountId, channel })).id;
  for (const sku of ["V1", "V2", "V3", "V4", "=X", "V\\5"]) {
    await createProduct(t.db, { accountId, input: { name: `P ${sku}`, sku } });
  }
  const now = nowIso();
  await t.db
    .insertInto("listings")
    .values({
      account_id: accountId,
      id: newId(),
      channel_id: channelId,
      seller_id: channelSeller,
      channel_sku: "PARENT",
      type: "parent",
      status: "active",
      missing_on_channel: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { accountId, channelId, userId };
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every mapping of the database as comparable rows: SKU, seller, origin and its components. */
export async function mappingState(db: Db) {
  const mappings = await db
    .selectFrom("mappings as m")
    .innerJoin("listings as l", (j) =>
      j.onRef("l.account_id", "=", "m.account_id").onRef("l.id", "=", "m.listing_id"),
    )
    .select(["m.id", "l.channel_sku", "l.seller_id", "m.origin"])
    .execute();
  const components = await db
    .selectFrom("mapping_components")
    .select(["mapping_id", "variant_id", "quantity"])
    .execute();
  const parts = new Map<string, string[]>();
  for (const c of components) {
    const list = parts.get(c.mapping_id) ?? [];
    list.push(`${c.variant_id}x${c.quantity}`);
    parts.set(c.mapping_id, list);
  }
  return mappings
    .map((m) => ({
      channelSku: m.channel_sku,
      sellerId: m.seller_id,
      origin: m.origin,
      components: (parts.get(m.id) ?? []).sort(byCodeUnits).join(","),
    }))
    .sort((a, b) => byCodeUnits(a.channelSku, b.channelSku) || byCodeUnits(a.sellerId, b.sellerId));
}

/** Audit JSON of an operation: each state must be what JSON.stringify makes of it (writeMappings). */
export async function expectAuditJson(db: Db, operationId: string): Promise<void> {
  const rows = await db
    .selectFrom("audit_entries")
    .select(["before", "after"])
    .where("operation_id", "=", operationId)
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  for (const json of rows.flatMap((e) => [e.before, e.after])) {
    if (json === null) continue;
    const parsed = JSON.parse(json);
    expect(json).toBe(
      JSON.stringify({ origin: parsed.origin, components: sortComponents(parsed.components) }),
    );
  }
}
