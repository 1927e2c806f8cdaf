import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readChannelFile } from "./read-channel-file.ts";
import type { DownloadedListing } from "./types.ts";

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));
const read = (path: string) =>
  readChannelFile(fixture(`magento/${path}`), { format: "magento", currency: "USD" });
const bySku = (listings: DownloadedListing[], sku: string) =>
  listings.find((listing) => listing.channelSku === sku);

describe("Magento product export", () => {
  it("reads the sample file: 3 simple, 1 grouped, 2 bundles", async () => {
    const result = await read("catalog_product.csv");
    expect(result.rowsRead).toBe(6);
    expect(result.issues).toEqual([]);
    expect(
      result.listings.map((listing) => [listing.channelSku, listing.type, listing.kind, listing.sellable]),
    ).toEqual([
      ["24-WG085", "single", "simple", true],
      ["24-WG086", "single", "simple", true],
      ["24-WG087", "single", "simple", true],
      ["24-WG085_Group", "parent", "grouped", false],
      ["24-WG085-bundle-dynamic", "bundle", "bundle", true],
      ["24-WG085-bundle-fixed", "bundle", "bundle", true],
    ]);
    expect(bySku(result.listings, "24-WG085")).toEqual({
      channelSku: "24-WG085",
      type: "single",
      sellable: true,
      kind: "simple",
      title: "Sprite Yoga Strap 6 foot",
      category: "Default Category/Gear",
      price: { amount: 1400, currency: "USD" },
      quantity: 100,
      status: "active",
      updatedAt: "2015-10-25T03:34:20.000Z",
      row: 2,
    });
  });

  it("reads grouped members from associated_skus and bundle components from the default selections", async () => {
    const { listings } = await read("catalog_product.csv");
    expect(bySku(listings, "24-WG085_Group")?.components).toEqual([
      { channelSku: "24-WG085", quantity: 5 },
      { channelSku: "24-WG086", quantity: 5 },
    ]);
    expect(bySku(listings, "24-WG085-bundle-dynamic")?.components).toEqual([
      { channelSku: "24-WG086", quantity: 1 },
    ]);
    expect(bySku(listings, "24-WG085-bundle-fixed")?.components).toEqual([
      { channelSku: "24-WG086", quantity: 3 },
    ]);
  });

  it("turns a configurable into a parent of the variations it names, SKUs with spaces kept", async () => {
    const result = await read("import_configurable.csv");
    expect(result.rowsRead).toBe(3);
    expect(result.issues).toEqual([]);
    expect(
      result.listings.map((listing) => [listing.channelSku, listing.type, listing.parentChannelSku]),
    ).toEqual([
      ["Configurable 1-Option 1", "variation", "Configurable 1"],
      ["Configurable 1-Option 2", "variation", "Configurable 1"],
      ["Configurable 1", "parent", undefined],
    ]);
    expect(bySku(result.listings, "Configurable 1-Option 2")).toMatchObject({
      options: { test_configurable: "Option 2" },
      quantity: 99999,
      price: { amount: 1000 },
      sellable: true,
    });
    expect(bySku(result.listings, "Configurable 1")).toMatchObject({ kind: "configurable", sellable: false });
  });

  it("keeps a purely numeric parent SKU as text", async () => {
    const { listings } = await read("import_configurable_12345.csv");
    expect(listings.map((listing) => listing.channelSku)).toEqual([
      "Configurable 1-Option 1",
      "Configurable 1-Option 2",
      "12345",
    ]);
    expect(listings.filter((listing) => listing.parentChannelSku === "12345")).toHaveLength(2);
  });

  it("skips store-view rows and reports a bad quantity", async () => {
    const csv = [
      "sku,store_view_code,attribute_set_code,product_type,name,price,qty,product_online",
      'A-1,,Default,simple,Widget,"1.234,56",5.0000,1',
      "A-1,de,Default,simple,Widget DE,,,",
      "A-2,,Default,virtual,Service,9.99,1.5,2",
    ].join("\n");
    const result = await readChannelFile(Buffer.from(csv), { format: "magento" });
    expect(
      result.listings.map((listing) => [listing.channelSku, listing.price?.amount, listing.quantity]),
    ).toEqual([
      ["A-1", 123456, 5],
      ["A-2", 999, undefined],
    ]);
    expect(bySku(result.listings, "A-2")?.status).toBe("inactive");
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 3, value: "de", severity: "skipped" }),
      expect.objectContaining({ row: 4, column: "qty", value: "1.5", severity: "error" }),
    ]);
  });
});
