// Unit tests of translateLines over a hand-built index: expansion, statuses and totals, including
// totals that must not leak from one call into the next (the per-call slot marks).
import { describe, expect, it } from "vitest";
import { type IndexEntry, indexKey, type MappingIndex, type VariantSlot } from "../mappings/mapping-index.ts";
import { translateLines } from "./translate-lines.ts";

function makeIndex(): MappingIndex {
  const slot = (id: string): VariantSlot => ({ variantId: id, sku: id.toUpperCase(), sum: 0, mark: 0 });
  const a = slot("a");
  const b = slot("b");
  const entries = new Map<string, IndexEntry>();
  const add = (entry: IndexEntry) => entries.set(indexKey(entry.sellerId, entry.channelSku), entry);
  add({
    listingId: "l1",
    channelSku: "ONE",
    sellerId: "s",
    type: "single",
    status: "mapped",
    components: [{ variantId: "a", sku: "A", quantity: 1, slot: a }],
  });
  add({
    listingId: "l2",
    channelSku: "KIT",
    sellerId: "s",
    type: "bundle",
    status: "mapped",
    components: [
      { variantId: "a", sku: "A", quantity: 2, slot: a },
      { variantId: "b", sku: "B", quantity: 3, slot: b },
    ],
  });
  add({
    listingId: "l3",
    channelSku: "PARENT",
    sellerId: "s",
    type: "parent",
    status: "parent_not_sellable",
    components: [],
  });
  add({
    listingId: "l4",
    channelSku: "NOSLOT",
    sellerId: "s",
    type: "single",
    status: "mapped",
    components: [{ variantId: "c", sku: "C", quantity: 1 }],
  });
  return {
    accountId: "x",
    channelId: "y",
    version: 1,
    sellerId: "s",
    entries,
    byListing: new Map(),
    slots: new Map(),
  };
}

describe("translateLines", () => {
  const index = makeIndex();

  it("expands bundles, multiplies quantities and totals by SKU in order of first use", () => {
    const result = translateLines(index, [
      { channelSku: "KIT", quantity: 2 },
      { channelSku: "ONE", quantity: 5, ref: "r" },
      { channelSku: "PARENT", quantity: 1 },
      { channelSku: "NOSLOT", quantity: 4 },
      { channelSku: "ONE", sellerId: "other", quantity: 1 },
    ]);
    expect(result.lines.map((l) => l.status)).toEqual([
      "mapped",
      "mapped",
      "parent_not_sellable",
      "mapped",
      "unmapped",
    ]);
    expect(result.lines[0]?.internal).toEqual([
      { sku: "A", variantId: "a", quantity: 4 },
      { sku: "B", variantId: "b", quantity: 6 },
    ]);
    expect(result.lines[1]).toMatchObject({ ref: "r", sellerId: "s", quantity: 5 });
    expect(result.lines[4]).toMatchObject({ sellerId: "other", internal: [] });
    expect(result.totals).toEqual([
      { sku: "A", quantity: 9 },
      { sku: "B", quantity: 6 },
      { sku: "C", quantity: 4 },
    ]);
  });

  it("starts every call's totals from zero", () => {
    translateLines(index, [{ channelSku: "KIT", quantity: 10 }]);
    expect(translateLines(index, [{ channelSku: "ONE", quantity: 1 }]).totals).toEqual([
      { sku: "A", quantity: 1 },
    ]);
    expect(translateLines(index, [{ channelSku: "NOPE", quantity: 1 }]).totals).toEqual([]);
  });
});
