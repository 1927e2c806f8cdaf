import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dialects } from "../../test/support/test-database.ts";
import { createProduct } from "../catalog/create-product.ts";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import { downloadListings } from "../downloads/download-listings.ts";
import { type DownloadTestSetup, setUpDownloadTest } from "../downloads/test-setup.ts";
import { loadMappingsByListings } from "../mappings/mapping-store.ts";
import { undoOperation } from "../operations/undo-operation.ts";
import { acceptSuggestions } from "./accept-suggestions.ts";
import { findSuggestions } from "./find-suggestions.ts";

const listingsCsv = [
  "channel_sku,barcode,title",
  "ab12,,Something",
  "L-2,4006381333931,Bottle",
  "L-3,012345678905,Beanie",
  "L-4,,Blue Hoodie with Zip",
  "L-5,,Unrelated thing",
].join("\n");

describe.each(dialects)("suggestions on %s", (dialect) => {
  let t: DownloadTestSetup;
  beforeEach(async () => {
    t = await setUpDownloadTest(dialect);
    const read = await readChannelFile(Buffer.from(listingsCsv), { format: "generic" });
    // listings first, catalog second: nothing is auto-mapped, everything is left to suggestions
    await downloadListings(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      actorUserId: t.userId,
      mode: "all",
      read,
    });
    const products = [
      { name: "Hoodie", variants: [{ sku: "AB-12", name: "Blue Hoodie with Zip" }] },
      { name: "Bottle", variants: [{ sku: "CD34", barcode: "04006381333931" }] },
      {
        name: "Beanie",
        variants: [
          { sku: "BEANIE-1", barcode: "012345678905" },
          { sku: "BEANIE-2", barcode: "0012345678905" },
        ],
      },
    ];
    for (const input of products) await createProduct(t.database.db, { accountId: t.accountId, input });
    await createProduct(t.database.db, { accountId: t.otherAccountId, input: { name: "Other", sku: "L-5" } });
  });
  afterEach(async () => {
    await t.database.close();
  });

  const suggest = (minScore?: number) =>
    findSuggestions(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      limit: 50,
      ...(minScore === undefined ? {} : { minScore }),
    });

  it("ranks candidates with reasons and leaves out listings without one", async () => {
    const page = await suggest();
    const bySku = new Map(page.items.map((i) => [i.channelSku, i]));
    expect([...bySku.keys()].sort()).toEqual(["L-2", "L-3", "L-4", "ab12"]);
    expect(bySku.get("ab12")?.candidates[0]).toMatchObject({ sku: "AB-12", score: 0.9 });
    expect(bySku.get("ab12")?.candidates[0]?.reasons[0]?.code).toBe("sku_normalized");
    // the GTIN (EAN-13 vs GTIN-14 form) plus the product name "Bottle" as a second, independent reason
    expect(bySku.get("L-2")?.candidates[0]).toMatchObject({ sku: "CD34", score: 0.98 });
    expect(bySku.get("L-2")?.candidates[0]?.reasons.map((r) => r.code)).toEqual(["barcode_gtin", "title"]);
    expect(bySku.get("L-3")?.tie).toBe(true);
    expect(bySku.get("L-3")?.candidates.map((c) => c.sku)).toEqual(["BEANIE-1", "BEANIE-2"]);
    expect(bySku.get("L-4")?.candidates[0]?.reasons[0]?.code).toBe("title");
    // another account's variant with the same SKU is never a candidate
    expect(bySku.has("L-5")).toBe(false);
    expect(page.nextCursor).toBeNull();
    const strict = await suggest(0.9);
    expect(strict.items.map((i) => i.channelSku).sort()).toEqual(["L-2", "L-3", "ab12"]);
  });

  it("pages with a cursor", async () => {
    const first = await findSuggestions(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      limit: 2,
    });
    expect(first.nextCursor).not.toBeNull();
    const second = await findSuggestions(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      limit: 50,
      cursor: first.nextCursor ?? undefined,
    });
    const all = [...first.items, ...second.items].map((i) => i.channelSku).sort();
    expect(all).toEqual(["L-2", "L-3", "L-4", "ab12"]);
  });

  it("accepts all above a score as one undoable operation, skipping ties", async () => {
    const result = await acceptSuggestions(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      actorUserId: t.userId,
      allAboveScore: 0.9,
    });
    expect(result.created).toBe(2);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]).toMatchObject({ channelSku: "L-3" });
    expect(result.skipped[0]?.variantIds).toHaveLength(2);
    const left = await suggest();
    expect(left.items.map((i) => i.channelSku).sort()).toEqual(["L-3", "L-4"]);

    await undoOperation(t.database.db, {
      accountId: t.accountId,
      operationId: result.operationId ?? "",
      actorUserId: t.userId,
    });
    const back = await suggest();
    expect(back.items).toHaveLength(4);
  });

  it("accepts chosen pairs, including one side of a tie, and skips mapped listings", async () => {
    const page = await suggest();
    const tie = page.items.find((i) => i.channelSku === "L-3");
    const choice = { listingId: tie?.listingId ?? "", variantId: tie?.candidates[1]?.variantId ?? "" };
    const result = await acceptSuggestions(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      actorUserId: t.userId,
      accept: [choice],
    });
    expect(result).toMatchObject({ created: 1, skipped: [] });
    const mapping = (await loadMappingsByListings(t.database.db, t.accountId, [choice.listingId])).get(
      choice.listingId,
    );
    expect(mapping).toMatchObject({
      origin: "manual",
      components: [{ variantId: choice.variantId, quantity: 1 }],
    });
    const again = await acceptSuggestions(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      actorUserId: t.userId,
      accept: [choice],
    });
    expect(again).toMatchObject({ operationId: null, created: 0 });
    expect(again.skipped[0]?.reason).toContain("mapped already");
  });

  it("rejects a variant of another account and writes nothing", async () => {
    const page = await suggest();
    const other = await createProduct(t.database.db, {
      accountId: t.otherAccountId,
      input: { name: "X", sku: "X-1" },
    });
    const listingId = page.items[0]?.listingId ?? "";
    await expect(
      acceptSuggestions(t.database.db, {
        accountId: t.accountId,
        channelId: t.channelId,
        actorUserId: t.userId,
        accept: [
          {
            listingId: page.items[1]?.listingId ?? "",
            variantId: page.items[1]?.candidates[0]?.variantId ?? "",
          },
          { listingId, variantId: other.variants[0]?.id ?? "" },
        ],
      }),
    ).rejects.toMatchObject({ code: "VARIANT_NOT_FOUND" });
    expect((await suggest()).items).toHaveLength(4);
  });
});
