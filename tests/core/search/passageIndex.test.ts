import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus, parseDocument, type CorpusDocument } from '../../../src/core/index.js';
import { terms } from '../../../src/core/search/analyzer.js';
import {
  PassageIndex,
  PassageMiniSearch,
  passageMiniSearchOptions,
  type PassageRule,
} from '../../../src/core/search/passageIndex.js';

const { documents } = loadCorpus('seeds');

function doc(id: string, text: string): CorpusDocument {
  return parseDocument({ id, path: `${id}.txt`, relPath: `${id}.txt`, text }).document;
}

function weightsOf(question: string, related: Record<string, number> = {}): Map<string, number> {
  const weights = new Map(terms(question).map((t) => [t, 1] as [string, number]));
  for (const [word, weight] of Object.entries(related)) weights.set(terms(word)[0]!, weight);
  return weights;
}

/** One group per word asked (plus the related words given), as the engine builds them. */
function ruleOf(index: PassageIndex, question: string, minGroups: number, maxScored?: number): PassageRule {
  return {
    groups: terms(question).map((term) => ({ variants: new Map([[term, 1]]), idf: index.idf(term), required: false })),
    minGroups,
    minCoverage: 0.4,
    ...(maxScored === undefined ? {} : { maxScored }),
  };
}

const questions = ['camera china spy', 'tesla ban military', 'consumer reports privacy', 'musk shut down', 'national security data'];

