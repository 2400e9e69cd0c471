/**
 * Text analysis shared by indexing and querying: folding, tokenizing, stop words and
 * normalization to index terms (lemma, then Porter stem), so that spy/spying/spies and
 * car/cars meet on one term. Pure functions with a per-word cache.
 */
import { eng as englishStopWords } from 'stopword';
import lemmatizer from 'wink-lemmatizer';
import { stemmer } from 'stemmer';

/** A word of a text with its position (UTF-16 offsets into the analysed string). */
export interface Token {
  /** The word as written. */
  word: string;
  /** The index term it normalizes to. */
  term: string;
  start: number;
  end: number;
}

/** Words that carry no topic: English stop words plus the scaffolding of questions. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...englishStopWords,
  'why', 'where', 'when', 'which', 'whom', 'whose', 'will', 'us', 'shall', 'might', 'must',
  'does', 'done', 'doing', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am',
  'has', 'have', 'had', 'having', 'get', 'got', 'me', 'tell', 'please', 'anything', 'something',
  'its', 'it', 'their', 'there', 'here', 'this', 'that', 'these', 'those', 'into', 'onto',
  'than', 'then', 'so', 'such', 'very', 'just', 'any', 'some', 'many', 'much', 'more', 'most',
  'one', 'also', 'about', 'know', 'say', 'says', 'said', 'saying', 'happen', 'happened',
  'not', 'no', 'nor', 'never', 'yes', 'like', 'way', 'ways', 'thing', 'things',
  'she', 'hers', 'herself', 'during', 'against', 'within', 'without', 'behind', 'across', 'along',
  'among', 'amongst', 'around', 'beside', 'besides', 'toward', 'towards', 'upon', 'via', 'despite',
  'whether', 'whose', 'whom', 'whatever', 'whoever', 'else', 'ever', 'really', 'actually',
  'up', 'down', 'out', 'off',
]);

/** A word: an acronym (`U.S.`), a number (`1,000.5`), or letters and digits with apostrophes (`rock'n'roll`). */
export const WORD_PATTERN =
  /(?:\p{Lu}\.){2,}|\d[\d,]*(?:\.\d+)?|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

const QUOTE_FOLDING: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '′': "'", '“': '"', '”': '"', '„': '"', '″': '"',
};

/**
 * Folds accents, typographic quotes and case: `Café’s` → `cafe's`.
 * Keeps the string's length only when no accent is removed; use it on words, not for offsets.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’‚′“”„″]/g, (c) => QUOTE_FOLDING[c] ?? c)
    .toLowerCase();
}

const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 200_000;

/**
 * The index term of one word, or null for a stop word.
 * All-capital short words whose lower case is a stop word (`US`, `IT`) are kept.
 *
 * @example toTerm('spies') === toTerm('spying') // 'spy'
 */
export function toTerm(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  const term = computeTerm(word);
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term);
  return term;
}

function computeTerm(word: string): string | null {
  if (/^\d/.test(word)) return word.replace(/,/g, '');
  const isAcronym = word.length >= 2 && /^(?:\p{Lu}\.?)+$/u.test(word);
  let folded = fold(word).replace(/\./g, '');
  folded = folded.replace(/'s$/, '').replace(/'$/, '');
  if (folded.length === 0) return null;
  if (!isAcronym && STOP_WORDS.has(folded)) return null;
  if (folded.includes("'")) {
    // Contractions (aren't, there's) are function words; other apostrophes are dropped.
    if (/n't$|'(?:re|ve|ll|d|m)$/.test(folded)) return null;
    folded = folded.replace(/'/g, '');
  }
  if (folded.length === 1) return null;
  return stemmer(lemma(folded));
}

/** The base form of a verb (`stepped` → `step`, `took` → `take`), lower case. */
export function verbLemma(word: string): string {
  return lemmatizer.verb(word.toLowerCase());
}

/**
 * The singular of a noun, lower case (`spies` → `spy`). A word ending in "ss" is no plural: the
 * lemmatizer alone takes "boss" for bos and "discuss" for discus.
 */
export function nounLemma(word: string): string {
  return word.endsWith('ss') ? word : lemmatizer.noun(word);
}

function lemma(word: string): string {
  const noun = nounLemma(word);
  if (noun !== word) return noun;
  const verb = lemmatizer.verb(word);
  if (verb !== word) return verb;
  return lemmatizer.adjective(word);
}

/**
 * Splits text into tokens with offsets, dropping stop words. Hyphenated and slashed
 * compounds (`tit-for-tat`, `Uber/Lyft`) yield their parts.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const word = match[0];
    const term = toTerm(word);
    if (term === null) continue;
    const start = match.index;
    tokens.push({ word, term, start, end: start + word.length });
  }
  return tokens;
}

/** The index terms of a text, in order, stop words removed (duplicates kept). */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const term = toTerm(match[0]);
    if (term !== null) result.push(term);
  }
  return result;
}
