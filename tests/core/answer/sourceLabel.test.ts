/** Source labels: the headline, else the start of the first sentence (marked as such), never a raw id. */
import { describe, expect, it } from 'vitest';
import { AnswerEngine, loadCorpus, parseDocument, sourceLabel, LEAD_LABEL_CHARS } from '../../../src/core/index.js';

const seeds = loadCorpus('seeds').documents;

describe('sourceLabel', () => {
  it('labels every seed article with its headline or the start of its first sentence, never its id', () => {
    const labels = new Map(seeds.map((doc) => [doc.id, sourceLabel(doc)]));
    expect(labels.get('000_c39a801cf85dcbb3')).toEqual({ text: 'Tesla Says Its In-Vehicle Cameras Aren’t Activated in China', kind: 'headline', cut: false });
    const lead = labels.get('004_fdd6b21969784f78')!;
    expect(lead.kind).toBe('lead');
    expect(lead.cut).toBe(true);
    expect(lead.text).toBe('China is restricting the use of Tesla’s electric cars by military personnel and…');
    for (const [id, label] of labels) {
      expect(label.text).not.toContain(id);
      expect(label.text.length).toBeLessThanOrEqual(Math.max(LEAD_LABEL_CHARS + 1, label.kind === 'headline' ? 200 : 0));
      // A lead label is the article's own words, whitespace aside.
      if (label.kind === 'lead') {
        const doc = seeds.find((d) => d.id === id)!;
        expect(doc.text.replace(/\s+/g, ' ')).toContain(label.text.replace(/…$/, ''));
      }
    }
    expect([...labels.values()].filter((l) => l.kind === 'lead')).toHaveLength(3);
  });

  it('cuts at a word boundary, joins hard-wrapped lines, and falls back to the file name without prose', () => {
    const wrapped = parseDocument({
      id: 'w',
      path: 'c/w.txt',
      relPath: 'w.txt',
      text:
        'The regulator said on Sunday that the recall of the cars\ncovers cars built between January and March of this\nyear, and that no injuries have been reported so far.\n\nOwners will be contacted by the company from April on,\nthe regulator said in a statement on its website.\n',
    });
    const label = sourceLabel(wrapped.document);
    expect(label.kind).toBe('lead');
    expect(label.text).toBe('The regulator said on Sunday that the recall of the cars covers cars built…');
    expect(sourceLabel({ meta: { title: null, outlet: null, published: null, url: null, author: null }, text: '', sentences: [], relPath: 'sub/empty.txt' })).toEqual({
      text: 'empty.txt',
      kind: 'file',
      cut: false,
    });
  });

  it('travels in the Answer JSON with the raw id and offsets, which stay there', () => {
    const engine = new AnswerEngine(seeds);
    const answer = engine.answer('what did Musk say');
    for (const excerpt of answer.excerpts) {
      expect(excerpt.source.docId).toMatch(/^00\d_/);
      expect(excerpt.source.label.text.length).toBeGreaterThan(10);
      for (const other of excerpt.alsoIn) expect(other.label.text.length).toBeGreaterThan(10);
    }
    expect(engine.documents().every((doc) => doc.label.text.length > 10)).toBe(true);
  });
});

describe('AnswerEngine.excerptContext', () => {
  const engine = new AnswerEngine(seeds);

  it('gives the paragraph holding an excerpt (the excerpt at its offsets), the ones before and after, and its position', () => {
    const excerpt = engine.answer('what did Musk say').excerpts.find((e) => e.text.includes('we will get shut down'))!;
    const context = engine.excerptContext(excerpt.source.docId, excerpt.source.start, excerpt.source.end)!;
    expect(context.paragraph.text.slice(context.excerpt.start, context.excerpt.end)).toBe(excerpt.text);
    const doc = engine.document(excerpt.source.docId)!;
    expect(doc.text.slice(context.paragraph.start, context.paragraph.end)).toBe(context.paragraph.text);
    expect(context.before === null || doc.text.slice(context.before.start, context.before.end) === context.before.text).toBe(true);
    expect(context.after).not.toBeNull();
    expect(context.position).toBeGreaterThanOrEqual(1);
    expect(context.position).toBeLessThanOrEqual(context.paragraphs);
    expect(context.paragraphs).toBe(doc.paragraphs.length);
    expect(context.source.label.text).toBe(excerpt.source.label.text);
  });

  it('is null for an unknown document or a range outside the body', () => {
    expect(engine.excerptContext('nope', 0, 10)).toBeNull();
    const id = seeds[0]!.id;
    expect(engine.excerptContext(id, 10, 10)).toBeNull();
    expect(engine.excerptContext(id, -1, 10)).toBeNull();
    expect(engine.excerptContext(id, 0, 10_000_000)).toBeNull();
  });
});