describe('PassageIndex: MiniSearch over passages', () => {
  const index = new PassageIndex();
  for (const d of documents) index.add(d);

  it('is a MiniSearch index with one document per passage and no stored fields', () => {
    expect(index.miniSearch).toBeInstanceOf(MiniSearch);
    expect(index.miniSearch.documentCount).toBe(index.passageCount);
    expect(index.passageCount).toBe(documents.reduce((n, d) => n + d.passages.length, 0));
    const json = JSON.parse(JSON.stringify(index.miniSearch)) as { storedFields: object; fieldIds: object };
    expect(json.storedFields).toEqual({});
    expect(json.fieldIds).toEqual({ title: 0, text: 1 });
  });

  it('ranks exactly as a MiniSearch OR query with boostTerm and the title boost', () => {
    for (const question of questions) {
      const weights = weightsOf(question, { vehicle: 0.4 });
      const known = [...weights.keys()].filter((t) => index.passageFrequencyOf(t) > 0);
      const expected = index.miniSearch
        .search({ queries: known, combineWith: 'OR' }, { boostTerm: (t) => weights.get(t) ?? 1 })
        .slice(0, 10);
      const hits = index.search(weights, 10);
      expect(hits.map((h) => h.score)).toEqual(expected.map((r) => r.score));
      expect(hits.length).toBeGreaterThan(0);
      // Headline matches weigh 1.5 times body matches.
      expect(index.miniSearch.search(known.join(' '), { fields: ['title'] }).every((r) => r.score > 0)).toBe(true);
    }
  });

  /** Whether an article (headline and all sentences) meets a rule, computed the plain way. */
  function articleMeets(rule: PassageRule, hit: { doc: CorpusDocument }): boolean {
    const held = new Set<string>(terms(hit.doc.meta.title ?? ''));
    hit.doc.sentences.forEach((_, s) => index.termsOfSentence(hit.doc.id, s).forEach((t) => held.add(t)));
    const groups = rule.groups.filter((g) => [...g.variants.keys()].some((t) => held.has(t)));
    const total = rule.groups.reduce((sum, g) => sum + g.idf, 0);
    const coverage = groups.reduce((sum, g) => sum + g.idf, 0) / total;
    return groups.length >= rule.minGroups && coverage >= rule.minCoverage;
  }

  it('with a rule, returns exactly the passages of the articles the rule accepts, in MiniSearch order', () => {
    for (const question of questions) {
      const weights = weightsOf(question);
      const rule = ruleOf(index, question, 2);
      const accepted = index.search(weights, 1000).filter((hit) => articleMeets(rule, hit));
      const hits = index.search(weights, 1000, { rule });
      expect(hits.map((h) => [h.doc.id, h.passage.start, h.score])).toEqual(accepted.map((h) => [h.doc.id, h.passage.start, h.score]));
    }
  });

  it('with a rule, a passage answers through its article: a name in the headline or lead counts for every passage', () => {
    const local = new PassageIndex();
    local.add(doc('lead', 'Zorblax opens a factory in Ghent\n\nThe carmaker Zorblax will open a plant in Ghent next year.\n\nThe plant will employ 900 people, the company said.'));
    const rule: PassageRule = { ...ruleOf(local, 'Zorblax plant employ', 3), groups: ruleOf(local, 'Zorblax plant employ', 3).groups.map((g, i) => ({ ...g, required: i === 0 })) };
    const hits = local.search(weightsOf('Zorblax plant employ'), 10, { rule });
    expect(hits.some((h) => /900 people/.test(h.doc.text.slice(h.passage.start, h.passage.end)))).toBe(true);
  });

  it('with a rule and a cap, scores the passages of the articles covering the question best', () => {
    const rule = ruleOf(index, 'tesla china', 1, 3);
    const hits = index.search(weightsOf('tesla china'), 1000, { rule });
    const articles = new Set(hits.map((h) => h.doc));
    // Whole articles are scored: the first article that meets the rule passes the cap of 3 passages alone.
    expect(articles.size).toBe(1);
    for (const hit of hits) expect(articleMeets(rule, hit)).toBe(true);
  });

  it('applies the document filter and required groups before scoring', () => {
    const only = documents[1]!.id;
    const hits = index.search(weightsOf('tesla china'), 50, { accept: (d) => d.id === only, rule: ruleOf(index, 'tesla china', 1) });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.doc.id === only)).toBe(true);
    const required: PassageRule = { ...ruleOf(index, 'tesla zeppelin', 1), groups: ruleOf(index, 'tesla zeppelin', 1).groups.map((g, i) => ({ ...g, required: i === 1 })) };
    expect(index.search(weightsOf('tesla zeppelin'), 50, { rule: required })).toEqual([]);
  });

  it('keeps the postings budget without a rule: frequent terms only add to passages rarer terms found', () => {
    const weights = weightsOf('tesla camera');
    const rarest = [...weights.keys()].sort((a, b) => index.passageFrequencyOf(a) - index.passageFrequencyOf(b))[0]!;
    const hits = index.search(weights, 100, { maxPostings: 1 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const body = new Set<string>(terms(hit.doc.meta.title ?? ''));
      for (let s = hit.passage.firstSentence; s <= hit.passage.lastSentence; s++) for (const t of index.termsOfSentence(hit.doc.id, s)) body.add(t);
      expect(body.has(rarest)).toBe(true);
    }
  });
});

