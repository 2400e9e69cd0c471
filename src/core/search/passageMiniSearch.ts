/**
 * MiniSearch over passages, and the only module that reaches inside MiniSearch (`minisearch`
 * 7.2.0, pinned in package.json and by `tests/core/search/passageMiniSearch.test.ts`).
 *
 * What it changes, and why (each measured at 50,000 articles, see BENCHMARKS.md):
 * - `_index` (the radix tree of terms) gets a hash map in front of it for exact look-ups;
 * - `_documentIds` and `_fieldLength` are read through typed arrays indexed by short id;
 * - a snapshot restores MiniSearch's state column by column (what `toJSON()`/`loadJS` hold),
 *   each term's postings becoming maps only when MiniSearch first reads them, and the per-passage
 *   maps (short ids, field lengths, passage keys) only when MiniSearch iterates or changes them.
 * Each replacement is a subclass of the very class MiniSearch uses (`Map`, `SearchableMap`), holding
 * the same entries, so MiniSearch, its serialization and vacuuming see no difference: a property
 * test checks that random add/discard/vacuum/snapshot-restore sequences answer every search exactly
 * as plain MiniSearch does. The replacements are put in place by {@link PassageMiniSearch}'s
 * constructor and again after `removeAll()` (which would otherwise put plain maps back), and the
 * constructor checks that MiniSearch still has the internals this module replaces: an upgrade that
 * renames or retypes them fails loudly at start-up instead of answering wrongly.
 */
