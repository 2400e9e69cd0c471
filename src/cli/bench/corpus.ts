/**
 * Deterministic synthetic news corpora for the benchmark, built from the sentences of the
 * `nlp-corpus` package (a dev dependency) with a seeded PRNG: same seed and size, same files,
 * byte for byte. Articles look like the seeds: a headline line, a `Published:` line, a
 * `Source:` line, then paragraphs of prose, some holding quoted statements with speakers
 * (`“…,” said Jane Doe.`). Also derives the fixed question mix the benchmark asks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { all as allCorpusSentences } from 'nlp-corpus';

/** Options of {@link generateCorpus}. */
export interface SyntheticCorpusOptions {
  articles: number;
  /** PRNG seed (default 42). */
  seed?: number;
  /** Sentences per article (default 20). */
  sentencesPerArticle?: number;
}

/** One generated article. */
export interface SyntheticArticle {
  /** File name (`000123_<hex>.txt`). */
  file: string;
  text: string;
  title: string;
  outlet: string;
  /** ISO date. */
  published: string;
  /** Speakers quoted in the article (full names). */
  speakers: string[];
  /** Body sentences as written (quotes included). */
  sentences: string[];
}

/** A generated corpus. */
export interface SyntheticCorpus {
  seed: number;
  articles: SyntheticArticle[];
  /** Total characters of all files. */
  chars: number;
  /** Total UTF-8 bytes of all files. */
  bytes: number;
}

/** One benchmark question and the kind it stands for. */
export interface BenchQuestion {
  kind: 'keywords' | 'natural' | 'long' | 'speaker' | 'typo' | 'none';
  question: string;
}

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