describe('PassageIndex: incremental updates', () => {
  it('adds, replaces and removes documents (MiniSearch discard), vacuums, and stays consistent', async () => {
    const index = new PassageIndex();
    for (const d of documents) index.add(d);
    const zeppelin = doc('zeppelin', 'Zeppelin News\n\nA zeppelin airship landed in Berlin on Monday. Crowds watched the zeppelin.');
    index.add(zeppelin);
    expect(index.search(weightsOf('zeppelin airship'), 5)[0]?.doc.id).toBe('zeppelin');
    expect(index.sentenceFrequencyOf('zeppelin')).toBe(2);

    // Replace: same id, new text.
    index.add(doc('zeppelin', 'Balloon News\n\nA hot air balloon landed in Berlin on Monday.'));
    expect(index.search(weightsOf('zeppelin airship'), 5)).toEqual([]);
    expect(index.search(weightsOf('balloon'), 5)[0]?.doc.id).toBe('zeppelin');
    expect(index.sentenceFrequencyOf('zeppelin')).toBe(0);
    expect(index.similarTerms('zepelin', 1)).toEqual([]);

    index.remove('zeppelin');
    index.remove(documents[0]!.id);
    expect(index.search(weightsOf('balloon'), 5)).toEqual([]);
    expect(index.documentCount).toBe(documents.length - 1);
    expect(index.miniSearch.documentCount).toBe(index.passageCount);
    const before = questions.map((q) => index.search(weightsOf(q), 10).map((h) => [h.doc.id, h.passage.start, h.score]));
    await index.vacuum();
    expect(index.miniSearch.dirtCount).toBe(0);
    expect(questions.map((q) => index.search(weightsOf(q), 10).map((h) => [h.doc.id, h.passage.start, h.score]))).toEqual(before);

    // The same corpus indexed from scratch ranks alike (MiniSearch's average field lengths follow removals).
    const fresh = new PassageIndex();
    for (const d of documents.slice(1)) fresh.add(d);
    for (const q of questions) {
      const a = index.search(weightsOf(q), 10).map((h) => [h.doc.id, h.passage.start]);
      const b = fresh.search(weightsOf(q), 10).map((h) => [h.doc.id, h.passage.start]);
      expect(a).toEqual(b);
    }
  });
});

describe('PassageIndex: state for snapshots', () => {
  it('restores MiniSearch exactly: its JSON is identical to the original and to MiniSearch.loadJSON of it', () => {
    const index = new PassageIndex();
    for (const d of documents) index.add(d);
    index.add(doc('extra', 'Extra\n\nA zeppelin airship landed in Berlin on Monday.'));
    index.remove(documents[2]!.id);
    // MiniSearch's serialization, its radix tree's term order aside (MiniSearch.loadJSON does not keep it either).
    const normalized = (search: MiniSearch): unknown => {
      const js = search.toJSON();
      return { ...js, index: [...js.index].sort(([a], [b]) => (a < b ? -1 : 1)) };
    };
    const json = JSON.stringify(index.miniSearch);
    const restored = PassageIndex.restore(index.exportState());
    expect(restored.miniSearch).toBeInstanceOf(PassageMiniSearch);
    expect(JSON.stringify(normalized(restored.miniSearch))).toBe(JSON.stringify(normalized(index.miniSearch)));
    const loaded = MiniSearch.loadJSON(json, passageMiniSearchOptions(index.options));
    expect(JSON.stringify(normalized(loaded))).toBe(JSON.stringify(normalized(index.miniSearch)));
    for (const q of [...questions, 'zeppelin airship']) {
      expect(restored.search(weightsOf(q), 20)).toEqual(index.search(weightsOf(q), 20));
      expect(restored.search(weightsOf(q), 20, { rule: ruleOf(restored, q, 1) })).toEqual(index.search(weightsOf(q), 20, { rule: ruleOf(index, q, 1) }));
    }
    // A restored index keeps updating: new passage keys after the old ones.
    restored.add(doc('later', 'Later\n\nThe airship flew over Hamburg.'));
    expect(restored.search(weightsOf('airship hamburg'), 5)[0]?.doc.id).toBe('later');
    restored.remove('extra');
    expect(restored.search(weightsOf('zeppelin'), 5)).toEqual([]);
  });

  it('restores term postings on first use, and a restored index vacuums and exports like any other', async () => {
    const index = new PassageIndex();
    for (const d of documents) index.add(d);
    const restored = PassageIndex.restore(index.exportState());
    for (const d of documents.slice(0, 2)) {
      index.remove(d.id);
      restored.remove(d.id);
    }
    await Promise.all([index.vacuum(), restored.vacuum()]);
    expect(restored.miniSearch.dirtCount).toBe(0);
    const again = PassageIndex.restore(restored.exportState());
    for (const q of questions) {
      const expected = index.search(weightsOf(q), 20);
      expect(restored.search(weightsOf(q), 20)).toEqual(expected);
      expect(again.search(weightsOf(q), 20)).toEqual(expected);
    }
  });
});
