import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readChannelFile } from "./read-channel-file.ts";
import type { DownloadedListing } from "./types.ts";

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));
const sample = fixture("woocommerce/sample_products.csv");
const bySku = (listings: DownloadedListing[], sku: string) =>
  listings.find((listing) => listing.channelSku === sku);

function countShapes(listings: DownloadedListing[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const listing of listings) {
    const key = `${listing.type}/${listing.kind}${listing.sellable ? "" : " (not sellable)"}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe("WooCommerce product export", () => {
  it("reads the 25 products of the sample by type", async () => {
    const result = await readChannelFile(sample, { format: "woocommerce", currency: "USD" });
    expect(result.rowsRead).toBe(25);
    expect(result.issues).toEqual([]);
    expect(countShapes(result.listings)).toEqual({
      "single/simple": 14,
      "single/external (not sellable)": 1,
      "parent/variable (not sellable)": 2,
      "parent/grouped (not sellable)": 1,
      "variation/variation": 7,
    });
    expect(result.listings.filter((listing) => listing.sellable)).toHaveLength(21);
  });

  it("links variations to their parent SKU with their attribute values as options", async () => {
    const { listings } = await readChannelFile(sample, { format: "woocommerce", currency: "USD" });
    expect(bySku(listings, "woo-hoodie-red")).toEqual({
      channelSku: "woo-hoodie-red",
      type: "variation",
      sellable: true,
      kind: "variation",
      parentChannelSku: "woo-hoodie",
      title: "Hoodie - Red, No",
      category: "Clothing > Hoodies",
      externalId: "79",
      // Sale price 42 wins over the regular 45.
      price: { amount: 4200, currency: "USD" },
      status: "active",
      options: { Color: "Red", Logo: "No" },
      row: 19,
    });
    // An empty Size means "any size": it is not an option value.
    expect(bySku(listings, "woo-vneck-tee-blue")).toMatchObject({
      parentChannelSku: "woo-vneck-tee",
      options: { Color: "Blue" },
      price: { amount: 1500 },
    });
    const children = listings.filter((listing) => listing.parentChannelSku === "woo-hoodie");
    expect(children.map((listing) => listing.channelSku)).toEqual([
      "woo-hoodie-red",
      "woo-hoodie-green",
      "woo-hoodie-blue",
      "woo-hoodie-blue-logo",
    ]);
  });

  it("reads singles, the grouped and the external product as the file states them", async () => {
    const { listings } = await readChannelFile(sample, { format: "woocommerce" });
    expect(bySku(listings, "woo-album")).toMatchObject({ type: "single", kind: "simple", category: "Music" });
    expect(bySku(listings, "Woo-tshirt-logo")).toMatchObject({ type: "single", price: { amount: 1800 } });
    expect(bySku(listings, "logo-collection")).toMatchObject({
      type: "parent",
      kind: "grouped",
      sellable: false,
    });
    expect(bySku(listings, "wp-pennant")).toMatchObject({
      type: "single",
      kind: "external",
      sellable: false,
      price: { amount: 1105 },
      category: "Decor",
    });
  });

  it("resolves a Parent given as id:NN, reads Stock and a GTIN column", async () => {
    const csv = [
      "ID,Type,SKU,Name,Published,Stock,Regular price,Sale price,Parent,Attribute 1 name,Attribute 1 value(s),GTIN",
      '10,variable,shirt,Shirt,1,,,,,Size,"S, M",',
      '11,variation,shirt-s,Shirt - S,1,5,"12,50",,id:10,Size,S,4006381333931',
      "12,variation,shirt-m,Shirt - M,0,x,12.50,,id:99,Size,M,",
    ].join("\n");
    const result = await readChannelFile(Buffer.from(csv), { format: "woocommerce" });
    expect(result.listings.map((listing) => [listing.channelSku, listing.parentChannelSku])).toEqual([
      ["shirt", undefined],
      ["shirt-s", "shirt"],
      ["shirt-m", undefined],
    ]);
    expect(bySku(result.listings, "shirt-s")).toMatchObject({
      quantity: 5,
      price: { amount: 1250 },
      barcode: "4006381333931",
      status: "active",
    });
    expect(bySku(result.listings, "shirt-m")).toMatchObject({ status: "inactive" });
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 4, column: "Parent", value: "id:99", severity: "error" }),
      expect.objectContaining({ row: 4, column: "Stock", value: "x", severity: "error" }),
    ]);
  });
});
