/**
 * Composing digests: extractive, verbatim and attributed (exact offsets), stories grouped with
 * "also covered by", the topic filter, and nothing new.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeDigest, matchesTopic } from '../../../src/core/digest/index.js';
import { loadCorpus, parseDocument } from '../../../src/core/index.js';
import { terms } from '../../../src/core/search/analyzer.js';
import { NEW_ARTICLE } from '../../helpers/articles.js';

const seeds = loadCorpus('seeds').documents;
const recall = parseDocument({ id: 'recall', path: 'corpus/recall.txt', relPath: 'recall.txt', text: NEW_ARTICLE }).document;
const period = { start: 0, end: 10 };
const fresh = (docs = seeds) => docs.map((document, i) => ({ document, firstIndexedAt: i + 1 }));

describe('composeDigest', () => {
  const digest = composeDigest({ period, topic: null, fresh: fresh([...seeds, recall]), corpus: [...seeds, recall] });
  const allExcerpts = digest.stories.flatMap((s) => [...s.article.summary, ...s.article.statements].map((e) => ({ e, path: s.article.path })));

  it('quotes every excerpt verbatim, with exact offsets into the file as stored', () => {
    expect(allExcerpts.length).toBeGreaterThan(5);
    for (const { e, path } of allExcerpts) {
      const file = path === 'corpus/recall.txt' ? NEW_ARTICLE : readFileSync(path, 'utf8');
      expect(file.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('groups the articles telling the same story, leading with the one that names itself, others "also covered by"', () => {
    const cameras = digest.stories.find((s) => s.article.docId === '000_c39a801cf85dcbb3')!;
    expect(cameras.article.title).toBe('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China');
    expect(cameras.alsoCoveredBy.map((s) => s.docId).sort()).toEqual(['001_953c6a8def8152e0', '002_5fed4d3acbf6fb6c', '003_6c1a8c9789bfba52']);
    expect(cameras.alsoCoveredBy.find((s) => s.docId === '002_5fed4d3acbf6fb6c')).toMatchObject({ outlet: 'News ru', published: '2021-05-26' });
    const recallStory = digest.stories.find((s) => s.article.docId === 'recall')!;
    expect(recallStory.alsoCoveredBy).toEqual([]);
    expect(digest.stories[0]).toBe(cameras);
    expect(digest).toMatchObject({ newArticles: 6, matchingArticles: 6 });
  });

  it('tells an article with one or two sentences central to it, in order, and at most one statement with its speaker', () => {
    const article = digest.stories.find((s) => s.article.docId === 'recall')!.article;
    expect(article).toMatchObject({ title: 'Tesla recalls Model Y cars over a seat belt fault in Shanghai', outlet: 'Example Wire', published: '2024-03-24', url: null });
    expect(article.summary.length).toBeGreaterThanOrEqual(1);
    expect(article.summary.length).toBeLessThanOrEqual(2);
    expect(article.summary[0]!.text).toMatch(/^Tesla is recalling 12,000 Model Y cars/);
    expect(article.summary.map((e) => e.start)).toEqual([...article.summary.map((e) => e.start)].sort((a, b) => a - b));
    expect(article.statements).toHaveLength(1);
    expect(article.statements[0]).toMatchObject({ kind: 'quote' });
    const summaryStarts = new Set(article.summary.map((e) => e.start));
    for (const statement of article.statements) expect(summaryStarts.has(statement.start)).toBe(false);
    for (const story of digest.stories) {
      expect(story.article.summary.length).toBeLessThanOrEqual(2);
      expect(story.article.statements.length).toBeLessThanOrEqual(1);
      for (const statement of story.article.statements) expect(statement.speaker).not.toBeNull();
    }
  });

  it('never picks an aside about another subject, and gives a statement that cannot stand alone its sentence before', () => {
    const restricting = composeDigest({ period, topic: null, fresh: fresh([seeds[4]!]), corpus: seeds }).stories[0]!.article;
    const all = [...restricting.summary, ...restricting.statements].map((e) => e.text).join('\n');
    expect(all).not.toMatch(/human rights organizations|biotech/);
    expect(restricting.summary[0]!.text).toMatch(/^China is restricting the use of Tesla’s electric cars/);
    // "Huawei denies the allegations." is never shown without what it denies.
    for (const { e } of allExcerpts) if (e.text.includes('Huawei denies')) expect(e.text.indexOf('Huawei denies')).toBeGreaterThan(0);
  });

  it('puts the most important story first: the one told by most articles and outlets, then the newest', () => {
    expect(digest.stories[0]!.alsoCoveredBy.length).toBe(3);
    const rest = digest.stories.slice(1);
    expect(rest.map((s) => s.article.firstIndexedAt)).toEqual([...rest.map((s) => s.article.firstIndexedAt)].sort((a, b) => b - a));
  });

  it('keeps only the articles with every topic word (analysed like the index: recalls → recall)', () => {
    const topical = composeDigest({ period, topic: 'Shanghai recalls', fresh: fresh([...seeds, recall]), corpus: seeds });
    expect(topical.stories.map((s) => s.article.docId)).toEqual(['recall']);
    expect(topical).toMatchObject({ newArticles: 6, matchingArticles: 1, topic: 'Shanghai recalls' });
    expect(matchesTopic(recall, terms('seat belt'))).toBe(true);
    expect(matchesTopic(recall, terms('seat belt Huawei'))).toBe(false);
  });

  it('is empty when nothing is new', () => {
    expect(composeDigest({ period, topic: null, fresh: [], corpus: seeds })).toEqual({ period, topic: null, stories: [], newArticles: 0, matchingArticles: 0 });
  });
});
