/**
 * Composing a digest: the articles first indexed in a period (matching an optional topic),
 * grouped into stories, each told by its best article with the two or three sentences that
 * best represent it and its notable statements. Extractive only: every excerpt is a sentence
 * of the article, verbatim, with its offsets. Pure: no I/O, no clock.
 *
 * @example
 * const digest = composeDigest({ period, topic: 'cameras', fresh: [{ document, firstIndexedAt }], corpus });
 * digest.stories[0].article.summary[0].text // a sentence of the article, character for character
 */
import { SpeakerRegistry } from '../answer/speakers.js';
import { sourceOf } from '../answer/catalogue.js';
import { isNearDuplicate } from '../answer/dedupe.js';
import { terms, tokenize } from '../search/analyzer.js';
import type { CorpusDocument, Sentence } from '../corpus/types.js';
import type { Digest, DigestArticle, DigestExcerpt, DigestPeriod, DigestSource, DigestStory } from './types.js';

/** Options of {@link composeDigest}. */
export interface DigestOptions {
  /** Cosine similarity (TF-IDF over article terms) above which two articles tell the same story. */
  sameStoryThreshold: number;
  /** Most summary sentences per article (2 or 3 are used). */
  maxSummarySentences: number;
  /** Most statements per article. */
  maxStatements: number;
  /** Sentences shorter than this many words do not represent an article. */
  minSummaryWords: number;
}

export const DEFAULT_DIGEST_OPTIONS: DigestOptions = {
  sameStoryThreshold: 0.3,
  maxSummarySentences: 3,
  maxStatements: 3,
  minSummaryWords: 6,
};

/** What {@link composeDigest} works from. */
export interface DigestInput {
  period: DigestPeriod;
  topic: string | null;
  /** The articles first indexed in the period, with that time. */
  fresh: ReadonlyArray<{ document: CorpusDocument; firstIndexedAt: number }>;
  /** The whole corpus being served (for word rarity and speakers' full names). */
  corpus: readonly CorpusDocument[];
}

export function composeDigest(input: DigestInput, options: Partial<DigestOptions> = {}): Digest {
  const settings = { ...DEFAULT_DIGEST_OPTIONS, ...options };
  const topicTerms = input.topic === null ? [] : [...new Set(terms(input.topic))];
  const matching = input.fresh.filter(({ document }) => matchesTopic(document, topicTerms));
  const stats = new CorpusTermStats([...input.corpus, ...input.fresh.map((f) => f.document)]);
  const registry = new SpeakerRegistry(uniqueById([...input.corpus, ...input.fresh.map((f) => f.document)]));

  const articles = matching.map(({ document, firstIndexedAt }) => ({
    document,
    firstIndexedAt,
    vector: stats.vector(document),
    quotedTerms: document.statements.map((s) => new Set(s.quoted.flatMap((q) => terms(document.text.slice(q.start, q.end))))),
  }));

  // Single-link grouping: two articles tell the same story when their vocabularies are close or they carry the same statement.
  const group = articles.map((_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const a = articles[i]!;
      const b = articles[j]!;
      const similar =
        cosine(a.vector, b.vector) >= settings.sameStoryThreshold ||
        a.quotedTerms.some((qa) => qa.size >= 4 && b.quotedTerms.some((qb) => isNearDuplicate(qa, qb)));
      if (similar) group[find(j)] = find(i);
    }
  }
  const groups = new Map<number, typeof articles>();
  articles.forEach((article, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), article]);
  });

  const stories: DigestStory[] = [...groups.values()].map((members) => {
    const ranked = [...members].sort(
      (a, b) =>
        Number(b.document.meta.title !== null) - Number(a.document.meta.title !== null) ||
        b.document.statements.length - a.document.statements.length ||
        b.document.sentences.length - a.document.sentences.length ||
        a.firstIndexedAt - b.firstIndexedAt ||
        a.document.id.localeCompare(b.document.id),
    );
    const [lead, ...others] = ranked as [(typeof ranked)[number], ...typeof ranked];
    return {
      article: describeArticle(lead.document, lead.firstIndexedAt, stats, registry, settings),
      alsoCoveredBy: others.map((other) => digestSourceOf(other.document, other.firstIndexedAt)),
    };
  });
  stories.sort(
    (a, b) =>
      b.alsoCoveredBy.length - a.alsoCoveredBy.length ||
      a.article.firstIndexedAt - b.article.firstIndexedAt ||
      a.article.docId.localeCompare(b.article.docId),
  );
  return { period: input.period, topic: input.topic, stories, newArticles: input.fresh.length, matchingArticles: matching.length };
}

/** True when the article contains every topic term (analysed like the index: cameras → camera). */
export function matchesTopic(document: CorpusDocument, topicTerms: readonly string[]): boolean {
  if (topicTerms.length === 0) return true;
  const present = new Set(terms(document.text));
  if (document.meta.title !== null) for (const term of terms(document.meta.title)) present.add(term);
  return topicTerms.every((term) => present.has(term));
}

function describeArticle(
  document: CorpusDocument,
  firstIndexedAt: number,
  stats: CorpusTermStats,
  registry: SpeakerRegistry,
  settings: DigestOptions,
): DigestArticle {
  const summary = representativeSentences(document, stats, settings);
  const summarySentences = new Set(summary.map((s) => s.sentence));
  const speakerOf = new Map(document.statements.map((s) => [s.sentence, registry.canonical(s.speaker)]));
  return {
    ...digestSourceOf(document, firstIndexedAt),
    summary: summary.map(({ sentence }) => excerpt(document, document.sentences[sentence]!, speakerOf.get(sentence) ?? null, 'summary')),
    statements: notableStatements(document, stats, registry, summarySentences, settings.maxStatements),
  };
}

