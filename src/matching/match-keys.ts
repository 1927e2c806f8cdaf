// Normalised keys for suggestions (never for automatic mapping, which is exact: design brief,
// invariant 5): a loose SKU key that ignores case, whitespace and separators, title tokens and
// trigrams, and the similarity measures built on them. Pure functions, no I/O.

/** "ab-12 " and "AB12" give the same key: NFKC, lower case, letters and digits only. */
export function looseSkuKey(raw: string): string {
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

// Words that say nothing about which product is meant.
const stopWords = new Set(["the", "and", "for", "with", "von", "und", "mit", "der", "die", "das", "a", "of"]);

/** Distinct lower-cased words of a title, without punctuation and stop words. */
export function titleTokens(title: string | null | undefined): string[] {
  if (!title) return [];
  const words = title
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !stopWords.has(w));
  return [...new Set(words)];
}

/** Character trigrams of the title's letters and digits, each word padded with spaces. */
export function titleTrigrams(title: string | null | undefined): Set<string> {
  const grams = new Set<string>();
  for (const word of titleTokens(title)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * Title similarity in 0..1: the larger of word Jaccard and trigram Jaccard, so both reordered
 * words ("Hoodie Blue" / "Blue Hoodie") and small spelling differences ("T-Shirt" / "Tshirt") count.
 */
export function titleSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  const words = jaccard(new Set(titleTokens(a)), new Set(titleTokens(b)));
  const grams = jaccard(titleTrigrams(a), titleTrigrams(b));
  return Math.max(words, grams);
}