import MiniSearch, { type Options as MiniSearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { MiniSearchState, PassageIndexOptions } from './indexState.js';

/** The `minisearch` version whose internals this module knows. */
export const MINISEARCH_VERSION = '7.2.0';

/** MiniSearch's own serialization version (`toJSON().serializationVersion` in `minisearch` 7). */
export const MINISEARCH_SERIALIZATION_VERSION = 2;

/** BM25+ parameters (MiniSearch's defaults, passed explicitly). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** The fields of a passage, in MiniSearch's field id order. */
export const PASSAGE_FIELDS = ['title', 'text'] as const;

/** A passage as MiniSearch indexes it: each field is the list of its index terms (duplicates kept). */
export interface PassageRecord {
  id: number;
  title: readonly string[];
  text: readonly string[];
}

/** MiniSearch's options for passages (the same for building and for loading a snapshot). */
export function passageMiniSearchOptions(options: PassageIndexOptions): MiniSearchOptions<PassageRecord> {
  return {
    fields: [...PASSAGE_FIELDS],
    idField: 'id',
    storeFields: [],
    extractField: (record, field) => record[field as keyof PassageRecord],
    // Fields arrive analysed (see `PassageIndex.add`): the list of terms passes through as is.
    stringifyField: (value) => value as string,
    tokenize: (value) => value as unknown as string[],
    processTerm: (term) => term,
    searchOptions: {
      combineWith: 'OR',
      boost: { title: options.titleBoost },
      bm25: { ...BM25 },
      fuzzy: false,
      prefix: false,
      // A query is a list of index terms, one sub-query each.
      tokenize: (term) => [term],
      processTerm: (term) => term,
    },
  };
}

/**
 * MiniSearch over passages, with what the index needs of its state: posting counts (for the
 * postings budget) and its state column by column for snapshots, restored into the very
 * structures `MiniSearch.loadJS` builds (see {@link PassageMiniSearch.fromState}).
 */
export class PassageMiniSearch extends MiniSearch<PassageRecord> {
  constructor(options: MiniSearchOptions<PassageRecord>) {
    super(options);
    assertKnownInternals(this);
    this.installInternals();
  }

  /**
   * Removes every passage (MiniSearch's `removeAll()`, which puts plain maps back), then puts this
   * module's structures in place again. With documents, removes those (MiniSearch's own).
   */
  override removeAll(documents?: readonly PassageRecord[]): void {
    if (documents !== undefined) {
      super.removeAll(documents);
      return;
    }
    super.removeAll();
    this.installInternals();
  }

  /** Replaces MiniSearch's empty term index and short id maps with this module's (same entries, faster reads). */
  private installInternals(): void {
    if (this._documentIds.size > 0 || this._fieldLength.size > 0 || this._index.size > 0) {
      throw new Error('PassageMiniSearch: internals can only be replaced while the index is empty');
    }
    // MiniSearch looks both up for every posting it walks: see the two classes below.
    this._documentIds = new ShortIdMap();
    this._fieldLength = new FieldLengthMap();
    // `minisearch/SearchableMap` is the class MiniSearch's bundle inlines a copy of: same methods, other types.
    this._index = new TermIndex() as unknown as typeof this._index;
  }

  /** Postings of a term over both fields (discarded passages not yet vacuumed included). */
  postingCount(term: string): number {
    const data = this._index.get(term);
    if (data === undefined) return 0;
    let count = 0;
    for (const freqs of data.values()) count += freqs.size;
    return count;
  }

  /**
   * MiniSearch's serializable state (what `toJSON()` holds) as flat arrays. Index terms are given
   * as ids of `termIds` (every term MiniSearch indexes was interned by the passage index).
   */
  exportState(termIds: ReadonlyMap<string, number>): MiniSearchState {
    const documents = this._documentIds.size;
    const shortIds = new Int32Array(documents);
    const ids = new Int32Array(documents);
    const fieldLength = new Int32Array(documents * PASSAGE_FIELDS.length);
    let d = 0;
    for (const [shortId, id] of this._documentIds) {
      shortIds[d] = shortId;
      ids[d] = id as number;
      const lengths = this._fieldLength.get(shortId);
      for (let f = 0; f < PASSAGE_FIELDS.length; f++) fieldLength[d * PASSAGE_FIELDS.length + f] = lengths?.[f] ?? -1;
      d++;
    }
    const terms: number[] = [];
    const offsets: number[][] = PASSAGE_FIELDS.map(() => [0]);
    const postingIds: number[][] = PASSAGE_FIELDS.map(() => []);
    const postingTfs: number[][] = PASSAGE_FIELDS.map(() => []);
    let hasField = 0;
    const fieldPresence: number[] = [];
    for (const [term, data] of this._index) {
      const id = termIds.get(term);
      if (id === undefined) throw new Error(`PassageMiniSearch: term "${term}" is not in the vocabulary`);
      terms.push(id);
      hasField = 0;
      for (let f = 0; f < PASSAGE_FIELDS.length; f++) {
        const freqs = data.get(f);
        if (freqs !== undefined) {
          hasField |= 1 << f;
          for (const [shortId, tf] of freqs) {
            postingIds[f]!.push(shortId);
            postingTfs[f]!.push(tf);
          }
        }
        offsets[f]!.push(postingIds[f]!.length);
      }
      fieldPresence.push(hasField);
    }
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      dirtCount: this._dirtCount,
      // -1: MiniSearch has no average for the field yet (a hole in its array).
      averageFieldLength: PASSAGE_FIELDS.map((_, f) => this._avgFieldLength[f] ?? -1),
      shortIds,
      ids,
      fieldLength,
      terms: Int32Array.from(terms),
      fieldPresence: Uint8Array.from(fieldPresence),
      postings: PASSAGE_FIELDS.map((_, f) => ({
        offsets: Int32Array.from(offsets[f]!),
        ids: Int32Array.from(postingIds[f]!),
        tfs: Uint16Array.from(postingTfs[f]!),
      })),
    };
  }

  /**
   * A MiniSearch in the state {@link exportState} gave: the same maps `MiniSearch.loadJS` builds
   * from `toJSON()`'s object (so `JSON.stringify` of both is identical), without going through
   * JSON text and objects keyed by numeric strings. A term's postings become maps the first time
   * MiniSearch reads them (see {@link SnapshotFieldTermData}), and the per-passage maps (short ids,
   * field lengths, passage key → short id) are filled from the snapshot's arrays only when
   * MiniSearch iterates or changes them, so a process answers its first question without first
   * building some fifteen million map entries at 50,000 articles.
   */
  static fromState(state: MiniSearchState, terms: readonly string[], options: MiniSearchOptions<PassageRecord>): PassageMiniSearch {
    const search = new PassageMiniSearch(options);
    search._documentCount = state.documentCount;
    search._nextId = state.nextId;
    search._dirtCount = state.dirtCount;
    const averages: number[] = [];
    state.averageFieldLength.forEach((average, f) => {
      if (average >= 0) averages[f] = average;
    });
    search._avgFieldLength = averages;
    // Short ids, field lengths and passage keys stay in the snapshot's arrays until MiniSearch
    // needs them as maps (iteration, a change): a start answers without some 1.3 million map entries.
    (search._documentIds as ShortIdMap).restore(state.shortIds, state.ids);
    (search._fieldLength as FieldLengthMap).restore(state.shortIds, state.fieldLength, PASSAGE_FIELDS.length);
    search._idToShortId = new SnapshotIdMap(state.ids, state.shortIds);
    for (let t = 0; t < state.terms.length; t++) search._index.set(terms[state.terms[t]!]!, new SnapshotFieldTermData(state, t));
    return search;
  }
}

