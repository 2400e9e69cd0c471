/**
 * The terms of a question, grouped: each word asked becomes a group holding its index term
 * (weight 1) and, weighted lower, related words from the lexicon, and close vocabulary terms
 * for words the corpus does not contain (typos, partial words). A group counts once per
 * sentence, with the weight of its best variant present.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { STOP_WORDS, tokenize, toTerm, verbLemma, WORD_PATTERN, type Token } from '../search/analyzer.js';
import type { Lexicon, RelatedWord } from '../search/lexicon.js';
import type { PassageIndex } from '../search/passageIndex.js';
import { GroupMatcher } from '../search/coverage.js';

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
  /**
   * True for a word neither the dictionary nor the corpus knows in any form (a close spelling, a
   * compound, a long form): a name or product the corpus never mentions ("ipad").
   */
  unheard: boolean;
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
/**
 * Weight of a word-vector neighbour (relation 'similar': "fees" for "pay", "data" for
 * "information"), as low as a broader or narrower word: calibrated on the six development sets,
 * where 0.2 lost gains and 0.4 cost right abstentions.
 */
export const VECTOR_WEIGHT = 0.25;
export const PREFIX_WEIGHT = 0.6;

/** Shortest word that gets a close spelling at one edit, and at two. */
const FUZZY_ONE_EDIT = 5;
const FUZZY_TWO_EDITS = 9;

/**
 * Builds the term groups of a text against an index's vocabulary.
 *
 * A group is a name ({@link TermGroup.proper}) when the word is capitalised (the first word too,
 * unless the dictionary knows it) or camel-cased (`iPhone`): an answer must come from an article
 * that holds it. A word no dictionary and no article knows weighs as the rarest word (its idf), so
 * a question about something the corpus never mentions (`ipad price`) covers too little to
 * answer; a dictionary word the corpus lacks in every form ("field", "compare") is more likely
 * the asker's paraphrase and weighs as a typical word of the question. Variants: see
 * {@link addSpellings}, {@link addJoined} and {@link addRelated}.
 */
export function buildTermGroups(text: string, index: PassageIndex, lexicon: Lexicon): TermGroup[] {
  const groups: TermGroup[] = [];
  const seen = new Set<string>();
  const tokens = tokenize(text);
  /** Groups of dictionary words the corpus holds in no form. */
  const paraphrased: number[] = [];
  const phrasal = phrasalVerbs(text, lexicon);
  const future = futureAuxiliaries(text);
  tokens.forEach((token, position) => {
    if (seen.has(token.term) || future.has(token.start)) return;
    seen.add(token.term);
    const variants = new Map<string, number>([[token.term, 1]]);
    // "childrens commissioner": a possessive typed without its apostrophe is the word itself.
    const possessor = apostropheDropped(token.word, token.term, index);
    if (possessor !== null) variants.set(possessor, 1);
    const known = index.sentenceFrequencyOf(token.term) > 0 || possessor !== null;
    if (!known && isMistypedStopWord(token.word)) return;
    if (!known) addSpellings(variants, token, position === tokens.length - 1, index);
    addJoined(variants, text, tokens, position, index);
    // A word the dictionary does not know gets no relations: its vector neighbours are not searched.
    const all = lexicon.knows && !lexicon.knows(token.word) ? [] : lexicon.related(token.word);
    // Vector neighbours (relation 'similar') are variants only: whether the dictionary knows the
    // word (a name, an unheard product like "ipad") is WordNet's say alone, and a word WordNet does
    // not know gets none: its neighbours are siblings (ipad → ipod, youtube → videos, a town typed
    // in lower case → another town), not paraphrases.
    const dictionary = all.filter((r) => r.relation !== 'similar');
    const related = dictionary.length > 0 ? all : dictionary;
    const capitalised = /^\p{Lu}/u.test(token.word) && token.word !== 'I';
    const proper = /\p{Ll}\p{Lu}/u.test(token.word) || (capitalised && (token.start > 0 || dictionary.length === 0));
    addRelated(variants, token, proper, [...(phrasal.get(token.start) ?? [])], related, index);
    // A name is often misspelt though the corpus knows the typed form too (Jeff/Jef, Conti/Conte).
    if (known && dictionary.length === 0) addNameSpellings(variants, token, index, lexicon);
    const idf = possessor !== null
      ? index.idf(possessor)
      : known
      ? index.idf(token.term)
      : Math.max(0, ...[...variants.keys()].filter((t) => t !== token.term).map((t) => index.idf(t)));
    const formKnown = [...variants].some(([term, weight]) => weight >= 0.5 && index.sentenceFrequencyOf(term) > 0);
    groups.push({ word: token.word, term: token.term, idf: idf || index.idf(token.term), proper, variants, unheard: dictionary.length === 0 && !formKnown });
    if (!formKnown && !proper && dictionary.length > 0) paraphrased.push(groups.length - 1);
  });
  const typical = median(groups.filter((_, g) => !paraphrased.includes(g)).map((g) => g.idf));
  if (typical !== null) for (const g of paraphrased) groups[g]!.idf = Math.min(groups[g]!.idf, typical);
  return groups;
}

