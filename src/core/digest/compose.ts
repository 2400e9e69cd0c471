/**
 * Composing a digest: the articles first indexed in a period (matching an optional topic),
 * grouped into stories, each told by its best article with the one or two sentences central to
 * it (their words run through the rest of the article: an aside about another subject is never
 * chosen) and at most one notable statement, with the sentence before it when it does not stand
 * alone (the same rule as answers' excerpts). The most important stories come first: covered by
 * the most articles, then the newest. Extractive only: every excerpt is a slice of the article,
 * verbatim, with its offsets. Pure: no I/O, no clock.
 *
 * @example
 * const digest = composeDigest({ period, topic: 'cameras', fresh: [{ document, firstIndexedAt }], corpus });
 * digest.stories[0].article.summary[0].text // a sentence of the article, character for character
 */
import { SpeakerRegistry } from '../answer/speakers.js';
import { sourceOf } from '../answer/catalogue.js';
import { isNearDuplicate } from '../answer/dedupe.js';
import { terms } from '../search/analyzer.js';
import { excerptRange } from '../answer/passages.js';
import type { CorpusDocument, Sentence } from '../corpus/types.js';
import type { Digest, DigestArticle, DigestExcerpt, DigestPeriod, DigestSource, DigestStory } from './types.js';

/** Options of {@link composeDigest}. */
export interface DigestOptions {
  /** Cosine similarity (TF-IDF over article terms) above which two articles tell the same story. */
  sameStoryThreshold: number;
  /** Most summary sentences per article (the second only when nearly as central as the first). */
  maxSummarySentences: number;
  /** Most statements per article. */
  maxStatements: number;
  /** A statement quotes at least this many words to be notable. */
  minStatementWords: number;
  /** Sentences shorter than this many words do not represent an article. */
  minSummaryWords: number;
}

