/**
 * How much of a question some text covers: the one implementation of the coverage arithmetic
 * and of the rule an article must meet to answer. A question is a list of groups (a word asked
 * with its variants: related words, close spellings, each with a weight ≤ 1); a group counts
 * once, with the weight of its best variant present, times its idf. Coverage is that sum over
 * the sum of all groups' idf, in [0, 1].
 *
 * Text is given as index term ids (the sentence term ids the passage index keeps), so the same
 * matcher serves the index (which articles can answer) and the answer modules (which sentences
 * answer best).
 */

/** A word of a question with its variants. */
export interface RuleGroup {
  /** index term → weight (1 for the word asked, less for related words). */
  variants: ReadonlyMap<string, number>;
  /** Weight of the group in the coverage. */
  idf: number;
  /** The article must hold one of the variants (a name asked). */
  required: boolean;
}

/**
 * What an article must hold to answer: every required group, at least `minGroups` groups, and a
 * coverage of `minCoverage` or more, counted over its headline and all its sentences.
 */
export interface CoverageRule {
  groups: readonly RuleGroup[];
  minGroups: number;
  minCoverage: number;
}

/**
 * Matches the groups of one question against runs of term ids. Reuse one matcher per question:
 * {@link GroupMatcher.clear}, add the text's ids, read the figures.
 *
 * @example
 * const m = new GroupMatcher(groups, (t) => index.termId(t), index.terms.length);
 * m.clear(); m.add(sentenceIds); m.coverage();
 */
export class GroupMatcher {
  /** Best weight found per group since the last {@link clear}. */
  readonly best: Float64Array;
  /** Sum of the groups' idf. */
  readonly total: number;
  private readonly idf: Float64Array;
  private readonly required: Uint8Array;
  /** term id → 1 + offset in `pairs` of its entry: a count n, then n (group, weight) pairs; 0 when no group holds it. */
  private readonly slot: Map<number, number> | Int32Array;
  private readonly pairs: Float64Array;

  constructor(readonly groups: readonly RuleGroup[], termId: (term: string) => number | undefined, vocabularySize?: number) {
    this.best = new Float64Array(groups.length);
    this.idf = Float64Array.from(groups, (g) => g.idf);
    this.required = Uint8Array.from(groups, (g) => (g.required ? 1 : 0));
    this.total = groups.reduce((sum, g) => sum + g.idf, 0);
    const byId = new Map<number, Array<[number, number]>>();
    groups.forEach((group, g) => {
      for (const [term, weight] of group.variants) {
        const id = termId(term);
        if (id === undefined || weight <= 0) continue;
        let list = byId.get(id);
        if (list === undefined) byId.set(id, (list = []));
        list.push([g, weight]);
      }
    });
    const pairs: number[] = [];
    // A dense table is faster to read than a map once the question has a few terms.
    const slot = vocabularySize !== undefined && byId.size > 8 ? new Int32Array(vocabularySize) : new Map<number, number>();
    for (const [id, list] of byId) {
      if (slot instanceof Map) slot.set(id, pairs.length + 1);
      else slot[id] = pairs.length + 1;
      pairs.push(list.length);
      for (const [g, weight] of list) pairs.push(g, weight);
    }
    this.slot = slot;
    this.pairs = Float64Array.from(pairs);
  }

  /** Forgets what was added. */
  clear(): this {
    this.best.fill(0);
    return this;
  }

  /**
   * Adds the term ids `ids[from .. to)`, each variant's weight multiplied by `factor` (context
   * counts less than the text itself).
   */
  add(ids: ArrayLike<number>, from = 0, to = ids.length, factor = 1): this {
    const { slot, pairs, best } = this;
    const isMap = slot instanceof Map;
    for (let i = from; i < to; i++) {
      const id = ids[i]!;
      const at = isMap ? (slot.get(id) ?? 0) : (slot[id] ?? 0);
      if (at === 0) continue;
      const end = at + 2 * pairs[at - 1]!;
      for (let p = at; p < end; p += 2) {
        const g = pairs[p]!;
        const weight = pairs[p + 1]! * factor;
        if (weight > best[g]!) best[g] = weight;
      }
    }
    return this;
  }

  /** Sum of best weight × idf over the groups matched. */
  score(): number {
    let score = 0;
    for (let g = 0; g < this.best.length; g++) score += this.best[g]! * this.idf[g]!;
    return score;
  }

  /** {@link score} over the sum of all groups' idf, in [0, 1]. */
  coverage(): number {
    return this.total > 0 ? this.score() / this.total : 0;
  }

  /** How many groups are matched by any variant. */
  matchedCount(): number {
    let count = 0;
    for (let g = 0; g < this.best.length; g++) if (this.best[g]! > 0) count++;
    return count;
  }

  /** True when every required group is matched. */
  requiredMet(): boolean {
    for (let g = 0; g < this.best.length; g++) if (this.required[g] === 1 && this.best[g] === 0) return false;
    return true;
  }

  /** The coverage if what was added meets `rule`, else -1. */
  ruleCoverage(rule: Pick<CoverageRule, 'minGroups' | 'minCoverage'>): number {
    if (!this.requiredMet() || this.matchedCount() < rule.minGroups) return -1;
    const coverage = this.coverage();
    return coverage < rule.minCoverage ? -1 : coverage;
  }
}
