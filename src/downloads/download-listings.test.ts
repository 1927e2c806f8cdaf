import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dialects } from "../../test/support/test-database.ts";
import { createProduct } from "../catalog/create-product.ts";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import type { ChannelFileFormat, ReadResult } from "../channel-files/types.ts";
import { createChannel } from "../channels/create-channel.ts";
import { getCoverage } from "../mappings/coverage.ts";
import { listMappings } from "../mappings/list-mappings.ts";
import { getMappingIndex, indexKey } from "../mappings/mapping-index.ts";
import { loadMappingsByListings } from "../mappings/mapping-store.ts";
import { listDownloads } from "./download-history.ts";
import { downloadListings } from "./download-listings.ts";
import { type DownloadTestSetup, importAsCatalog, readFixture, setUpDownloadTest } from "./test-setup.ts";

const fixtures: Array<[string, ChannelFileFormat]> = [
  ["amazon/merchant_listings_all_data_DE_v1.tsv", "amazon"],
  ["shopify/product_template.csv", "shopify"],
  ["shopify/product_template_excel-resaved.csv", "shopify"],
  ["shopify/product_template_legacy.csv", "shopify"],
  ["shopify/products_export_1.csv", "shopify"],
  ["shopify/packt_product_data.csv", "shopify"],
  ["woocommerce/sample_products.csv", "woocommerce"],
  ["magento/import_configurable.csv", "magento"],
  ["magento/catalog_product.csv", "magento"],
  ["etsy/EtsyListingsDownload_en.csv", "etsy"],
  ["etsy/EtsyListingsDownload_it.csv", "etsy"],
];

async function listingRows(t: DownloadTestSetup, channelId = t.channelId) {
  return t.database.db
    .selectFrom("listings")
    .selectAll()
    .where("account_id", "=", t.accountId)
    .where("channel_id", "=", channelId)
    .execute();
}