export const DEFAULT_DIGEST_OPTIONS: DigestOptions = {
  sameStoryThreshold: 0.3,
  maxSummarySentences: 2,
  maxStatements: 1,
  minSummaryWords: 8,
  minStatementWords: 6,
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
  // The most important first: told by the most articles (and outlets), then the newest.
  const outlets = (story: DigestStory) => new Set([story.article, ...story.alsoCoveredBy].map((s) => s.outlet ?? s.docId)).size;
  stories.sort(
    (a, b) =>
      b.alsoCoveredBy.length - a.alsoCoveredBy.length ||
      outlets(b) - outlets(a) ||
      b.article.firstIndexedAt - a.article.firstIndexedAt ||
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
  const centrality = new Centrality(document, stats);
  const summary = centralSentences(document, centrality, settings);
  const summarySentences = new Set(summary);
  const speakerOf = new Map(document.statements.map((s) => [s.sentence, registry.canonical(s.speaker)]));
  return {
    ...digestSourceOf(document, firstIndexedAt),
    summary: summary.map((sentence) => excerpt(document, document.sentences[sentence]!, speakerOf.get(sentence) ?? null, 'summary')),
    statements: notableStatements(document, centrality, registry, summarySentences, settings),
  };
}

/**
 * How central each sentence of an article is: its words weighted by rarity in the corpus and by
 * how often they occur in the article's other paragraphs (and its headline). A sentence about the
 * article's subject shares its words with the rest; an aside about another subject (its own
 * paragraph about "biotech companies" and "DNA" in an article about cars) shares almost none.
 */
class Centrality {
  private readonly scores: number[];

  constructor(document: CorpusDocument, stats: CorpusTermStats) {
    const sentenceTerms = document.sentences.map((s) => terms(document.text.slice(s.start, s.end)));
    const byParagraph = new Map<number, Map<string, number>>();
    const total = new Map<string, number>();
    document.sentences.forEach((sentence, index) => {
      let counts = byParagraph.get(sentence.paragraph);
      if (counts === undefined) byParagraph.set(sentence.paragraph, (counts = new Map()));
      for (const term of sentenceTerms[index]!) {
        counts.set(term, (counts.get(term) ?? 0) + 1);
        total.set(term, (total.get(term) ?? 0) + 1);
      }
    });
    const title = new Set(document.meta.title === null ? [] : terms(document.meta.title));
    this.scores = document.sentences.map((sentence, index) => {
      const own = byParagraph.get(sentence.paragraph)!;
      const unique = new Set(sentenceTerms[index]);
      let weight = 0;
      for (const term of unique) {
        const elsewhere = (total.get(term) ?? 0) - (own.get(term) ?? 0) + (title.has(term) ? 2 : 0);
        weight += stats.idf(term) * Math.log1p(elsewhere);
      }
      // The lead tells the story; long sentences collect more words, so divide by a root of their length.
      return (weight / Math.sqrt(unique.size + 1)) * (1 + 0.4 / (1 + index));
    });
  }

  of(sentence: number): number {
    return this.scores[sentence] ?? 0;
  }
}

/**
 * The one or two sentences that tell an article's story: the most central, and a second when it
 * is nearly as central and says something else; returned in the article's order.
 */
function centralSentences(document: CorpusDocument, centrality: Centrality, settings: DigestOptions): number[] {
  const title = document.meta.title?.trim() ?? null;
  const candidates: Array<{ sentence: number; score: number; terms: Set<string> }> = [];
  document.sentences.forEach((sentence, index) => {
    const text = document.text.slice(sentence.start, sentence.end);
    if (wordCount(text) < settings.minSummaryWords || text.trim() === title) return;
    candidates.push({ sentence: index, score: centrality.of(index), terms: new Set(terms(text)) });
  });
  candidates.sort((a, b) => b.score - a.score || a.sentence - b.sentence);
  const chosen: typeof candidates = [];
  for (const candidate of candidates) {
    if (chosen.length >= settings.maxSummarySentences) break;
    if (chosen.length > 0 && candidate.score < 0.75 * chosen[0]!.score) break;
    if (chosen.some((c) => overlap(c.terms, candidate.terms) > 0.5)) continue;
    chosen.push(candidate);
  }
  return chosen.map((c) => c.sentence).sort((a, b) => a - b);
}

/**
 * The notable statement (at most `maxStatements`): a direct quote before reported speech, the
 * most central first, quoting enough words to say something, outside the summary. Its excerpt is
 * its sentence, with the sentence before when it does not stand alone ("Huawei denies the
 * allegations." needs the allegations).
 */
function notableStatements(
  document: CorpusDocument,
  centrality: Centrality,
  registry: SpeakerRegistry,
  summary: ReadonlySet<number>,
  settings: DigestOptions,
): DigestExcerpt[] {
  const scored = document.statements
    .filter((statement) => !summary.has(statement.sentence))
    .filter((statement) => wordCount(statement.quoted.map((q) => document.text.slice(q.start, q.end)).join(' ')) >= settings.minStatementWords)
    .map((statement) => ({ statement, score: (statement.kind === 'quote' ? 1.5 : 1) * centrality.of(statement.sentence) }))
    .sort((a, b) => b.score - a.score || a.statement.start - b.statement.start);
  const chosen: DigestExcerpt[] = [];
  const used = new Set<number>();
  for (const { statement } of scored) {
    if (chosen.length >= settings.maxStatements) break;
    const [first, last] = excerptRange(document, statement.sentence);
    if (used.has(statement.sentence) || summary.has(first)) continue;
    used.add(statement.sentence);
    const start = document.sentences[first]!.start;
    const end = document.sentences[last]!.end;
    chosen.push({ text: document.text.slice(start, end), speaker: registry.canonical(statement.speaker), kind: statement.kind, start, end });
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
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

  /** How rare a term is in the corpus (smoothed inverse document frequency). */
  idf(term: string): number {
    return Math.log(1 + this.documents / (this.documentFrequency.get(term) ?? 1));
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
