import { describe, expect, it } from "vitest";
import { contentHash } from "./content-hash.ts";
import { readChannelFile } from "./read-channel-file.ts";

const file = (text: string) => Buffer.from(text);

describe("readChannelFile, generic format", () => {
  it("reads canonical column names in any spelling, semicolon-separated, with German numbers", async () => {
    const csv = [
      "Channel SKU;TITLE;barcode;external-id;Quantity;Price;currency;type;parent_channel_sku;Category",
      "P-1;Shirt;;;;;;parent;;Tops",
      "P-1-S;Shirt S;4006381333931;X9;3;1.234,50;EUR;;P-1;Tops",
    ].join("\r\n");
    const result = await readChannelFile(file(csv), { format: "generic" });
    expect(result.issues).toEqual([]);
    expect(result.listings).toEqual([
      { channelSku: "P-1", type: "parent", sellable: false, title: "Shirt", category: "Tops", row: 2 },
      {
        channelSku: "P-1-S",
        type: "variation",
        sellable: true,
        parentChannelSku: "P-1",
        title: "Shirt S",
        category: "Tops",
        barcode: "4006381333931",
        externalId: "X9",
        quantity: 3,
        price: { amount: 123450, currency: "EUR" },
        row: 3,
      },
    ]);
  });

  it("reads a tab-separated file with a BOM through an explicit column mapping", async () => {
    const tsv = "\uFEFFArtikel\tName\tEAN\tBestand\tPreis\nA-1\tTasse\t'4006381333931\t12\t9,99\n";
    const result = await readChannelFile(file(tsv), {
      format: "generic",
      currency: "EUR",
      columns: { channelSku: "Artikel", title: "Name", barcode: "EAN", quantity: "Bestand", price: "Preis" },
    });
    expect(result.listings).toEqual([
      {
        channelSku: "A-1",
        type: "single",
        sellable: true,
        title: "Tasse",
        barcode: "4006381333931",
        quantity: 12,
        price: { amount: 999, currency: "EUR" },
        row: 2,
      },
    ]);
  });

  it("refuses a file without a SKU column, and a mapping to a header the file lacks", async () => {
    const noSku = await readChannelFile(file("title,price\nMug,3\n"), { format: "generic" }).catch(
      (error: unknown) => error,
    );
    expect(noSku).toMatchObject({ code: "MISSING_COLUMN", details: { column: "channel_sku" } });
    const badMapping = await readChannelFile(file("sku,title\nA,Mug\n"), {
      format: "generic",
      columns: { title: "Name" },
    }).catch((error: unknown) => error);
    expect(badMapping).toMatchObject({ code: "MISSING_COLUMN", details: { column: "Name" } });
  });

  it("reports invalid numbers with row, column and value and keeps the listing", async () => {
    const csv = "sku,quantity,price,type\nA,2.5,abc,single\nB,,,kit\n,1,1,\n";
    const result = await readChannelFile(file(csv), { format: "generic" });
    expect(result.listings).toEqual([{ channelSku: "A", type: "single", sellable: true, row: 2 }]);
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 2, column: "quantity", value: "2.5", severity: "error" }),
      expect.objectContaining({ row: 2, column: "price", value: "abc", severity: "error" }),
      expect.objectContaining({ row: 3, column: "type", value: "kit", severity: "skipped" }),
      { row: 4, column: "sku", reason: "no SKU", severity: "skipped" },
    ]);
    expect(result.rowsRead).toBe(3);
  });

  it("keeps the first of two rows with one SKU and different data, naming both rows and the file's SKU column", async () => {
    const csv = "sku,title,quantity\nA,Mug,1\nB,Cup,2\nA,Mug,5\nB,Cup,2\n";
    const result = await readChannelFile(file(csv), { format: "generic" });
    expect(result.listings.map((listing) => [listing.channelSku, listing.quantity, listing.row])).toEqual([
      ["A", 1, 2],
      ["B", 2, 3],
    ]);
    expect(result.issues).toEqual([
      {
        row: 4,
        column: "sku",
        value: "A",
        reason: 'SKU "A" is also on row 2 with different data; row 2 was kept and row 4 left out',
        severity: "error",
        code: "DUPLICATE_CHANNEL_SKU",
      },
      {
        row: 5,
        column: "sku",
        value: "B",
        reason: "repeats row 3 (same SKU, same data); the repeat was skipped",
        severity: "skipped",
        code: "DUPLICATE_CHANNEL_SKU",
      },
    ]);
  });

  it("keeps one SKU under two seller ids as two listings", async () => {
    const csv = "seller_id,sku\nS1,A\nS2,A\n";
    const result = await readChannelFile(file(csv), { format: "generic" });
    expect(result.listings.map((listing) => listing.sellerId)).toEqual(["S1", "S2"]);
    expect(result.issues).toEqual([]);
  });
});

describe("contentHash", () => {
  it("ignores the row and the order of fields and options, and sees any data change", () => {
    const base = {
      channelSku: "A",
      type: "single" as const,
      sellable: true,
      options: { a: "1", b: "2" },
      row: 2,
    };
    const moved = {
      row: 9,
      options: { b: "2", a: "1" },
      sellable: true,
      type: "single" as const,
      channelSku: "A",
    };
    expect(contentHash(moved)).toBe(contentHash(base));
    expect(contentHash({ ...base, quantity: 1 })).not.toBe(contentHash(base));
    expect(contentHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});