describe.each(dialects)("listing download on %s", (dialect) => {
  let t: DownloadTestSetup;
  beforeEach(async () => {
    t = await setUpDownloadTest(dialect);
  });
  afterEach(async () => {
    await t.database.close();
  });

  const download = (read: ReadResult, mode: "all" | "since_last" = "all", channelId = t.channelId) =>
    downloadListings(t.database.db, { accountId: t.accountId, channelId, actorUserId: t.userId, mode, read });

  it.each(fixtures)("downloads %s with the counts the file holds", async (path, format) => {
    const read = await readFixture(path, format);
    const summary = await download(read);
    const rows = await listingRows(t);
    const parents = read.listings.filter((l) => l.type === "parent" || !l.sellable).length;
    expect(summary).toMatchObject({
      read: read.listings.length,
      new: read.listings.length,
      changed: 0,
      unchanged: 0,
    });
    expect(rows).toHaveLength(read.listings.length);
    expect(summary.notSellable).toBe(parents);
    expect(summary.unmappable).toBe(read.listings.length - parents);
    expect(summary.autoMappedBySku + summary.autoMappedByBarcode + summary.alreadyMapped).toBe(0);
    // every variation whose parent is in the file points at it
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows.filter((r) => r.type === "variation")) {
      const parentSku = read.listings.find((l) => l.channelSku === row.channel_sku)?.parentChannelSku;
      if (parentSku && read.listings.some((l) => l.channelSku === parentSku)) {
        expect(byId.get(row.parent_id ?? "")?.channel_sku).toBe(parentSku);
      }
    }
    const history = await listDownloads(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      limit: 10,
    });
    expect(history.items.map((h) => h.id)).toEqual([summary.id]);
  });

  it("changes exactly the listings that differ between the two Amazon snapshots (since_last)", async () => {
    const v1 = await readFixture("amazon/merchant_listings_all_data_DE_v1.tsv", "amazon");
    const v2 = await readFixture("amazon/merchant_listings_all_data_DE_v2.tsv", "amazon");
    await download(v1, "since_last");
    const before = new Map((await listingRows(t)).map((r) => [r.channel_sku, r]));
    const summary = await download(v2, "since_last");
    expect(summary).toMatchObject({ read: 40, new: 0, changed: 3, unchanged: 37, missingOnChannel: 0 });
    const after = await listingRows(t);
    const touched = after.filter((r) => r.updated_at !== before.get(r.channel_sku)?.updated_at);
    expect(touched.map((r) => r.channel_sku).sort()).toEqual([
      "0J-3QVQ-PCR5",
      "6C-FN23-5KEO",
      "aosubfasfa22",
    ]);
    const bySku = new Map(after.map((r) => [r.channel_sku, r]));
    expect(bySku.get("0J-3QVQ-PCR5")?.quantity).toBe(6);
    expect(Number(bySku.get("6C-FN23-5KEO")?.price_amount)).toBe(13370);
  });

  it("changes nothing on a second download of the same file", async () => {
    const read = await readFixture("woocommerce/sample_products.csv", "woocommerce");
    await download(read);
    const before = await listingRows(t);
    for (const mode of ["all", "since_last"] as const) {
      const again = await download(read, mode);
      expect(again).toMatchObject({
        new: 0,
        changed: 0,
        unchanged: read.listings.length,
        missingOnChannel: 0,
      });
    }
    expect(await listingRows(t)).toEqual(before);
  });

  it("auto-maps every sellable WooCommerce listing against the same file imported as the catalog", async () => {
    const read = await readFixture("woocommerce/sample_products.csv", "woocommerce");
    const variants = await importAsCatalog(t, read);
    const summary = await download(read);
    const sellable = read.listings.filter((l) => l.sellable && l.type !== "parent");
    expect(variants).toBe(sellable.length);
    expect(summary.autoMappedBySku).toBe(sellable.length);
    expect(summary).toMatchObject({ autoMappedByBarcode: 0, unmappable: 0, ambiguous: 0, alreadyMapped: 0 });
    expect(summary.notSellable).toBe(read.listings.length - sellable.length);
    const rows = await listingRows(t);
    const mappings = await loadMappingsByListings(
      t.database.db,
      t.accountId,
      rows.map((r) => r.id),
    );
    const mappedSkus = rows
      .filter((r) => mappings.has(r.id))
      .map((r) => r.channel_sku)
      .sort();
    expect(mappedSkus).toEqual(sellable.map((l) => l.channelSku).sort());
    for (const kind of ["variable", "grouped", "external"]) {
      const skus = read.listings.filter((l) => l.kind === kind).map((l) => l.channelSku);
      expect(skus.length).toBeGreaterThan(0);
      for (const sku of skus) expect(mappedSkus).not.toContain(sku);
    }
    expect([...mappings.values()].every((m) => m.origin === "auto")).toBe(true);
    const again = await download(read);
    expect(again).toMatchObject({ alreadyMapped: sellable.length, autoMappedBySku: 0, operationId: null });
  });

  it("marks listings gone from a full download missing, flags their mappings, and clears them on return", async () => {
    const read = await readFixture("woocommerce/sample_products.csv", "woocommerce");
    await importAsCatalog(t, read);
    await download(read);
    const gone = read.listings.filter((l) => l.channelSku === "woo-tshirt" || l.channelSku === "woo-single");
    expect(gone).toHaveLength(2);
    const partial = { ...read, listings: read.listings.filter((l) => !gone.includes(l)) };
    const sinceLast = await download(partial, "since_last");
    expect(sinceLast.missingOnChannel).toBe(0);
    const summary = await download(partial, "all");
    expect(summary).toMatchObject({ missingOnChannel: 2, flaggedMappings: 2, changed: 0 });
    expect(
      summary.issues
        .filter((i) => i.code === "MISSING_ON_CHANNEL")
        .map((i) => i.value)
        .sort(),
    ).toEqual(["woo-single", "woo-tshirt"]);
    const missing = (await listingRows(t)).filter((r) => Number(r.missing_on_channel) === 1);
    expect(missing.map((r) => r.channel_sku).sort()).toEqual(["woo-single", "woo-tshirt"]);
    // the flagged mappings say so where mappings are read, and count as mappings with warnings
    const flagged = await listMappings(t.database.db, {
      accountId: t.accountId,
      channelId: t.channelId,
      query: { warning: "MISSING_ON_CHANNEL", limit: 50 },
    });
    expect(flagged.items.map((m) => m.channelSku).sort()).toEqual(["woo-single", "woo-tshirt"]);
    expect(flagged.items[0]?.warnings[0]?.message).toMatch(/was not in the channel's last full download/);
    const coverage = await getCoverage(t.database.db, { accountId: t.accountId, channelId: t.channelId });
    expect(coverage.withWarnings).toBeGreaterThanOrEqual(2);
    const back = await download(read, "all");
    expect(back).toMatchObject({ reappeared: 2, changed: 2, missingOnChannel: 0 });
    expect((await listingRows(t)).filter((r) => Number(r.missing_on_channel) === 1)).toHaveLength(0);
  });

  it("keeps the first of duplicate channel SKUs and names both rows", async () => {
    const csv = "channel_sku,title,quantity\nDUP-1,First,1\nOK-2,Other,2\nDUP-1,Second,3\n";
    const read = await readChannelFile(Buffer.from(csv), { format: "generic" });
    const summary = await download(read);
    expect(summary).toMatchObject({ read: 2, new: 2, skipped: 1 });
    expect(summary.issues[0]).toMatchObject({ row: 4, value: "DUP-1" });
    expect(summary.issues[0]?.reason).toContain("row 2");
    const rows = await listingRows(t);
    expect(rows.find((r) => r.channel_sku === "DUP-1")?.title).toBe("First");
  });

  it("names the file's SKU column for a SKU that repeats once the channel's seller id fills an empty one", async () => {
    const channel = await createChannel(t.database.db, {
      accountId: t.accountId,
      channel: { name: "Seller S1", kind: "sales", platform: "generic", sellerId: "S1" },
    });
    const csv = "Channel SKU,seller_id,title\nDUP-2,,First\nDUP-2,S1,Second\n";
    const read = await readChannelFile(Buffer.from(csv), { format: "generic" });
    const summary = await download(read, "all", channel.id);
    expect(summary.issues).toEqual([
      expect.objectContaining({
        row: 3,
        column: "Channel SKU",
        value: "DUP-2",
        code: "DUPLICATE_CHANNEL_SKU",
      }),
    ]);
    const rows = await listingRows(t, channel.id);
    expect(rows.map((r) => [r.channel_sku, r.title])).toEqual([["DUP-2", "First"]]);
  });

  it("keeps two listings with one ASIN, and a bad-check-digit barcode as text that never matches", async () => {
    await createProduct(t.database.db, {
      accountId: t.accountId,
      input: { name: "Catalog item", variants: [{ sku: "INTERNAL-1", barcode: "4006381333931" }] },
    });
    const csv = [
      "channel_sku,external_id,barcode,title",
      "A-1,B000ASIN01,,One",
      "A-2,B000ASIN01,,Two",
      "A-3,,4006381333932,Bad check digit",
      "A-4,,4006381333931,Good barcode",
    ].join("\n");
    const read = await readChannelFile(Buffer.from(csv), { format: "generic" });
    const summary = await download(read);
    expect(summary).toMatchObject({ new: 4, autoMappedByBarcode: 1, unmappable: 3 });
    const rows = new Map((await listingRows(t)).map((r) => [r.channel_sku, r]));
    expect(rows.get("A-1")?.external_id).toBe("B000ASIN01");
    expect(rows.get("A-2")?.external_id).toBe("B000ASIN01");
    expect(rows.get("A-3")).toMatchObject({ barcode: "4006381333932", barcode_gtin: null });
    const mappings = await loadMappingsByListings(
      t.database.db,
      t.accountId,
      [...rows.values()].map((r) => r.id),
    );
    expect(mappings.has(rows.get("A-3")?.id ?? "")).toBe(false);
    expect(mappings.has(rows.get("A-4")?.id ?? "")).toBe(true);
  });

  it("reports a barcode shared by two variants as ambiguous and maps nothing", async () => {
    for (const sku of ["V-1", "V-2"]) {
      await createProduct(t.database.db, {
        accountId: t.accountId,
        input: { name: sku, variants: [{ sku, barcode: "012345678905" }] },
      });
    }
    const read = await readChannelFile(Buffer.from("channel_sku,barcode\nL-1,0012345678905\n"), {
      format: "generic",
    });
    const summary = await download(read);
    expect(summary).toMatchObject({ ambiguous: 1, autoMappedByBarcode: 0, operationId: null });
    expect(summary.issues.some((i) => i.code === "AMBIGUOUS_MATCH")).toBe(true);
  });

  it("keeps a mapped listing's type when the file now calls it a parent, and says so", async () => {
    await createProduct(t.database.db, { accountId: t.accountId, input: { name: "Mug", sku: "KEEP-1" } });
    const first = await readChannelFile(Buffer.from("channel_sku,title\nKEEP-1,Mug\n"), {
      format: "generic",
    });
    expect(await download(first)).toMatchObject({ autoMappedBySku: 1 });
    const asParent = await readChannelFile(
      Buffer.from("channel_sku,title,type\nKEEP-1,Mug family,parent\n"),
      {
        format: "generic",
      },
    );
    const summary = await download(asParent);
    expect(summary.issues).toContainEqual(
      expect.objectContaining({ code: "LISTING_MAPPED", value: "parent" }),
    );
    const [row] = await listingRows(t);
    expect(row).toMatchObject({ channel_sku: "KEEP-1", type: "single", title: "Mug family" });
    expect((await loadMappingsByListings(t.database.db, t.accountId, [row?.id ?? ""])).size).toBe(1);
  });

  it("brings a cached mapping index forward to the parents a download makes or unmakes", async () => {
    const scope = { accountId: t.accountId, channelId: t.channelId };
    const read = (text: string) => readChannelFile(Buffer.from(text), { format: "generic" });
    const statusOf = async (sku: string) => {
      const index = await getMappingIndex(t.database.db, scope);
      return index.entries.get(indexKey(index.sellerId, sku))?.status;
    };
    await download(await read("channel_sku,title,type\nFAM-1,Family,single\n"));
    expect(await statusOf("FAM-1")).toBeUndefined(); // cached: an unmapped single is not in it
    await download(await read("channel_sku,title,type\nFAM-1,Family,parent\nFAM-2,Other,parent\n"));
    expect([await statusOf("FAM-1"), await statusOf("FAM-2")]).toEqual([
      "parent_not_sellable",
      "parent_not_sellable",
    ]);
    await download(await read("channel_sku,title,type\nFAM-1,Family,single\nFAM-2,Other,parent\n"));
    expect([await statusOf("FAM-1"), await statusOf("FAM-2")]).toEqual([undefined, "parent_not_sellable"]);
  });

  it("writes nothing when a row is invalid", async () => {
    const read = await readChannelFile(Buffer.from("channel_sku,title\nGOOD,ok\n"), { format: "generic" });
    const bad = {
      ...read,
      listings: [...read.listings, { ...read.listings[0]!, channelSku: "BAD\u0007", row: 3 }],
    };
    await expect(download(bad)).rejects.toMatchObject({ code: "INVALID_SKU", details: { row: 3 } });
    expect(await listingRows(t)).toHaveLength(0);
  });
});
