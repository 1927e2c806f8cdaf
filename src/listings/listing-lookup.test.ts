// The listing lookups other areas use, on SQLite and PostgreSQL: ensureListing under concurrency,
// lookups by SKU (more than one chunk) and by id, children of a parent, account isolation.
import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createChannel } from "../channels/create-channel.ts";
import { createListing } from "./create-listing.ts";
import {
  ensureListing,
  findListingsBySkus,
  getListing,
  getListingsByIds,
  listChildListings,
} from "./listing-lookup.ts";

describe.each(dialects)("listing lookups on %s", (dialect) => {
  let database: TestDatabase;
  let accountId: string;
  let otherAccountId: string;
  let channelId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const user = await createUser(database.db, { email: "lookup@example.com", password: "correct horse" });
    accountId = (await createAccount(database.db, { name: "A", ownerUserId: user.id })).id;
    otherAccountId = (await createAccount(database.db, { name: "B", ownerUserId: user.id })).id;
    const channel = await createChannel(database.db, {
      accountId,
      channel: { name: "Shop", kind: "sales", platform: "shopify", sellerId: "S1" },
    });
    channelId = channel.id;
  });
  afterAll(async () => {
    await database.close();
  });

  it("creates exactly one listing when 30 callers ensure the same SKU at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        ensureListing(database.db, { accountId, channelId, channelSku: " RACE-1 " }),
      ),
    );
    const rows = await database.db
      .selectFrom("listings")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("channel_sku", "=", "RACE-1")
      .execute();
    expect(rows).toHaveLength(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.listing.id))).toEqual(new Set([rows[0]?.id]));
    expect(results[0]?.listing).toMatchObject({ sellerId: "S1", channelSku: "RACE-1", type: "single" });
  });

  it("returns the existing listing without changing it", async () => {
    const first = await ensureListing(database.db, {
      accountId,
      channelId,
      channelSku: "KEEP",
      type: "bundle",
    });
    const again = await ensureListing(database.db, { accountId, channelId, channelSku: "KEEP" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ listing: first.listing, created: false });
    expect(again.listing.type).toBe("bundle");
  });

  it("rejects a control character and an unknown or foreign channel", async () => {
    await expect(
      ensureListing(database.db, { accountId, channelId, channelSku: "A\u0001" }),
    ).rejects.toMatchObject({
      code: "INVALID_SKU",
      details: { field: "channelSku" },
    });
    await expect(
      ensureListing(database.db, { accountId: otherAccountId, channelId, channelSku: "X" }),
    ).rejects.toMatchObject({ code: "CHANNEL_NOT_FOUND" });
  });

  it("finds listings by SKU across several chunks and by id, never across accounts", async () => {
    const skus = Array.from({ length: 1100 }, (_, i) => `BULK-${String(i).padStart(4, "0")}`);
    await database.db.transaction().execute(async (trx) => {
      for (const sku of skus) await ensureListing(trx, { accountId, channelId, channelSku: sku });
    });
    const found = await findListingsBySkus(database.db, {
      accountId,
      channelId,
      sellerId: "S1",
      channelSkus: [...skus, "MISSING"],
    });
    expect(found.size).toBe(1100);
    expect(found.has("MISSING")).toBe(false);
    const otherSeller = await findListingsBySkus(database.db, {
      accountId,
      channelId,
      sellerId: "S2",
      channelSkus: skus,
    });
    expect(otherSeller.size).toBe(0);

    const ids = [...found.values()].map((l) => l.id);
    const byId = await getListingsByIds(database.db, accountId, ids);
    expect(byId.size).toBe(1100);
    const foreign = await getListingsByIds(database.db, otherAccountId, ids);
    expect(foreign.size).toBe(0);
    const one = ids[0] ?? "";
    expect((await getListing(database.db, accountId, channelId, one)).channelSku).toBe("BULK-0000");
    await expect(getListing(database.db, otherAccountId, channelId, one)).rejects.toMatchObject({
      code: "LISTING_NOT_FOUND",
    });
  });

  it("lists the variations of a parent", async () => {
    const parent = await createListing(database.db, {
      accountId,
      channelId,
      listing: { channelSku: "FAMILY", type: "parent" },
    });
    for (const sku of ["FAMILY-RED", "FAMILY-BLUE"]) {
      await createListing(database.db, {
        accountId,
        channelId,
        listing: { channelSku: sku, type: "variation", parentChannelSku: "FAMILY" },
      });
    }
    const children = await listChildListings(database.db, accountId, parent.id);
    expect(children.map((c) => c.channelSku)).toEqual(["FAMILY-RED", "FAMILY-BLUE"]);
    expect(children.every((c) => c.parentId === parent.id && c.type === "variation")).toBe(true);
    expect(await listChildListings(database.db, otherAccountId, parent.id)).toEqual([]);
  });

  it("finds a parent's variations through the partial listings_parent index", async () => {
    const query = database.db
      .selectFrom("listings")
      .select("id")
      .where("account_id", "=", accountId)
      .where("parent_id", "=", "P1")
      .compile();
    const plan = await database.db.transaction().execute(async (trx) => {
      if (dialect === "postgres") await sql`set local enable_seqscan = off`.execute(trx);
      const explain = dialect === "sqlite" ? "explain query plan" : "explain";
      const result = await trx.executeQuery<Record<string, string>>(
        CompiledQuery.raw(`${explain} ${query.sql}`, [...query.parameters]),
      );
      return result.rows.map((row) => Object.values(row).join(" ")).join("\n");
    });
    expect(plan).toContain("listings_parent");
    expect(plan).not.toContain("Seq Scan");
  });
});