/** MiniSearch's per-term data: field id → short id → term frequency. */
type FieldTermData = Map<number, Map<number, number>>;

/**
 * MiniSearch's term index (`_index`, a radix tree) with a hash map in front of it for exact-term
 * look-ups: MiniSearch fetches the term of every token it indexes and of every query term, and a
 * walk down the radix tree (scanning each node's children) cost more than the rest of indexing a
 * token. The tree stays complete and current (prefix and fuzzy search, iteration and
 * serialization go through it); the map only short-cuts `fetch`, `get` and `has`.
 */
class TermIndex extends SearchableMap<FieldTermData> {
  #exact = new Map<string, FieldTermData>();

  override fetch(key: string, initial: () => FieldTermData): FieldTermData {
    let value = this.#exact.get(key);
    if (value === undefined) {
      value = super.fetch(key, initial);
      this.#exact.set(key, value);
    }
    return value;
  }

  override get(key: string): FieldTermData | undefined {
    return this.#exact.get(key);
  }

  override has(key: string): boolean {
    return this.#exact.has(key);
  }

  override set(key: string, value: FieldTermData): this {
    this.#exact.set(key, value);
    super.set(key, value);
    return this;
  }

  override update(key: string, fn: (value: FieldTermData | undefined) => FieldTermData): this {
    super.update(key, fn);
    this.#exact.set(key, super.get(key)!);
    return this;
  }

  override delete(key: string): void {
    this.#exact.delete(key);
    super.delete(key);
  }

  override clear(): void {
    this.#exact.clear();
    super.clear();
  }
}

/**
 * A map restored lazily: `settle()` fills it from the snapshot's arrays before anything reads the
 * whole map (its size, or iterating it); subclasses decide what else settles it first.
 */
abstract class SettlingMap<K, V> extends Map<K, V> {
  /** Fills the map from what is pending, once. */
  protected abstract settle(): void;

  override get size(): number {
    this.settle();
    return super.size;
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.settle();
    super.forEach(callback, thisArg);
  }

  override entries(): MapIterator<[K, V]> {
    this.settle();
    return super.entries();
  }

  override keys(): MapIterator<K> {
    this.settle();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.settle();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.settle();
    return super[Symbol.iterator]();
  }
}

/**
 * MiniSearch's short id → passage key map (`_documentIds`), answering `has` and `get` from typed
 * arrays. MiniSearch calls both for every posting it walks, in short id order; in a hash map of
 * 400,000 entries each is a cache miss (at 50,000 articles, `_documentIds.has` alone was 46% of
 * the time spent answering). Still a `Map` holding the same entries, so MiniSearch, its
 * serialization and vacuuming see no difference. Keys are short ids (non-negative integers) and
 * values passage keys (integers), as `PassageIndex` uses them.
 */
class ShortIdMap extends SettlingMap<number, number> {
  #ids = new Int32Array(1024);
  #live = new Uint8Array(1024);
  /** Entries restored from a snapshot and not yet in the map itself (see {@link restore}). */
  #pending: { shortIds: Int32Array; ids: Int32Array } | null = null;

