/**
 * The one module that reaches inside MiniSearch: pinned to the version it knows, guarded, and held
 * to answering every search exactly as plain MiniSearch does, whatever sequence of adds, discards,
 * vacuums, removeAll and snapshot restores came before (a restored index fills its maps lazily).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSAGE_INDEX_OPTIONS } from '../../../src/core/search/passageIndex.js';
import {
  assertKnownInternals,
  MINISEARCH_VERSION,
  PassageMiniSearch,
  passageMiniSearchOptions,
  type PassageRecord,
} from '../../../src/core/search/passageMiniSearch.js';

const options = { ...passageMiniSearchOptions(DEFAULT_PASSAGE_INDEX_OPTIONS), autoVacuum: false };
const VOCABULARY = ['cam', 'camera', 'cameras', 'car', 'cars', 'china', 'chip', 'data', 'date', 'spy'];
const TERM_IDS = new Map(VOCABULARY.map((term, id) => [term, id]));

type Op =
  | { kind: 'add'; id: number; title: string[]; text: string[] }
  | { kind: 'discard'; pick: number }
  | { kind: 'vacuum' }
  | { kind: 'removeAll' }
  | { kind: 'restore' };

const term = fc.constantFrom(...VOCABULARY);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 0, max: 30 }), title: fc.array(term, { maxLength: 3 }), text: fc.array(term, { minLength: 1, maxLength: 8 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('discard' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'vacuum' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
  { weight: 1, arbitrary: fc.oneof({ weight: 1, arbitrary: fc.constant({ kind: 'removeAll' as const }) }, { weight: 4, arbitrary: fc.constant({ kind: 'vacuum' as const }) }) },
);

/** Every kind of search the index runs: single and several terms, OR and AND, boosts, filters, prefix and fuzzy. */
const SEARCHES: Array<[string[], SearchOptions]> = [
  ...VOCABULARY.map((t): [string[], SearchOptions] => [[t], {}]),
  [['camera', 'china', 'spy'], {}],
  [['car', 'data'], { combineWith: 'AND' }],
  [['cars', 'chip', 'date'], { boostTerm: (t: string) => (t === 'chip' ? 0.5 : 1) }],
  [['camera', 'data'], { boostDocument: (id: unknown) => ((id as number) % 3 === 0 ? 0 : 1 + ((id as number) % 2)) }],
  [['ca'], { prefix: true }],
  [['dat', 'chin'], { fuzzy: 1 }],
];

function results(search: MiniSearch<PassageRecord>): unknown[] {
  return SEARCHES.map(([terms, searchOptions]) => search.search({ queries: terms, combineWith: searchOptions.combineWith ?? 'OR' }, searchOptions));
}

describe('PassageMiniSearch (MiniSearch internals, in one module)', () => {
  it(`is pinned to minisearch ${MINISEARCH_VERSION}, the version whose internals it knows`, () => {
    const installed = JSON.parse(readFileSync('node_modules/minisearch/package.json', 'utf8')) as { version: string };
    const declared = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies['minisearch'];
    expect(installed.version, 'minisearch was upgraded: check src/core/search/passageMiniSearch.ts against its internals, then update MINISEARCH_VERSION').toBe(MINISEARCH_VERSION);
    expect(declared, 'keep minisearch pinned to an exact version in package.json').toBe(MINISEARCH_VERSION);
    expect(new MiniSearch(options).toJSON().serializationVersion).toBe(2);
  });

  it('refuses to start on a MiniSearch whose internals changed, naming them', () => {
    const plain = new MiniSearch<PassageRecord>(options);
    expect(() => assertKnownInternals(plain)).not.toThrow();
    const renamed = new MiniSearch<PassageRecord>(options) as unknown as Record<string, unknown>;
    renamed['_docIds'] = renamed['_documentIds'];
    delete renamed['_documentIds'];
    renamed['_fieldLength'] = {};
    expect(() => assertKnownInternals(renamed as unknown as MiniSearch<PassageRecord>)).toThrow(/internals changed \(_documentIds, _fieldLength\).*minisearch 7\.2\.0/);
  });

  it('keeps its own structures after removeAll() (MiniSearch would put plain maps back)', () => {
    const search = new PassageMiniSearch(options);
    const kinds = () => {
      const fields = search as unknown as Record<string, { constructor: { name: string } }>;
      return ['_index', '_documentIds', '_fieldLength'].map((name) => fields[name]!.constructor.name);
    };
    const before = kinds();
    expect(before).toEqual(['TermIndex', 'ShortIdMap', 'FieldLengthMap']);
    search.add({ id: 1, title: ['car'], text: ['camera', 'china'] });
    search.removeAll();
    expect(kinds()).toEqual(before);
    search.add({ id: 2, title: [], text: ['camera'] });
    expect(search.search('camera').map((r) => r.id)).toEqual([2]);
    expect(search.search('china')).toEqual([]);
  });

  it('answers every search exactly as plain MiniSearch after random add/discard/vacuum/removeAll/snapshot-restore sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        let ours = new PassageMiniSearch(options);
        let plain = new MiniSearch<PassageRecord>(options);
        const live: number[] = [];
        for (const step of ops) {
          switch (step.kind) {
            case 'add':
              if (live.includes(step.id)) continue;
              ours.add(step);
              plain.add(step);
              live.push(step.id);
              break;
            case 'discard': {
              if (live.length === 0) continue;
              const [id] = live.splice(step.pick % live.length, 1);
              ours.discard(id);
              plain.discard(id);
              break;
            }
            case 'vacuum':
              await Promise.all([ours.vacuum(), plain.vacuum()]);
              break;
            case 'removeAll':
              ours.removeAll();
              plain.removeAll();
              live.length = 0;
              break;
            case 'restore':
              ours = PassageMiniSearch.fromState(ours.exportState(TERM_IDS), VOCABULARY, options);
              plain = MiniSearch.loadJSON(JSON.stringify(plain), options);
              break;
          }
          expect(results(ours)).toEqual(results(plain));
          expect(ours.documentCount).toBe(plain.documentCount);
          for (const t of VOCABULARY) expect(ours.postingCount(t)).toBe(postingCount(plain, t));
        }
        for (let id = 0; id <= 30; id++) expect(ours.has(id)).toBe(plain.has(id));
        expect(JSON.stringify(ours)).toBe(JSON.stringify(plain));
      }),
      { numRuns: 150 },
    );
  });
});

/** Postings of a term in plain MiniSearch, through its serialized form (the public view of its index). */
function postingCount(search: MiniSearch<PassageRecord>, term: string): number {
  const json = search.toJSON() as unknown as { index: Array<[string, Record<string, Record<string, number>>]> };
  const entry = json.index.find(([t]) => t === term);
  if (entry === undefined) return 0;
  return Object.values(entry[1]).reduce((sum, postings) => sum + Object.keys(postings).length, 0);
}
