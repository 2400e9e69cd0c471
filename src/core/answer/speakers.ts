/**
 * Corpus-wide speaker names: "Musk", "Elon", "CEO Elon Musk" and "Elon Musk" are one
 * speaker. Built from the statements of all documents; resolves names as documents write them
 * and as users ask them.
 */
import { fold } from '../search/analyzer.js';
import { looksLikePerson } from '../corpus/statements.js';
import type { CorpusDocument } from '../corpus/types.js';

/** A speaker and how often the corpus quotes them. */
export interface SpeakerSummary {
  name: string;
  statements: number;
}

const TITLE_WORDS = /^(?:ceo|founder|chief|executive|officer|president|chairman|mr|mrs|ms|dr|the|a|an|of|and|company|mr\.|dr\.)$/i;

function normalise(name: string): string {
  return fold(name).replace(/['’]s\b/g, '').replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter((w) => w && !TITLE_WORDS.test(w)).join(' ');
}

/** The speakers of a corpus. */
export class SpeakerRegistry {
  private readonly canonicalByRaw = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  /** Canonical names with their normalised words, computed once (resolve runs per question). */
  private normalisedNames: Array<{ name: string; normalised: string; words: string[] }> | null = null;
  private listed: SpeakerSummary[] | null = null;

  constructor(documents: Iterable<CorpusDocument>) {
    const raw = new Map<string, number>();
    for (const doc of documents) {
      for (const statement of doc.statements) raw.set(statement.speaker, (raw.get(statement.speaker) ?? 0) + 1);
    }
    // People by first and last name ("Musk" → ["Elon Musk"]), in the order they are first quoted.
    const peopleByWord = new Map<string, string[]>();
    for (const person of [...raw.keys()].filter(looksLikePerson)) {
      const words = person.split(' ');
      for (const word of new Set([words[0]!, words.at(-1)!])) {
        const list = peopleByWord.get(word);
        if (list) list.push(person);
        else peopleByWord.set(word, [person]);
      }
    }
    for (const [name, count] of raw) {
      let canonical = name;
      if (!name.includes(' ')) {
        const matches = peopleByWord.get(name) ?? [];
        if (matches.length === 1) canonical = matches[0]!;
      }
      this.canonicalByRaw.set(name, canonical);
      this.counts.set(canonical, (this.counts.get(canonical) ?? 0) + count);
    }
  }

  /** The canonical name of a speaker as a document names it. */
  canonical(raw: string): string {
    return this.canonicalByRaw.get(raw) ?? raw;
  }

  /** Speakers, most quoted first. */
  list(): SpeakerSummary[] {
    this.listed ??= [...this.counts]
      .map(([name, statements]) => ({ name, statements }))
      .sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name));
    return this.listed.map((s) => ({ ...s }));
  }

  /**
   * The canonical speaker a user means ("musk", "Elon", "the verge", "Muks"), or null.
   */
  resolve(asked: string): string | null {
    const wanted = normalise(asked);
    if (!wanted) return null;
    this.normalisedNames ??= [...this.counts.keys()].map((name) => {
      const normalised = normalise(name);
      return { name, normalised, words: normalised.split(' ') };
    });
    const names = this.normalisedNames;
    const exact = names.find((entry) => entry.normalised === wanted);
    if (exact) return exact.name;
    const wantedWords = wanted.split(' ');
    const partial = names.filter((entry) => wantedWords.every((w) => entry.words.includes(w))).map((entry) => entry.name);
    if (partial.length > 0) return partial.sort((a, b) => (this.counts.get(b) ?? 0) - (this.counts.get(a) ?? 0))[0]!;
    if (wanted.length >= 4) {
      const close = names.filter((entry) => entry.words.some((w) => w.length >= 4 && Math.abs(w.length - wanted.length) <= 1 && editDistance(w, wanted) <= 1));
      if (close.length === 1) return close[0]!.name;
    }
    return null;
  }
}

/** Optimal string alignment distance: edits and swaps of neighbouring letters count one each. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
