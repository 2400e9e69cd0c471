/**
 * Collapsing near-duplicates: the same statement carried by several outlets (or two
 * translations of it) becomes one excerpt whose `alsoIn` lists the others.
 */
import type { CorpusDocument } from '../corpus/types.js';

/** An excerpt being ranked. */
export interface Candidate {
  doc: CorpusDocument;
  start: number;
  end: number;
  /** Index of the sentence the candidate was chosen for. */
  sentence: number;
  speaker: string | null;
  score: number;
  /** Share of the question's weight the excerpt covers, in [0, 1]. */
  coverage: number;
  /** Terms compared for near-duplicates (the quoted words of a statement, else the excerpt's). */
  terms: ReadonlySet<string>;
  /** Near-duplicates collapsed into this one. */
  duplicates: Candidate[];
}

/** Share of the smaller term set that must be in the larger for two excerpts to be one. */
export const DUPLICATE_CONTAINMENT = 0.7;

/**
 * Keeps the first (best) of each group of near-duplicates, in order; the others are attached
 * to it as `duplicates`. Overlapping excerpts of one document are dropped.
 */
export function collapseDuplicates(ranked: readonly Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of ranked) {
    const overlapping = kept.find((k) => k.doc === candidate.doc && candidate.start < k.end && k.start < candidate.end);
    if (overlapping) continue;
    const original = kept.find((k) => isNearDuplicate(k.terms, candidate.terms));
    if (original) {
      if (original.doc !== candidate.doc && !original.duplicates.some((d) => d.doc === candidate.doc)) original.duplicates.push(candidate);
      continue;
    }
    kept.push({ ...candidate, duplicates: [] });
  }
  return kept;
}

/** True when the smaller set is mostly contained in the larger (and both say enough). */
export function isNearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  if (small.size < 4) return shared === small.size && small.size === large.size;
  return shared / small.size >= DUPLICATE_CONTAINMENT;
}