/** "Is Wales going to ban…", "are they about to cut…": the future tense before a verb, not a topic. */
const FUTURE = /\b(?:[Gg]oing|[Aa]bout)(?=\s+to\s+\p{Ll})/gu;

/** Offsets of the words that only make a future tense ("going" in "Is Wales going to ban…"). */
function futureAuxiliaries(text: string): Set<number> {
  return new Set(Array.from(text.matchAll(FUTURE), (match) => match.index!));
}

/**
 * The term of a word typed as a possessive without its apostrophe ("childrens" → child, "mens" →
 * man), when the articles write that word far more often than what the typing spells; else null.
 */
function apostropheDropped(word: string, term: string, index: PassageIndex): string | null {
  if (!/^\p{L}{3,}s$/u.test(word) || /ss$/i.test(word)) return null;
  const bare = toTerm(word.slice(0, -1));
  if (bare === null || bare === term) return null;
  return index.sentenceFrequencyOf(bare) > 2 * index.sentenceFrequencyOf(term) ? bare : null;
}

/**
 * Spellings the corpus has for a word it lacks: close spellings (one edit from 5 letters, two
 * from 9: shorter words have too many neighbours), two swapped letters ("frieght"), a closed
 * compound it writes apart (`datacenter` → `data`, `center`), and, for the last word, longer
 * words it starts.
 */
function addSpellings(variants: Map<string, number>, token: Token, last: boolean, index: PassageIndex): void {
  if (/^\d/.test(token.term)) return;
  const distance = token.word.length >= FUZZY_TWO_EDITS ? 2 : token.word.length >= FUZZY_ONE_EDIT ? 1 : 0;
  if (distance > 0) {
    for (const similar of index.similarTerms(token.term, distance)) variants.set(similar, FUZZY_WEIGHT);
    for (const swapped of swappedLetters(token.word, index)) variants.set(swapped, FUZZY_WEIGHT);
  }
  if (variants.size === 1 && !/^\p{Lu}/u.test(token.word)) for (const part of splitCompound(token.word, index)) variants.set(part, COMPOUND_PART_WEIGHT);
  if (variants.size === 1 && token.term.length >= 3 && last) {
    for (const longer of index.termsWithPrefix(token.term)) variants.set(longer, PREFIX_WEIGHT);
  }
}

/** Weight of another spelling of a name the corpus also holds as typed ("Jeff" → "Jef"). */
export const NAME_SPELLING_WEIGHT = 0.6;

/**
 * Close spellings of a name (a word no dictionary knows) that the corpus holds besides the form
 * typed: one edit away, same first letter, from four letters, and no dictionary word either
 * (`jeff` → `jef`, `conti` → `conte`; `andy` is not `anti`).
 */
function addNameSpellings(variants: Map<string, number>, token: Token, index: PassageIndex, lexicon: Lexicon): void {
  if (token.term.length < NAME_SPELLING_MIN_LETTERS || !/^[a-z]+$/.test(token.term)) return;
  for (const similar of index.similarTerms(token.term, 1, NAME_SPELLINGS)) {
    if (similar[0] === token.term[0] && !variants.has(similar) && !inDictionary(similar, lexicon)) variants.set(similar, NAME_SPELLING_WEIGHT);
  }
}

/** Whether WordNet knows a word (word-vector neighbours, relation 'similar', do not count). */
function inDictionary(word: string, lexicon: Lexicon): boolean {
  return lexicon.knows ? lexicon.knows(word) : lexicon.related(word).some((r) => r.relation !== 'similar');
}

/** Shortest name given close spellings, and how many at most. */
const NAME_SPELLING_MIN_LETTERS = 4;
const NAME_SPELLINGS = 4;