  /**
   * Takes a snapshot's short ids and passage keys (the map must be empty): `has` and `get` answer
   * from them at once; the map itself is filled, in the same order, when first iterated or changed.
   */
  restore(shortIds: Int32Array, ids: Int32Array): void {
    if (super.size > 0 || this.#pending !== null) throw new Error('PassageMiniSearch: short ids can only be restored into an empty map');
    let max = -1;
    for (let i = 0; i < shortIds.length; i++) if (shortIds[i]! > max) max = shortIds[i]!;
    this.#grow(max);
    for (let i = 0; i < shortIds.length; i++) {
      this.#ids[shortIds[i]!] = ids[i]!;
      this.#live[shortIds[i]!] = 1;
    }
    this.#pending = { shortIds, ids };
  }

  /** Puts restored entries into the map itself (before anything reads or changes it as a map). */
  protected override settle(): void {
    const pending = this.#pending;
    if (pending === null) return;
    this.#pending = null;
    for (let i = 0; i < pending.shortIds.length; i++) super.set(pending.shortIds[i]!, pending.ids[i]!);
  }

  #grow(key: number): void {
    if (key < this.#live.length) return;
    let size = this.#live.length;
    while (size <= key) size *= 2;
    const ids = new Int32Array(size);
    ids.set(this.#ids);
    this.#ids = ids;
    const live = new Uint8Array(size);
    live.set(this.#live);
    this.#live = live;
  }

  override has(key: number): boolean {
    return this.#live[key] === 1;
  }

  override get(key: number): number | undefined {
    return this.#live[key] === 1 ? this.#ids[key] : undefined;
  }

  override set(key: number, value: number): this {
    this.settle();
    this.#grow(key);
    this.#ids[key] = value;
    this.#live[key] = 1;
    return super.set(key, value);
  }

  override delete(key: number): boolean {
    this.settle();
    if (key < this.#live.length) this.#live[key] = 0;
    return super.delete(key);
  }

  override clear(): void {
    this.#pending = null;
    this.#live.fill(0);
    super.clear();
  }
}

/** MiniSearch's short id → field lengths map (`_fieldLength`), read through an array indexed by short id (see {@link ShortIdMap}). */
class FieldLengthMap extends SettlingMap<number, number[]> {
  #byId: Array<number[] | undefined> = [];
  /** Restored from a snapshot, not yet read (see {@link restore}): short id → row + 1 (0: none), and the rows. */
  #pending: { rowOf: Int32Array; lengths: Int32Array; width: number; shortIds: Int32Array } | null = null;

  /**
   * Takes a snapshot's field lengths (`width` per short id, -1 for none; the map must be empty):
   * a short id's array is made when first read, the map itself filled (in the same order, with the
   * same arrays) when first iterated or changed.
   */
  restore(shortIds: Int32Array, lengths: Int32Array, width: number): void {
    if (super.size > 0 || this.#pending !== null || this.#byId.length > 0) throw new Error('PassageMiniSearch: field lengths can only be restored into an empty map');
    let max = -1;
    for (let i = 0; i < shortIds.length; i++) if (shortIds[i]! > max) max = shortIds[i]!;
    const rowOf = new Int32Array(max + 1);
    for (let i = 0; i < shortIds.length; i++) rowOf[shortIds[i]!] = i + 1;
    this.#pending = { rowOf, lengths, width, shortIds };
  }

  /** The restored array of `key`, made now (undefined when the snapshot has none left for it). */
  #restored(key: number): number[] | undefined {
    const pending = this.#pending;
    if (pending === null) return undefined;
    const row = key < pending.rowOf.length ? pending.rowOf[key]! : 0;
    if (row === 0) return undefined;
    const lengths: number[] = [];
    for (let f = 0; f < pending.width; f++) {
      const length = pending.lengths[(row - 1) * pending.width + f]!;
      if (length >= 0) lengths[f] = length;
    }
    while (this.#byId.length < key) this.#byId.push(undefined);
    this.#byId[key] = lengths;
    return lengths;
  }

  /** Puts restored entries into the map itself (before anything iterates or changes it as a map). */
  protected override settle(): void {
    const pending = this.#pending;
    if (pending === null) return;
    for (let i = 0; i < pending.shortIds.length; i++) {
      const shortId = pending.shortIds[i]!;
      const lengths = this.get(shortId);
      if (lengths !== undefined) super.set(shortId, lengths);
    }
    this.#pending = null;
  }

  override has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  override get(key: number): number[] | undefined {
    const lengths = this.#byId[key];
    return lengths !== undefined ? lengths : this.#restored(key);
  }

  override set(key: number, value: number[]): this {
    this.settle();
    while (this.#byId.length < key) this.#byId.push(undefined);
    this.#byId[key] = value;
    return super.set(key, value);
  }

  override delete(key: number): boolean {
    this.settle();
    if (key < this.#byId.length) this.#byId[key] = undefined;
    return super.delete(key);
  }

  override clear(): void {
    this.#pending = null;
    this.#byId = [];
    super.clear();
  }
}

/**
 * MiniSearch's passage key → short id map (`_idToShortId`) restored from a snapshot: filled from
 * the snapshot's arrays on first use (MiniSearch reads it only to add, discard or replace a
 * passage, never to answer), then a plain map.
 */
class SnapshotIdMap extends SettlingMap<number, number> {
  #pending: { ids: Int32Array; shortIds: Int32Array } | null;

  constructor(ids: Int32Array, shortIds: Int32Array) {
    super();
    this.#pending = { ids, shortIds };
  }

  protected override settle(): void {
    const pending = this.#pending;
    if (pending === null) return;
    this.#pending = null;
    for (let i = 0; i < pending.ids.length; i++) super.set(pending.ids[i]!, pending.shortIds[i]!);
  }

  override get(key: number): number | undefined {
    this.settle();
    return super.get(key);
  }

  override has(key: number): boolean {
    this.settle();
    return super.has(key);
  }

  override set(key: number, value: number): this {
    this.settle();
    return super.set(key, value);
  }

  override delete(key: number): boolean {
    this.settle();
    return super.delete(key);
  }

  override clear(): void {
    this.#pending = null;
    super.clear();
  }
}

/**
 * MiniSearch's data for one term (field id → short id → term frequency) restored from a snapshot
 * on first use: until MiniSearch reads the term, its postings stay in the snapshot's arrays; the
 * first call of any `Map` method fills the map with exactly what `MiniSearch.loadJS` would have put
 * in it, and from then on it is a plain map.
 */
class SnapshotFieldTermData extends Map<number, Map<number, number>> {
  #state: MiniSearchState | null;
  readonly #term: number;

  constructor(state: MiniSearchState, term: number) {
    super();
    this.#state = state;
    this.#term = term;
  }

  #load(): void {
    const state = this.#state;
    if (state === null) return;
    this.#state = null;
    const t = this.#term;
    const present = state.fieldPresence[t]!;
    for (let f = 0; f < PASSAGE_FIELDS.length; f++) {
      if ((present & (1 << f)) === 0) continue;
      const { offsets, ids, tfs } = state.postings[f]!;
      const freqs = new Map<number, number>();
      for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) freqs.set(ids[i]!, tfs[i]!);
      super.set(f, freqs);
    }
  }

  override get(key: number): Map<number, number> | undefined {
    this.#load();
    return super.get(key);
  }

  override set(key: number, value: Map<number, number>): this {
    this.#load();
    return super.set(key, value);
  }

  override has(key: number): boolean {
    this.#load();
    return super.has(key);
  }

  override delete(key: number): boolean {
    this.#load();
    return super.delete(key);
  }

  override clear(): void {
    this.#state = null;
    super.clear();
  }

  override get size(): number {
    this.#load();
    return super.size;
  }

  override forEach(callback: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown): void {
    this.#load();
    super.forEach(callback, thisArg);
  }

  override entries(): MapIterator<[number, Map<number, number>]> {
    this.#load();
    return super.entries();
  }

  override keys(): MapIterator<number> {
    this.#load();
    return super.keys();
  }

  override values(): MapIterator<Map<number, number>> {
    this.#load();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    this.#load();
    return super[Symbol.iterator]();
  }
}

/** The internals this module replaces or reads, as MiniSearch 7.2.0 has them on a new instance. */
const KNOWN_INTERNALS: ReadonlyArray<[string, (value: unknown) => boolean]> = [
  ['_index', (v) => v instanceof Object && typeof (v as { fetch?: unknown }).fetch === 'function' && typeof (v as { atPrefix?: unknown }).atPrefix === 'function'],
  ['_documentIds', (v) => v instanceof Map],
  ['_idToShortId', (v) => v instanceof Map],
  ['_fieldLength', (v) => v instanceof Map],
  ['_avgFieldLength', (v) => Array.isArray(v)],
  ['_documentCount', (v) => v === 0],
  ['_nextId', (v) => v === 0],
  ['_dirtCount', (v) => v === 0],
];

/**
 * Throws when a new MiniSearch lacks an internal this module replaces or reads, or has it with
 * another type (a `minisearch` upgrade): better no start than wrong answers.
 */
export function assertKnownInternals(search: MiniSearch<PassageRecord>): void {
  const fields = search as unknown as Record<string, unknown>;
  const changed = KNOWN_INTERNALS.filter(([name, ok]) => !ok(fields[name])).map(([name]) => name);
  if (changed.length > 0) {
    throw new Error(
      `PassageMiniSearch: minisearch's internals changed (${changed.join(', ')}); src/core/search/passageMiniSearch.ts knows minisearch ${MINISEARCH_VERSION}: ` +
        'pin that version in package.json or adapt the module (its tests say what it relies on)',
    );
  }
}