const FIRST_NAMES = [
  'Jane', 'John', 'Maria', 'Ahmed', 'Chen', 'Olga', 'Pierre', 'Aisha', 'Kenji', 'Lucia', 'Tomas', 'Priya',
  'Samuel', 'Ingrid', 'Mateo', 'Fatima', 'Viktor', 'Hannah', 'Diego', 'Yuki', 'Omar', 'Elena', 'Rafael', 'Nadia',
];
const LAST_NAMES = [
  'Doe', 'Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Kowalski', 'Tanaka', 'Ferreira', 'Novak', 'Brennan',
  'Castillo', 'Petrov', 'Nakamura', 'Adeyemi', 'Schulz', 'Varga', 'Quintero', 'Osei', 'Holm', 'Marchetti',
  'Iyer', 'Dubois', 'Kruger', 'Sato', 'Ramos', 'Weber', 'Yilmaz', 'Costa', 'Jensen', 'Abbott',
];
const OUTLETS = [
  'Reuters', 'TRT World', 'News ru', 'The Verge', 'Daily Herald', 'Globe Wire', 'Metro Times', 'Coastal Post',
  'Evening Ledger', 'Capital Review', 'Northern Star', 'Harbor Tribune', 'Valley News', 'City Journal',
  'Summit Press', 'Lakeside Gazette', 'Atlas Report', 'Meridian Weekly', 'Pioneer Daily', 'Signal Radio',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Speakers of the synthetic corpus: 240 distinct full names, fixed order. */
export const SPEAKERS: readonly string[] = (() => {
  const names: string[] = [];
  for (let i = 0; i < 240; i++) {
    names.push(`${FIRST_NAMES[i % FIRST_NAMES.length]!} ${LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]!}`);
  }
  return [...new Set(names)];
})();

let sentencePool: string[] | null = null;

/**
 * The cleaned sentences of `nlp-corpus`, in the package's order: one line each, whitespace
 * collapsed, 25–250 characters, ending with `.`, `!` or `?`, without quotation marks,
 * brackets or characters outside printable Latin text.
 */
export function nlpCorpusSentences(): string[] {
  if (sentencePool) return sentencePool;
  const pool: string[] = [];
  const seen = new Set<string>();
  for (const raw of allCorpusSentences() as unknown[]) {
    if (typeof raw !== 'string') continue;
    const sentence = raw.replace(/\s+/g, ' ').trim();
    if (sentence.length < 25 || sentence.length > 250) continue;
    if (!/^[A-Z][\x20-\x7e’—–-]*[a-z0-9][.!?]$/.test(sentence)) continue;
    if (/["“”|<>{}[\]_*#@\\~^`]|https?:|www\.|\.\.|\s[.!?]$/.test(sentence)) continue;
    if (/^(?:Source|Published|Posted|Date|Updated|Outlet|Publication|Url|Link|By)\b/i.test(sentence)) continue;
    if (seen.has(sentence)) continue;
    seen.add(sentence);
    pool.push(sentence);
  }
  sentencePool = pool;
  return pool;
}

const WORD = /[A-Za-z][a-z]{4,}/g;
const COMMON = new Set([
  'about', 'after', 'again', 'against', 'being', 'below', 'between', 'could', 'doing', 'during', 'every', 'having',
  'other', 'should', 'their', 'there', 'these', 'those', 'through', 'under', 'until', 'which', 'while', 'would',
  'where', 'because', 'before', 'above', 'shall', 'might', 'whose', 'really', 'still', 'going', 'think', 'thing',
  'things', 'never', 'always', 'something', 'anything', 'nothing', 'another', 'without', 'within', 'people',
]);

/** Content words of a sentence (5+ letters, lower case, not very common). */
export function contentWords(sentence: string): string[] {
  return [...new Set([...sentence.matchAll(WORD)].map((m) => m[0]))].filter((w) => w === w.toLowerCase() && !COMMON.has(w));
}

function headlineOf(random: () => number, sentence: string): string {
  const words = sentence.replace(/[.!?,;:]+/g, '').split(' ').filter(Boolean);
  const count = Math.min(words.length, intBetween(random, 5, 9));
  const head = words.slice(0, count).join(' ');
  return head.charAt(0).toUpperCase() + head.slice(1);
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
  return out.slice(0, length);
}

function dateOf(random: () => number): { iso: string; written: string } {
  const year = intBetween(random, 2019, 2024);
  const month = intBetween(random, 1, 12);
  const day = intBetween(random, 1, 28);
  return {
    iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    written: `${MONTHS[month - 1]!} ${day}, ${year}`,
  };
}

/**
 * Generates `articles` articles. Deterministic: same options, same articles.
 *
 * @example generateCorpus({ articles: 1000 }).articles[0].text.startsWith(headline)
 */
export function generateCorpus(options: SyntheticCorpusOptions): SyntheticCorpus {
  const seed = options.seed ?? 42;
  const perArticle = options.sentencesPerArticle ?? 20;
  const random = prng(seed);
  const pool = nlpCorpusSentences();
  const articles: SyntheticArticle[] = [];
  let chars = 0;
  let bytes = 0;
  for (let n = 0; n < options.articles; n++) {
    const outlet = pick(random, OUTLETS);
    const date = dateOf(random);
    const quoted = random() < 0.6 ? intBetween(random, 1, 3) : 0;
    const speakers = Array.from({ length: quoted > 0 ? intBetween(random, 1, Math.min(2, quoted)) : 0 }, () => pick(random, SPEAKERS));
    const named = new Set<string>();
    const sentences: string[] = [];
    const quoteAt = new Set<number>();
    while (quoteAt.size < quoted) quoteAt.add(intBetween(random, 1, perArticle - 1));
    for (let s = 0; s < perArticle; s++) {
      const base = pick(random, pool);
      if (!quoteAt.has(s) || speakers.length === 0) {
        sentences.push(base);
        continue;
      }
      const speaker = pick(random, speakers);
      const words = base.slice(0, -1);
      const surname = speaker.split(' ').at(-1)!;
      // First mention names the speaker in full; later ones by surname, as news does.
      if (!named.has(speaker)) {
        sentences.push(random() < 0.5 ? `“${words},” said ${speaker}.` : `${speaker} said: “${words}.”`);
        named.add(speaker);
      } else {
        sentences.push(`“${words},” ${surname} said.`);
      }
    }
    const title = headlineOf(random, pick(random, pool));
    const paragraphs: string[] = [];
    for (let s = 0; s < sentences.length; ) {
      const size = Math.min(sentences.length - s, intBetween(random, 2, 5));
      paragraphs.push(sentences.slice(s, s + size).join(' '));
      s += size;
    }
    const text = `${title}\nPublished: ${date.written}\nSource: ${outlet}\n\n${paragraphs.join('\n\n')}\n`;
    const file = `${String(n).padStart(6, '0')}_${hex(random, 12)}.txt`;
    chars += text.length;
    bytes += Buffer.byteLength(text, 'utf8');
    articles.push({ file, text, title, outlet, published: date.iso, speakers: [...named], sentences });
  }
  return { seed, articles, chars, bytes };
}

/** Writes a corpus into `dir` (created if needed), one file per article. */
export function writeCorpus(corpus: SyntheticCorpus, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const article of corpus.articles) writeFileSync(join(dir, article.file), article.text);
}

const NONSENSE = [
  'zorblax quintessor', 'flimbat vortigrade', 'glorptastic marmalumps', 'what is the snargleflux protocol',
  'why did the quibberwock zentrify', 'where is the xylocrump frandle', 'trembolic hyperzoid', 'mubblefrost yantic',
  'how does plinkerton grastify', 'vexillary oomphaloid crandle',
];
const UNKNOWN_SPEAKERS = ['Xavier Quillfeather', 'Brunhilde Zapatero', 'Ulysses Grimsby', 'Ottoline Vask', 'Percival Nightjar'];

function typo(random: () => number, word: string): string {
  const i = intBetween(random, 1, word.length - 2);
  return random() < 0.5
    ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) // swap two neighbours
    : word.slice(0, i) + word.slice(i + 1); // drop a letter
}

/**
 * The fixed mix of questions for a corpus: 60 keyword queries, 50 natural questions,
 * 40 "what did X say" (some with a topic), 30 with a typo, 20 that the corpus cannot answer.
 */
export function benchQuestions(corpus: SyntheticCorpus, count = 200, seed = corpus.seed + 1): BenchQuestion[] {
  const random = prng(seed);
  const articles = corpus.articles;
  const plainSentence = (): { article: SyntheticArticle; words: string[] } => {
    for (;;) {
      const article = pick(random, articles);
      const sentence = pick(random, article.sentences);
      const words = contentWords(sentence);
      if (words.length >= 3) return { article, words };
    }
  };
  const choose = (words: string[], k: number): string[] => {
    const copy = [...words];
    const out: string[] = [];
    while (out.length < k && copy.length > 0) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]!);
    return out;
  };
  const quotedArticles = articles.filter((a) => a.speakers.length > 0);
  // A third are long natural-language questions: four to six words of a sentence in a question
  // as people write them ("why did …", "can you tell me what …").
  const mix: Array<[BenchQuestion['kind'], number]> = [['keywords', 60], ['natural', 50], ['long', 100], ['speaker', 40], ['typo', 30], ['none', 20]];
  const total = mix.reduce((sum, [, n]) => sum + n, 0);
  const questions: BenchQuestion[] = [];
  for (const [kind, share] of mix) {
    const n = Math.round((share / total) * count);
    for (let i = 0; i < n; i++) {
      switch (kind) {
        case 'keywords':
          questions.push({ kind, question: choose(plainSentence().words, intBetween(random, 2, 3)).join(' ') });
          break;
        case 'natural': {
          const [a, b, c] = choose(plainSentence().words, 3);
          const forms = [`what happened with the ${a} and ${b}?`, `why did the ${a} ${b}?`, `where is the ${a} ${b}?`, `how does ${a} affect ${b}?`, `what about ${a}, ${b} and ${c}?`, `who talked about ${a} ${b}?`];
          questions.push({ kind, question: pick(random, forms) });
          break;
        }
        case 'long': {
          const words = choose(plainSentence().words, intBetween(random, 4, 6));
          const [a, b, c, d] = words;
          const rest = words.slice(4).join(' ');
          const forms = [
            `why ${words.join(' ')}?`,
            `why did the ${a} ${b} ${c} ${d}${rest === '' ? '' : ` ${rest}`}?`,
            `can you tell me what the articles say about the ${a} ${b} and the ${c} ${d}${rest === '' ? '' : ` ${rest}`}?`,
            `what is known about ${a} ${b} when it comes to ${c} and ${d}${rest === '' ? '' : ` or ${rest}`}?`,
            `how did the ${a} and ${b} change the ${c} of ${d}${rest === '' ? '' : ` ${rest}`} this year?`,
          ];
          questions.push({ kind, question: pick(random, forms) });
          break;
        }
        case 'speaker': {
          const article = quotedArticles.length > 0 ? pick(random, quotedArticles) : null;
          if (!article) {
            questions.push({ kind, question: `what did ${pick(random, SPEAKERS)} say` });
            break;
          }
          const speaker = pick(random, article.speakers);
          const surname = speaker.split(' ').at(-1)!;
          const quote = article.sentences.find((s) => s.includes(speaker) || s.includes(`${surname} said`)) ?? article.sentences[0]!;
          const topic = choose(contentWords(quote), 1)[0];
          const forms = [`what did ${speaker} say`, `what did ${surname} say`, `quotes from ${speaker}`, topic ? `what did ${speaker} say about ${topic}` : `what did ${surname} say`];
          questions.push({ kind, question: pick(random, forms) });
          break;
        }
        case 'typo': {
          const words = choose(plainSentence().words, 2);
          const k = Math.floor(random() * words.length);
          words[k] = typo(random, words[k]!);
          questions.push({ kind, question: words.join(' ') });
          break;
        }
        case 'none':
          questions.push({
            kind,
            question: random() < 0.7 ? pick(random, NONSENSE) : `what did ${pick(random, UNKNOWN_SPEAKERS)} say`,
          });
          break;
      }
    }
  }
  // Interleave kinds deterministically so that a prefix of the list is a fair sample too.
  for (let i = questions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [questions[i], questions[j]] = [questions[j]!, questions[i]!];
  }
  return questions;
}