/**
 * The sentences that best represent an article: those whose words are most typical of it (term
 * frequency in the article × rarity in the corpus), favouring the lead, without repeating each
 * other. Two, or three when the third is nearly as good; returned in the article's order.
 */
function representativeSentences(document: CorpusDocument, stats: CorpusTermStats, settings: DigestOptions): Array<{ sentence: number; score: number }> {
  const weights = stats.vector(document);
  const title = document.meta.title?.trim() ?? null;
  const scored: Array<{ sentence: number; score: number; terms: Set<string> }> = [];
  document.sentences.forEach((sentence, index) => {
    const text = document.text.slice(sentence.start, sentence.end);
    const tokens = tokenize(text);
    const words = text.split(/\s+/).filter(Boolean).length;
    if (words < settings.minSummaryWords || text.trim() === title) return;
    const unique = new Set(tokens.map((t) => t.term));
    let weight = 0;
    for (const term of unique) weight += weights.get(term) ?? 0;
    // Long sentences collect more terms; divide by a root of their length. The lead tells the story.
    const position = 1 + 0.6 / (1 + index);
    const lengthPenalty = words > 60 ? 0.7 : 1;
    scored.push({ sentence: index, score: (weight / Math.sqrt(unique.size + 1)) * position * lengthPenalty, terms: unique });
  });
  scored.sort((a, b) => b.score - a.score || a.sentence - b.sentence);
  const chosen: typeof scored = [];
  for (const candidate of scored) {
    if (chosen.length >= settings.maxSummarySentences) break;
    if (chosen.some((c) => overlap(c.terms, candidate.terms) > 0.6)) continue;
    if (chosen.length === 2 && candidate.score < 0.6 * chosen[0]!.score) break;
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.sentence - b.sentence).map(({ sentence, score }) => ({ sentence, score }));
}

/** Statements worth quoting: direct quotes first, then reported speech, by how typical their words are. */
function notableStatements(
  document: CorpusDocument,
  stats: CorpusTermStats,
  registry: SpeakerRegistry,
  exclude: ReadonlySet<number>,
  limit: number,
): DigestExcerpt[] {
  const weights = stats.vector(document);
  const seen = new Set<number>();
  const scored = document.statements
    .filter((statement) => !exclude.has(statement.sentence))
    .map((statement) => {
      const quoted = statement.quoted.map((q) => document.text.slice(q.start, q.end)).join(' ');
      const unique = new Set(terms(quoted));
      let weight = 0;
      for (const term of unique) weight += weights.get(term) ?? 0;
      return { statement, score: (statement.kind === 'quote' ? 2 : 1) * (1 + weight / Math.sqrt(unique.size + 1)) };
    })
    .sort((a, b) => b.score - a.score || a.statement.start - b.statement.start);
  const chosen: DigestExcerpt[] = [];
  for (const { statement } of scored) {
    if (chosen.length >= limit) break;
    if (seen.has(statement.sentence)) continue;
    seen.add(statement.sentence);
    chosen.push({
      text: document.text.slice(statement.start, statement.end),
      speaker: registry.canonical(statement.speaker),
      kind: statement.kind,
      start: statement.start,
      end: statement.end,
    });
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function excerpt(document: CorpusDocument, sentence: Sentence, speaker: string | null, kind: DigestExcerpt['kind']): DigestExcerpt {
  return { text: document.text.slice(sentence.start, sentence.end), speaker, kind, start: sentence.start, end: sentence.end };
}

function digestSourceOf(document: CorpusDocument, firstIndexedAt: number): DigestSource {
  return { ...sourceOf(document), firstIndexedAt };
}

/** Document frequencies of terms over a corpus, for TF-IDF vectors of articles. */
class CorpusTermStats {
  private readonly documentFrequency = new Map<string, number>();
  private readonly termsOf = new Map<string, Map<string, number>>();
  private readonly documents: number;

  constructor(documents: readonly CorpusDocument[]) {
    const unique = uniqueById(documents);
    this.documents = unique.length;
    for (const document of unique) {
      const counts = new Map<string, number>();
      for (const term of terms(document.text.slice(document.bodyStart))) counts.set(term, (counts.get(term) ?? 0) + 1);
      this.termsOf.set(document.id, counts);
      for (const term of counts.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  /** TF-IDF weights of an article's terms (log-scaled term frequency, smoothed IDF). */
  vector(document: CorpusDocument): Map<string, number> {
    const counts = this.termsOf.get(document.id) ?? new Map<string, number>();
    const vector = new Map<string, number>();
    for (const [term, count] of counts) {
      const df = this.documentFrequency.get(term) ?? 1;
      vector.set(term, (1 + Math.log(count)) * Math.log(1 + this.documents / df));
    }
    return vector;
  }
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, weight] of a) {
    normA += weight * weight;
    const other = b.get(term);
    if (other !== undefined) dot += weight * other;
  }
  for (const weight of b.values()) normB += weight * weight;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared / small.size;
}

function uniqueById(documents: readonly CorpusDocument[]): CorpusDocument[] {
  const byId = new Map<string, CorpusDocument>();
  for (const document of documents) byId.set(document.id, document);
  return [...byId.values()];
}