/** Two neighbouring words the corpus writes as one (`data center` → `datacenter`). */
function addJoined(variants: Map<string, number>, text: string, tokens: readonly Token[], position: number, index: PassageIndex): void {
  const token = tokens[position]!;
  for (const neighbour of [tokens[position - 1], tokens[position + 1]]) {
    if (neighbour === undefined) continue;
    const [left, right] = neighbour.start < token.start ? [neighbour, token] : [token, neighbour];
    if (text.slice(left.end, right.start).trim() !== '') continue;
    const joined = toTerm(left.word + right.word);
    if (joined !== null && index.sentenceFrequencyOf(joined) > 0) variants.set(joined, 1);
  }
}

/**
 * Words of related meaning the corpus holds: what a phrasal verb means ("step down" → resign);
 * for a name, its other forms (Germany/German) and never synonyms ("Telegraph" is not a wire);
 * for a common word, WordNet's synonyms and derived forms, then broader and narrower words, then
 * its word-vector neighbours when the engine has them (`embeddings.ts`); and the long forms or abbreviations news writes for it (EU/European, America/US).
 */
function addRelated(variants: Map<string, number>, token: Token, proper: boolean, phrasal: readonly RelatedWord[], related: readonly RelatedWord[], index: PassageIndex): void {
  const add = (word: string, weight: number): void => {
    const term = toTerm(word);
    if (term !== null && !variants.has(term) && index.sentenceFrequencyOf(term) > 0) variants.set(term, weight);
  };
  for (const { word } of phrasal) add(word, PHRASAL_WEIGHT);
  if (proper) for (const form of nameForms(token.term, index)) if (!variants.has(form)) variants.set(form, NAME_FORM_WEIGHT);
  if (!proper) for (const { word, relation } of related) add(word, relation === 'synonym' || relation === 'derived' ? RELATED_WEIGHT : relation === 'similar' ? VECTOR_WEIGHT : HIERARCHY_WEIGHT);
  for (const form of abbreviationForms(token.word)) add(form, ABBREVIATION_WEIGHT);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Stop words (and their letters sorted, for swapped letters), for recognising them mistyped. */
let stopWordMap: SearchableMap<true> | null = null;
const stopWordLetters = new Set<string>();

/**
 * True when a short word the corpus lacks is one edit or one swap of letters from a stop word
 * (`wher` → `where`, `teh` → `the`): a mistyped function word, not a missing topic.
 */
function isMistypedStopWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (lower.length < 3 || lower.length > 6 || !/^[a-z]+$/.test(lower)) return false;
  if (stopWordMap === null) {
    stopWordMap = new SearchableMap<true>();
    for (const stop of STOP_WORDS) {
      if (stop.length < 3) continue;
      stopWordMap.set(stop, true);
      stopWordLetters.add(sortedLetters(stop));
    }
  }
  if (stopWordLetters.has(sortedLetters(lower))) return true;
  for (const [stop] of stopWordMap.fuzzyGet(lower, 1)) if (stop[0] === lower[0]) return true;
  return false;
}

function sortedLetters(word: string): string {
  return [...word].sort().join('');
}

/** Weight of what a phrasal verb means ("step down" → resign): the meaning, not a relative of one word. */
export const PHRASAL_WEIGHT = 0.8;

/** Particles that make a phrasal verb with the verb before them ("step down", "pull out"). */
const PARTICLES = /^(?:up|down|out|off|over|back|away|on|in)$/i;

/**
 * What the phrasal verbs of a text mean ("step down" → resign, quit; "turned down" → refuse),
 * by the offset of their verb: the dictionary's words for the pair, as the verb's related words.
 */
function phrasalVerbs(text: string, lexicon: Lexicon): Map<number, RelatedWord[]> {
  const meanings = new Map<number, RelatedWord[]>();
  const words = [...text.matchAll(WORD_PATTERN)];
  for (let i = 0; i + 1 < words.length; i++) {
    const [verb, particle] = [words[i]!, words[i + 1]!];
    if (!PARTICLES.test(particle[0]) || !/^\p{Ll}/u.test(verb[0])) continue;
    const related = lexicon.related(`${verbLemma(verb[0])}_${particle[0].toLowerCase()}`);
    if (related.length > 0) meanings.set(verb.index, related.map(({ word }) => ({ word, relation: 'synonym' })));
  }
  return meanings;
}

/** Terms of the corpus that `word` becomes with two neighbouring letters swapped. */
function swappedLetters(word: string, index: PassageIndex): string[] {
  const found: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    const term = toTerm(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    if (term !== null && index.sentenceFrequencyOf(term) > 0 && !found.includes(term)) found.push(term);
  }
  return found;
}

/** Weight of a long form of an abbreviation (`EU` → `European`). */
export const ABBREVIATION_WEIGHT = 0.8;

/**
 * Long forms of abbreviations news writes both ways: the distinctive word of each (a group
 * matches one word, so "European Union" is met by "European").
 */
