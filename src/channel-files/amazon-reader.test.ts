import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentHash } from "./content-hash.ts";
import { readChannelFile } from "./read-channel-file.ts";

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));
const v1 = fixture("amazon/merchant_listings_all_data_DE_v1.tsv");
const v2 = fixture("amazon/merchant_listings_all_data_DE_v2.tsv");

describe("Amazon All Listings report", () => {
  it("reads the 40 listings of the DE report as singles, ignoring the padding bytes at its end", async () => {
    const result = await readChannelFile(v1, { format: "amazon", currency: "EUR" });
    expect(result.rowsRead).toBe(40);
    expect(result.listings).toHaveLength(40);
    expect(result.issues).toEqual([]);
    expect(result.listings.every((listing) => listing.type === "single" && listing.sellable)).toBe(true);
    expect(result.listings.filter((listing) => listing.status === "inactive")).toHaveLength(2);
    expect(result.listings.at(-1)).toMatchObject({ channelSku: "FJ-SGKW-RW17", status: "inactive", row: 41 });
  });

  it("maps seller-sku, item-name, asin1, price in cents, quantity, open-date and status", async () => {
    const result = await readChannelFile(v1, { format: "amazon", currency: "EUR" });
    expect(result.listings[0]).toEqual({
      channelSku: "0J-3QVQ-PCR5",
      type: "single",
      sellable: true,
      // The report writes no-break spaces after "Boxed" and "8MB"; titles are kept exactly.
      title:
        "Intel Core i7-2700K Quad-Core Prozessor Boxed\u00a0(3,5GHz, Sockel 1155, 8MB\u00a0Cache, 95 Watt)",
      externalId: "B005X64OA8",
      price: { amount: 14500, currency: "EUR" },
      quantity: 7,
      status: "active",
      updatedAt: "2020-05-02T03:18:00.000Z",
      fulfillmentChannel: "DEFAULT",
      row: 2,
    });
    const third = result.listings.find((listing) => listing.channelSku === "3B-XU8B-4Y4I");
    expect(third).toMatchObject({
      externalId: "B0012V1K14",
      price: { amount: 4496, currency: "EUR" },
      quantity: 9,
    });
  });

  it("keeps the Amazon-fulfilled listing, which has no quantity, and marks its fulfilment channel", async () => {
    const result = await readChannelFile(v1, { format: "amazon" });
    const fba = result.listings.filter((listing) => listing.fulfillmentChannel === "AMAZON_EU");
    expect(fba).toHaveLength(1);
    expect(fba[0]).toMatchObject({ channelSku: "77-DM2C-P4XL", price: { amount: 499 } });
    expect(fba[0]?.quantity).toBeUndefined();
    expect(fba[0]?.price?.currency).toBeUndefined();
  });

  it("keeps both listings of an ASIN that two SKUs share (three such pairs in the report)", async () => {
    const result = await readChannelFile(v1, { format: "amazon" });
    const byAsin = new Map<string, string[]>();
    for (const listing of result.listings) {
      byAsin.set(listing.externalId!, [...(byAsin.get(listing.externalId!) ?? []), listing.channelSku]);
    }
    const shared = [...byAsin.entries()].filter(([, skus]) => skus.length > 1);
    expect(shared.map(([asin]) => asin).sort()).toEqual(["B004DALW5K", "B009O7YUF6", "B07R7DF47M"]);
  });

  it("sees exactly the two quantity changes and the one price change between v1 and v2", async () => {
    const first = await readChannelFile(v1, { format: "amazon", currency: "EUR" });
    const second = await readChannelFile(v2, { format: "amazon", currency: "EUR" });
    const before = new Map(first.listings.map((listing) => [listing.channelSku, listing]));
    const changed = second.listings.filter((listing) => {
      const old = before.get(listing.channelSku);
      return old === undefined || contentHash(old) !== contentHash(listing);
    });
    expect(second.listings).toHaveLength(40);
    expect(changed.map((listing) => listing.channelSku).sort()).toEqual([
      "0J-3QVQ-PCR5",
      "6C-FN23-5KEO",
      "aosubfasfa22",
    ]);
    const pairs = changed.map((listing) => [before.get(listing.channelSku), listing] as const);
    expect(
      pairs.map(([old, now]) => [old?.quantity, now.quantity, old?.price?.amount, now.price?.amount]),
    ).toEqual([
      [7, 6, 14500, 14500],
      [13, 13, 12237, 13370],
      [2, 1, 34000, 34000],
    ]);
  });

  it("refuses a Shopify export declared as an Amazon report", async () => {
    const shopify = fixture("shopify/products_export_1.csv");
    const failure = await readChannelFile(shopify, { format: "amazon" }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: "FILE_FORMAT_MISMATCH",
      details: { expected: "amazon", detected: "shopify" },
    });
    expect((failure as Error).message).toContain(
      "looks like a Shopify product export, not an Amazon All Listings report",
    );
  });

  it("refuses an Amazon order report declared as an All Listings report", async () => {
    const orders = fixture("amazon/order_report_flatfile_example.tsv");
    const failure = await readChannelFile(orders, { format: "amazon" }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "FILE_FORMAT_MISMATCH", details: { expected: "amazon" } });
    expect((failure as Error).message).toContain("does not look like an Amazon All Listings report");
  });

  it("refuses a report without its seller-sku column", async () => {
    const text = v1.toString("utf8").replace("seller-sku", "merchant-reference");
    const failure = await readChannelFile(Buffer.from(text), { format: "amazon" }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: "MISSING_COLUMN", details: { column: "seller-sku" } });
  });

  it("reports an unreadable price with its row, column and value and keeps the listing", async () => {
    const text = v1.toString("utf8").replace("\t145\t7\t", "\t14x5\t7\t");
    const result = await readChannelFile(Buffer.from(text), { format: "amazon" });
    expect(result.listings).toHaveLength(40);
    expect(result.listings[0]?.price).toBeUndefined();
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 2, column: "price", value: "14x5", severity: "error" }),
    ]);
  });
});
