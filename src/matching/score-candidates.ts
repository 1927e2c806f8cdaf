// Scored suggestions for one listing against the variant index. Each way a variant can match
// gives a reason with its own score; a candidate's score is its best reason plus a small bonus
// for every further independent reason. Pure: the index is built by the caller.
import { tryGtin14 } from "../catalog/gtin.ts";
import { looseSkuKey, titleSimilarity, titleTokens } from "./match-keys.ts";
import type { VariantIndex } from "./variant-index.ts";

export type ReasonCode =
  | "sku_exact"
  | "sku_normalized"
  | "barcode_gtin"
  | "sku_is_barcode"
  | "external_id_sku"
  | "external_id_barcode"
  | "title";

export type Reason = { code: ReasonCode; score: number; detail: string };

export type Candidate = {
  variantId: string;
  sku: string;
  name: string | null;
  score: number;
  reasons: Reason[];
};

export type ListingKeys = {
  channelSku: string;
  title: string | null;
  barcode: string | null;
  barcodeGtin: string | null;
  externalId: string | null;
};

export const reasonScores: Record<ReasonCode, number> = {
  sku_exact: 1,
  barcode_gtin: 0.95,
  sku_normalized: 0.9,
  external_id_barcode: 0.9,
  sku_is_barcode: 0.85,
  external_id_sku: 0.85,
  // multiplied by the similarity: titles alone never outrank a key match
  title: 0.8,
};

/** Least title similarity that counts as a reason at all. */
export const titleThreshold = 0.5;
const bonusPerExtraReason = 0.03;
const maxCandidates = 5;

export type ScoreOptions = {
  /** Words carried by more variants than this are too common to find candidates by. */
  maxPostingLength?: number;
};

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function titleCandidates(index: VariantIndex, title: string, maxPosting: number): Map<number, number> {
  const tokens = titleTokens(title);
  const shared = new Map<number, number>();
  for (const token of tokens) {
    const posting = index.byToken.get(token);
    if (!posting || posting.length > maxPosting) continue;
    for (const position of posting) shared.set(position, (shared.get(position) ?? 0) + 1);
  }
  // Word Jaccard is an upper bound check before the dearer trigram measure.
  const tokenSet = new Set(tokens);
  const kept = new Map<number, number>();
  for (const [position, count] of shared) {
    const words = count / (tokenSet.size + (index.tokenCounts[position] ?? 0) - count);
    const similarity =
      words >= titleThreshold ? words : titleSimilarity(title, index.variants[position]?.name ?? null);
    if (similarity >= titleThreshold) kept.set(position, Math.max(words, similarity));
  }
  return kept;
}

export function scoreCandidates(
  index: VariantIndex,
  listing: ListingKeys,
  options: ScoreOptions = {},
): Candidate[] {
  const reasons = new Map<number, Reason[]>();
  const add = (positions: Iterable<number> | undefined, code: ReasonCode, detail: string, factor = 1) => {
    if (!positions) return;
    for (const position of positions) {
      const list = reasons.get(position) ?? [];
      if (list.some((r) => r.code === code)) continue;
      list.push({ code, score: round(reasonScores[code] * factor), detail });
      reasons.set(position, list);
    }
  };

  const exact = index.bySku.get(listing.channelSku);
  if (exact !== undefined) add([exact], "sku_exact", `SKU "${listing.channelSku}" is the variant's SKU`);
  const loose = looseSkuKey(listing.channelSku);
  const looseMatches = index.byLooseSku.get(loose)?.filter((p) => p !== exact);
  add(
    looseMatches,
    "sku_normalized",
    `SKU "${listing.channelSku}" equals the variant's SKU ignoring case and separators`,
  );
  if (listing.barcodeGtin) {
    add(index.byGtin.get(listing.barcodeGtin), "barcode_gtin", `barcode ${listing.barcode} is the same GTIN`);
  }
  const skuGtin = tryGtin14(listing.channelSku);
  if (skuGtin)
    add(index.byGtin.get(skuGtin), "sku_is_barcode", `SKU "${listing.channelSku}" is the variant's barcode`);
  if (listing.externalId) {
    const id = listing.externalId;
    const bySku = index.bySku.get(id);
    add(
      bySku === undefined ? index.byLooseSku.get(looseSkuKey(id)) : [bySku],
      "external_id_sku",
      `external id ${id} is the variant's SKU`,
    );
    const idGtin = tryGtin14(id);
    const barcodeHits = idGtin ? index.byGtin.get(idGtin) : index.byBarcodeText.get(looseSkuKey(id));
    add(barcodeHits, "external_id_barcode", `external id ${id} is the variant's barcode`);
  }
  if (listing.title) {
    const maxPosting = options.maxPostingLength ?? Math.max(200, Math.ceil(index.variants.length * 0.02));
    for (const [position, similarity] of titleCandidates(index, listing.title, maxPosting)) {
      add([position], "title", `title ${Math.round(similarity * 100)}% similar`, similarity);
    }
  }

  const candidates: Candidate[] = [];
  for (const [position, list] of reasons) {
    const variant = index.variants[position];
    if (!variant) continue;
    list.sort((a, b) => b.score - a.score);
    const best = list[0]?.score ?? 0;
    const score = round(Math.min(1, best + bonusPerExtraReason * (list.length - 1)));
    candidates.push({ variantId: variant.id, sku: variant.sku, name: variant.name, score, reasons: list });
  }
  candidates.sort((a, b) => b.score - a.score || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return candidates.slice(0, maxCandidates);
}

/** The one best candidate at or above minScore, or why there is none (a tie is never applied). */
export function pickBest(
  candidates: Candidate[],
  minScore: number,
): { kind: "best"; candidate: Candidate } | { kind: "tie"; tied: Candidate[] } | { kind: "none" } {
  const first = candidates[0];
  if (!first || first.score < minScore) return { kind: "none" };
  const tied = candidates.filter((c) => c.score === first.score);
  return tied.length > 1 ? { kind: "tie", tied } : { kind: "best", candidate: first };
}