const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  EU: ['European', 'Europe'],
  UN: ['Nations'],
  US: ['American', 'America'],
  USA: ['American', 'America'],
  UK: ['Britain', 'British'],
  GB: ['Britain', 'British'],
  NHS: ['health'],
  EV: ['electric'],
  EVs: ['electric'],
  AI: ['intelligence'],
  CEO: ['executive'],
  PM: ['minister'],
  // Reporting periods, however they are typed ("q4 profit", "H1 sales").
  Q1: ['quarter', 'quarterly'],
  Q2: ['quarter', 'quarterly'],
  Q3: ['quarter', 'quarterly'],
  Q4: ['quarter', 'quarterly'],
  H1: ['half'],
  H2: ['half'],
}));

/** Countries and blocs also go the other way: "America" meets "US", "Britain" meets "UK". */
const REVERSIBLE = new Set(['EU', 'US', 'UK']);

/** The forms a word may take in the articles: its long forms when it is an abbreviation, its abbreviations when it is a country's name. */
function abbreviationForms(word: string): string[] {
  const bare = word.replace(/\./g, '').replace(/['’]s$/, '');
  // A period ("q4") is an abbreviation in any case; a word ("us") only in capitals.
  const forms = [...(ABBREVIATIONS.get(/^[a-z]\d$/i.test(bare) ? bare.toUpperCase() : bare) ?? [])];
  for (const short of REVERSIBLE) if (ABBREVIATIONS.get(short)!.includes(bare)) forms.push(short);
  return forms;
}

/** Weight of another form of a name (`Germany` → `German`, `Japan` → `Japanese`). */
export const NAME_FORM_WEIGHT = 0.8;

/**
 * Other forms of a name the corpus holds: its term with up to two letters fewer (`germani` →
 * `german`) or up to three more (`japan` → `japanes`), for names of five letters or more.
 */
function nameForms(term: string, index: PassageIndex): string[] {
  if (term.length < 5 || !/^[a-z]+$/.test(term)) return [];
  const forms = index.termsWithPrefix(term).filter((t) => t.length <= term.length + 3);
  for (const cut of [1, 2]) {
    const shorter = term.slice(0, -cut);
    if (shorter.length >= 5 && index.sentenceFrequencyOf(shorter) > 0) forms.push(shorter);
  }
  return forms;
}

/** Weight of the parts of a closed compound the corpus writes apart. */
export const COMPOUND_PART_WEIGHT = 0.6;

/** The two terms a closed compound (`datacenter`) splits into when the corpus knows both, else none. */
function splitCompound(word: string, index: PassageIndex): string[] {
  const lower = word.toLowerCase();
  if (!/^[a-z]{7,}$/.test(lower)) return [];
  for (let cut = 3; cut <= lower.length - 3; cut++) {
    const left = toTerm(lower.slice(0, cut));
    const right = toTerm(lower.slice(cut));
    if (left !== null && right !== null && index.sentenceFrequencyOf(left) > 0 && index.sentenceFrequencyOf(right) > 0) return [left, right];
  }
  return [];
}

/** Every variant of every group with its weight (the best weight when groups share a term). */
export function queryWeights(groups: readonly TermGroup[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const group of groups) {
    for (const [term, weight] of group.variants) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return weights;
}

/** One matcher per list of groups, with ids given to terms as they come (terms of text, not of an index). */
const textMatchers = new WeakMap<readonly TermGroup[], { matcher: GroupMatcher; idOf: (term: string) => number }>();

/**
 * Matches groups against the terms of some text, with the coverage arithmetic of
 * {@link GroupMatcher} (the one implementation, shared with the index's rule).
 */
export function matchGroups(groups: readonly TermGroup[], terms: ReadonlySet<string>): GroupMatch {
  let entry = textMatchers.get(groups);
  if (entry === undefined) {
    const ids = new Map<string, number>();
    const idOf = (term: string): number => {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = ids.size));
      return id;
    };
    entry = { matcher: new GroupMatcher(groups.map((g) => ({ variants: g.variants, idf: g.idf, required: g.proper })), idOf), idOf };
    textMatchers.set(groups, entry);
  }
  const { matcher, idOf } = entry;
  matcher.clear().add(Array.from(terms, idOf));
  const matched = new Set<number>();
  let weights = 0;
  matcher.best.forEach((best, g) => {
    if (best > 0) {
      matched.add(g);
      weights += best;
    }
  });
  return { score: matcher.score(), coverage: matcher.coverage(), matched: weights, groups: matched };
}
