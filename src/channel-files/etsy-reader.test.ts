import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readChannelFile } from "./read-channel-file.ts";
import type { DownloadedListing } from "./types.ts";

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));
const bySku = (listings: DownloadedListing[], sku: string) =>
  listings.find((listing) => listing.channelSku === sku);

describe("Etsy listings download", () => {
  it("splits each multi-SKU listing into a parent and its variations (English export)", async () => {
    const result = await readChannelFile(fixture("etsy/EtsyListingsDownload_en.csv"), { format: "etsy" });
    expect(result.rowsRead).toBe(92);
    expect(result.issues).toEqual([]);
    const types = result.listings.map((listing) => listing.type);
    expect(types.filter((type) => type === "single")).toHaveLength(9);
    expect(types.filter((type) => type === "parent")).toHaveLength(83);
    expect(types.filter((type) => type === "variation")).toHaveLength(1012);
  });

  it("names the parent after its first SKU and gives each variation its option values", async () => {
    const { listings } = await readChannelFile(fixture("etsy/EtsyListingsDownload_en.csv"), {
      format: "etsy",
    });
    expect(listings[0]).toEqual({
      channelSku: "parent:66F927A9CDAD6_5436",
      type: "parent",
      sellable: false,
      title: "I Eat Cat-Unisex Sweatshirt",
      price: { amount: 3999, currency: "USD" },
      quantity: 80919,
      row: 2,
    });
    const children = listings.filter((listing) => listing.parentChannelSku === "parent:66F927A9CDAD6_5436");
    expect(children).toHaveLength(96); // 12 colours x 8 sizes
    expect(children[0]).toMatchObject({
      channelSku: "66F927A9CDAD6_5436",
      options: { "Primary color": "Black", Size: "S" },
      title: "I Eat Cat-Unisex Sweatshirt - Black / S",
    });
    expect(children[95]?.options).toEqual({ "Primary color": "Light Pink", Size: "5X" });
    expect(bySku(listings, "66F927AB7799D_")?.type).toBe("variation");
    expect(bySku(listings, "12529011997255851358")).toMatchObject({
      type: "single",
      price: { amount: 1399, currency: "USD" },
      quantity: 999,
      row: 27,
    });
  });

  it("reads the Italian export's localised headers", async () => {
    const result = await readChannelFile(fixture("etsy/EtsyListingsDownload_it.csv"), { format: "etsy" });
    expect(result.rowsRead).toBe(27);
    expect(result.issues).toEqual([]);
    expect(result.listings).toHaveLength(27);
    expect(result.listings.every((listing) => listing.type === "single")).toBe(true);
    expect(result.listings[0]).toEqual({
      channelSku: "32",
      type: "single",
      sellable: true,
      title: "Saggar pottery vase with smoky grey textures and copper marks",
      price: { amount: 4600, currency: "EUR" },
      quantity: 1,
      row: 2,
    });
  });

  it("leaves options out when the SKU count does not match the value combinations, and skips empty SKUs", async () => {
    const csv = [
      "TITLE,PRICE,CURRENCY_CODE,QUANTITY,VARIATION 1 TYPE,VARIATION 1 NAME,VARIATION 1 VALUES,IMAGE1,SKU",
      'Mug,9.50,EUR,4,Color,Color,"Red,Blue,Green",,"M-1,M-2"',
      'Cup,5,EUR,2,Color,Color,"Red,Blue",,"C-1,"',
      "Plate,3,EUR,1,,,,,",
    ].join("\n");
    const result = await readChannelFile(Buffer.from(csv), { format: "etsy" });
    expect(result.listings.map((listing) => [listing.channelSku, listing.type, listing.options])).toEqual([
      ["parent:M-1", "parent", undefined],
      ["M-1", "variation", undefined],
      ["M-2", "variation", undefined],
      ["parent:C-1", "parent", undefined],
      ["C-1", "variation", { Color: "Red" }],
    ]);
    expect(result.issues).toEqual([
      { row: 3, column: "SKU", reason: "no SKU for variant 2 of the listing", severity: "skipped" },
      { row: 4, column: "SKU", reason: "no SKU", severity: "skipped" },
    ]);
  });
});
