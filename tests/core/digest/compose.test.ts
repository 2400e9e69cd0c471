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

  it('summarizes an article with two or three of its sentences, in order, and lists its statements with speakers', () => {
    const article = digest.stories.find((s) => s.article.docId === 'recall')!.article;
    expect(article).toMatchObject({ title: 'Tesla recalls Model Y cars over a seat belt fault in Shanghai', outlet: 'Example Wire', published: '2024-03-24', url: null });
    expect(article.summary.length).toBeGreaterThanOrEqual(2);
    expect(article.summary.length).toBeLessThanOrEqual(3);
    expect(article.summary[0]!.text).toMatch(/^Tesla is recalling 12,000 Model Y cars/);
    expect(article.summary.map((e) => e.start)).toEqual([...article.summary.map((e) => e.start)].sort((a, b) => a - b));
    expect(article.statements.map((e) => [e.speaker, e.kind])).toContainEqual(['Jane Roe', 'quote']);
    const summaryStarts = new Set(article.summary.map((e) => e.start));
    for (const statement of article.statements) expect(summaryStarts.has(statement.start)).toBe(false);
    // A statement carries its canonical speaker: "Musk" is Elon Musk.
    const musk = allExcerpts.find(({ e }) => e.text.startsWith('“If Tesla used cars to spy'));
    expect(musk?.e.speaker).toBe('Elon Musk');
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
