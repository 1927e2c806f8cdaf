import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readChannelFile } from "./read-channel-file.ts";
import type { DownloadedListing, ReadIssue } from "./types.ts";

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));
const read = (path: string) => readChannelFile(fixture(`shopify/${path}`), { format: "shopify" });

function countTypes(listings: DownloadedListing[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const listing of listings) counts[listing.type] = (counts[listing.type] ?? 0) + 1;
  return counts;
}

function countReasons(issues: ReadIssue[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const issue of issues) {
    const key = `${issue.severity}: ${issue.reason.replace(/".*"/, "SKU").replace(/row \d+/g, "row N")}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const bySku = (listings: DownloadedListing[], sku: string) =>
  listings.find((listing) => listing.channelSku === sku);

describe("Shopify product export", () => {
  it("reads the admin export: 2 products with variants, 3 singles, image-only rows skipped", async () => {
    const result = await read("products_export_1.csv");
    expect(result.rowsRead).toBe(61);
    expect(countTypes(result.listings)).toEqual({ parent: 2, variation: 8, single: 3 });
    expect(countReasons(result.issues)).toEqual({
      "skipped: image-only row (no variant data)": 47,
      "error: SKU SKU is also on row N with different data; row N was kept and row N left out": 3,
    });
  });

  it("keeps the first of a SKU used under two handles and names both rows", async () => {
    const result = await read("products_export_1.csv");
    const duplicates = result.issues.filter((issue) => issue.severity === "error");
    expect(duplicates.map((issue) => [issue.row, issue.value])).toEqual([
      [50, "stmw-med-neutral-backroom-1oz-usa"],
      [53, "stmw-med-neutral-citrus-1oz-usa"],
      [54, "stmw-med-neutral-bayrum-1oz-usa"],
    ]);
    expect(duplicates[0]?.reason).toContain("row 3");
    expect(bySku(result.listings, "stmw-med-neutral-backroom-1oz-usa")).toMatchObject({
      parentChannelSku: "mustache-wax",
      row: 3,
    });
  });

  it("takes options, apostrophe-free barcodes, prices, quantities, category and status", async () => {
    const result = await readChannelFile(fixture("shopify/products_export_1.csv"), {
      format: "shopify",
      currency: "USD",
    });
    expect(bySku(result.listings, "mustache-wax")).toEqual({
      channelSku: "mustache-wax",
      type: "parent",
      sellable: false,
      title: "Mustache Wax",
      category: "Uncategorized",
      status: "active",
      row: 2,
    });
    expect(bySku(result.listings, "og1oz-light-black-usa")).toMatchObject({
      type: "variation",
      sellable: true,
      parentChannelSku: "mustache-wax",
      options: { size: "1 Ounce (Pack of 1)", style: "Medium Hold - Citrus Scent - Light Black" },
      barcode: "0850064060010",
      price: { amount: 1599, currency: "USD" },
      quantity: 0,
      row: 2,
    });
    expect(bySku(result.listings, "og1oz-dark-black-usa")).toMatchObject({
      type: "single",
      status: "inactive",
      barcode: "0850064060027",
    });
    expect(bySku(result.listings, "original-1oz")).toMatchObject({
      type: "single",
      quantity: 38,
      barcode: "850064060003",
      price: { amount: 1499, currency: "USD" },
      row: 57,
    });
    const kent = result.listings.filter((listing) => listing.parentChannelSku?.startsWith("kent-x-small"));
    expect(kent.map((listing) => [listing.channelSku, listing.options])).toEqual([
      ["kent-81t-tortoiseshell-usa", { color: "A-Tortoiseshell", size: "1 Pack" }],
    ]);
  });

  it("reads the template: 2 products with 15 variants, one Default Title single, one image row", async () => {
    const result = await read("product_template.csv");
    expect(result.rowsRead).toBe(17);
    expect(countTypes(result.listings)).toEqual({ parent: 2, variation: 15, single: 1 });
    expect(result.issues).toEqual([
      { row: 17, reason: "image-only row (no variant data)", severity: "skipped" },
    ]);
    expect(bySku(result.listings, "SRT_COT_111")).toMatchObject({
      parentChannelSku: "example-shirt",
      options: { Color: "Green", Size: "S" },
      barcode: "365275101829",
      price: { amount: 2500 },
      status: "active",
    });
    expect(bySku(result.listings, "PNT_DEN_405")).toMatchObject({
      options: { Size: "40" },
      quantity: 10,
      status: "inactive",
      category: "Apparel & Accessories > Clothing > Pants > Jeans",
    });
    expect(bySku(result.listings, "HAT_GRY_275")).toMatchObject({
      type: "single",
      title: "Example Beanie",
      price: { amount: 1799 },
      quantity: 50,
      barcode: "122327648356",
      status: "inactive",
    });
  });

  it("drops the barcodes an Excel round-trip turned into scientific notation, with an issue each", async () => {
    const result = await read("product_template_excel-resaved.csv");
    expect(countTypes(result.listings)).toEqual({ parent: 2, variation: 15, single: 1 });
    expect(result.listings.some((listing) => listing.barcode !== undefined)).toBe(false);
    const lost = result.issues.filter((issue) => issue.column === "Variant Barcode");
    expect(lost).toHaveLength(16);
    expect(lost[0]).toMatchObject({ row: 2, value: "3.65275E+11", severity: "error" });
    expect(result.issues.filter((issue) => issue.severity === "skipped")).toEqual([
      { row: 17, reason: "image-only row (no variant data)", severity: "skipped" },
    ]);
  });

  it("reads the legacy template (no Status column): status from Published, the SKU-less variant skipped", async () => {
    const result = await read("product_template_legacy.csv");
    expect(result.rowsRead).toBe(3);
    expect(result.listings.map((listing) => [listing.channelSku, listing.type, listing.options])).toEqual([
      ["example-t-shirt", "parent", undefined],
      ["example-shirt-s", "variation", { Title: "Small" }],
      ["example-shirt-m", "variation", { Title: "Medium" }],
    ]);
    expect(result.listings.every((listing) => listing.status === "active")).toBe(true);
    expect(bySku(result.listings, "example-shirt-s")?.price).toEqual({ amount: 1999 });
    expect(result.issues).toEqual([{ row: 2, column: "Variant SKU", reason: "no SKU", severity: "skipped" }]);
  });

  it("yields nothing from the demo store export, whose 21 variants all lack a SKU", async () => {
    const result = await read("packt_product_data.csv");
    expect(result.rowsRead).toBe(21);
    expect(result.listings).toEqual([]);
    expect(result.issues).toHaveLength(21);
    expect(result.issues.every((issue) => issue.reason === "no SKU" && issue.severity === "skipped")).toBe(
      true,
    );
  });

  it("refuses a WooCommerce export declared as Shopify", async () => {
    const failure = await readChannelFile(fixture("woocommerce/sample_products.csv"), {
      format: "shopify",
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: "FILE_FORMAT_MISMATCH",
      details: { expected: "shopify", detected: "woocommerce" },
    });
  });
});
