/**
 * The terms of a question, grouped: each word asked becomes a group holding its index term
 * (weight 1) and, weighted lower, related words from the lexicon, and close vocabulary terms
 * for words the corpus does not contain (typos, partial words). A group counts once per
 * sentence, with the weight of its best variant present.
 */
import { tokenize, toTerm } from '../search/analyzer.js';
import type { Lexicon } from '../search/lexicon.js';
import type { PassageIndex } from '../search/passageIndex.js';

/** One word asked, with its variants. */
export interface TermGroup {
  /** The word as asked. */
  word: string;
  /** Its index term. */
  term: string;
  /** Inverse sentence frequency of the term (or its best variant when the term is unknown). */
  idf: number;
  /** A capitalised word inside the question: a name the answer must contain. */
  proper: boolean;
  /** index term → weight (1 for the term itself). */
  variants: Map<string, number>;
}

/** How well some text matches the groups. */
export interface GroupMatch {
  /** Sum of idf × weight of the matched groups. */
  score: number;
  /** score / sum of idf of all groups, in [0, 1]. */
  coverage: number;
  /** Groups matched (a related-word match counts as its weight). */
  matched: number;
  /** Indexes of the groups matched by any variant. */
  groups: Set<number>;
}

/** Weights of variants that are not the word asked. */
export const RELATED_WEIGHT = 0.4;
export const HIERARCHY_WEIGHT = 0.25;
export const FUZZY_WEIGHT = 0.7;
export const PREFIX_WEIGHT = 0.6;

/** Builds the term groups of a text against an index's vocabulary. */
export function buildTermGroups(text: string, index: PassageIndex, lexicon: Lexicon): TermGroup[] {
  const groups: TermGroup[] = [];
  const seen = new Set<string>();
  const tokens = tokenize(text);
  tokens.forEach((token, position) => {
    if (seen.has(token.term)) return;
    seen.add(token.term);
    const variants = new Map<string, number>([[token.term, 1]]);
    const known = index.sentenceFrequencyOf(token.term) > 0;
    if (!known && !/^\d/.test(token.term)) {
      const distance = token.word.length >= 8 ? 2 : token.word.length >= 4 ? 1 : 0;
      if (distance > 0) for (const similar of index.similarTerms(token.term, distance)) variants.set(similar, FUZZY_WEIGHT);
      if (variants.size === 1 && token.term.length >= 3 && position === tokens.length - 1) {
        for (const longer of index.termsWithPrefix(token.term)) variants.set(longer, PREFIX_WEIGHT);
      }
    }
    for (const { word, relation } of lexicon.related(token.word)) {
      const term = toTerm(word);
      if (term === null || variants.has(term) || index.sentenceFrequencyOf(term) === 0) continue;
      variants.set(term, relation === 'synonym' || relation === 'derived' ? RELATED_WEIGHT : HIERARCHY_WEIGHT);
    }
    const idf = known
      ? index.idf(token.term)
      : Math.max(0, ...[...variants.keys()].filter((t) => t !== token.term).map((t) => index.idf(t)));
    const proper = token.start > 0 && /^\p{Lu}/u.test(token.word) && token.word !== 'I';
    groups.push({ word: token.word, term: token.term, idf: idf || index.idf(token.term), proper, variants });
  });
  return groups;
}

/** Every variant of every group with its weight (the best weight when groups share a term). */
export function queryWeights(groups: readonly TermGroup[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const group of groups) {
    for (const [term, weight] of group.variants) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return weights;
}

/** Matches groups against the terms of some text. */
export function matchGroups(groups: readonly TermGroup[], terms: ReadonlySet<string>): GroupMatch {
  let score = 0;
  let total = 0;
  let matched = 0;
  const matchedGroups = new Set<number>();
  groups.forEach((group, index) => {
    total += group.idf;
    let best = 0;
    for (const [term, weight] of group.variants) if (weight > best && terms.has(term)) best = weight;
    if (best > 0) {
      matchedGroups.add(index);
      score += best * group.idf;
      matched += best;
    }
  });
  return { score, coverage: total > 0 ? score / total : 0, matched, groups: matchedGroups };
}
