/**
 * Statements of a document: direct quotes (“…”, "…", split around "he said") and reported
 * speech ("Musk denied the company would leak…", "X said that…", "according to X"), each with
 * the speaker as the document names it. Pronouns ("he said"), "the company" and quote
 * continuations are resolved inside the document; surnames are resolved corpus-wide by
 * `SpeakerRegistry`.
 */
import type { Sentence, Span, Statement } from './types.js';

const SPEECH_VERBS = [
  'say', 'says', 'said', 'tell', 'tells', 'told', 'state', 'states', 'stated', 'add', 'adds', 'added',
  'deny', 'denies', 'denied', 'claim', 'claims', 'claimed', 'announce', 'announces', 'announced',
  'warn', 'warns', 'warned', 'argue', 'argues', 'argued', 'insist', 'insists', 'insisted',
  'confirm', 'confirms', 'confirmed', 'explain', 'explains', 'explained', 'note', 'notes', 'noted',
  'respond', 'responds', 'responded', 'reply', 'replies', 'replied', 'write', 'writes', 'wrote',
  'post', 'posts', 'posted', 'tweet', 'tweets', 'tweeted', 'report', 'reports', 'reported',
  'promise', 'promises', 'promised', 'admit', 'admits', 'admitted', 'acknowledge', 'acknowledges',
  'acknowledged', 'comment', 'comments', 'commented', 'stress', 'stresses', 'stressed',
  'criticise', 'criticised', 'criticises', 'criticize', 'criticized', 'criticizes',
  'accuse', 'accuses', 'accused', 'declare', 'declares', 'declared', 'assert', 'asserts', 'asserted',
  'pledge', 'pledged', 'pledges', 'vow', 'vowed', 'vows', 'predict', 'predicted', 'predicts',
  'release', 'released', 'releases', 'issue', 'issued', 'issues',
];
/** Verbs that only report speech with a statement as object ("released a statement"). */
const NEEDS_STATEMENT_OBJECT = new Set(['release', 'released', 'releases', 'issue', 'issued', 'issues']);
const SPEECH_VERB_SET = new Set(SPEECH_VERBS);
/** Verbs that may come before their speaker (`…,” said the company`). */
const VERB_FIRST = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'explained', 'noted', 'continued', 'told', 'stated']);
const BETWEEN_SPEAKER_AND_VERB = new Set([
  'has', 'have', 'had', 'also', 'later', 'previously', 'repeatedly', 'then', 'publicly', 'once',
  'reportedly', 'recently', 'earlier', 'again', 'further', 'quickly', 'separately', 'has also', 'will',
]);
const NEGATIONS = new Set(['not', 'never', "n't", 'yet']);
const TITLES = new Set([
  'ceo', 'cfo', 'coo', 'cto', 'vp', 'president', 'chairman', 'chairwoman', 'chair', 'founder',
  'co-founder', 'cofounder', 'director', 'chief', 'executive', 'officer', 'minister', 'secretary',
  'spokesman', 'spokeswoman', 'spokesperson', 'head', 'mr', 'mrs', 'ms', 'dr', 'prof', 'senator',
  'governor', 'mayor', 'analyst', 'editor', 'reporter', 'manager', 'general', 'deputy', 'senior',
]);
const ORGANISATION_NOUNS =
  /^(?:the )?(?:(?:electric |us |american |chinese |german |japanese |car |ev )?(?:company|automaker|carmaker|car maker|firm|manufacturer|group|business|brand|maker))$/i;
const GENERIC_SPEAKERS = new Set([
  'sources', 'source', 'experts', 'expert', 'officials', 'official', 'analysts', 'critics', 'people',
  'reports', 'report', 'media', 'authorities', 'observers', 'watchers', 'insiders', 'others', 'some',
  'many', 'users', 'owners', 'customers', 'residents', 'researchers', 'scientists', 'studies', 'it',
  'this', 'that', 'they', 'we', 'i', 'you', 'there', 'which', 'who', 'as', 'but', 'and', 'meanwhile',
]);
const ROLE_NOUNS = new Set(['unit', 'spokesperson', 'spokesman', 'spokeswoman', 'representative', 'office', 'branch', 'subsidiary', 'division', 'team', 'statement', 'account', 'page']);
/** Words that never name a speaker on their own (places, nationalities, time). */
const NOT_AN_ORGANISATION = new Set([
  'china', 'chinese', 'us', 'u.s.', 'usa', 'america', 'american', 'americans', 'united', 'states',
  'beijing', 'shanghai', 'washington', 'europe', 'european', 'eu', 'japan', 'germany', 'india',
  'russia', 'uk', 'britain', 'california', 'north', 'south', 'east', 'west', 'asia', 'mainland',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'the', 'a', 'an', 'in', 'on', 'at', 'last', 'earlier', 'however', 'if', 'as', 'but', 'and', 'so',
  'model', 'q1', 'q2', 'q3', 'q4', 'i', 'it', 'this', 'that', 'he', 'she', 'they', 'we', 'his', 'her',
]);
const ORGANISATION_WORDS = new Set([
  'journal', 'reports', 'street', 'world', 'times', 'post', 'news', 'motors', 'union', 'act',
  'council', 'forum', 'party', 'model', 'giga', 'development', 'inc', 'corp', 'co', 'company', 'group',
  'administration', 'government', 'ministry', 'department', 'agency', 'bank', 'university', 'institute',
  'association', 'committee', 'commission', 'court', 'congress', 'senate', 'house', 'office',
  'service', 'media', 'network', 'verge', 'reuters', 'bloomberg', 'press', 'daily', 'herald', 'tribune',
  'weekly', 'magazine', 'review', 'radio', 'tv', 'television', 'broadcasting', 'foundation', 'fund',
  'capital', 'partners', 'holdings', 'technologies', 'systems', 'labs', 'airlines', 'communist',
]);

/** Lower-case words that may join the capitalised words of one name. */
const NAME_CONNECTORS = new Set(['for', 'of', 'and', '&', 'de', 'du', 'van', 'von', 'on']);
const NAME_WORD = /^\p{Lu}[\p{L}\p{N}.&'’-]*$/u;
/**
 * Words and the punctuation that matters for attribution. A word keeps a final period only
 * after a capital (`U.S.`, `Jr.`… but not `Inc.`). Same tokens as
 * `/[\p{L}\p{N}](?:[\p{L}\p{N}&'’-]|\.(?=\p{L}))*\.?(?<=\p{Lu}\.|[^.])|[,;:()—–|“”"]/gu`,
 * with the look-behind only tried where a period follows (it was 12% of loading a corpus).
 */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}&'’-]|\.(?=\p{L}))*(?:(?<=\p{Lu})\.)?|[,;:()—–|“”"]/gu;
/**
 * A sentence can only be a statement when it has a quotation mark, a speech verb or
 * "according to" (a cheap test that lets most sentences skip attribution; false positives are fine).
 */
const STATEMENT_HINT = new RegExp(`[“"]|(?<![A-Za-z0-9])(?:${SPEECH_VERBS.join('|')})(?![A-Za-z0-9])|according to`, 'i');
const QUOTE_PAIRS = /“([^“”]*)”|"([^"]*)"/g;
const MIN_QUOTED_WORDS = 3;

interface WordToken {
  text: string;
  start: number;
  end: number;
}

/** A speaker reference before in-document resolution. */
type SpeakerRef =
  | { kind: 'name'; name: string }
  | { kind: 'person-pronoun' }
  | { kind: 'organisation' };

/**
 * Finds the statements of a document.
 *
 * @param text the document's full text
 * @param sentences its sentences (from segmentation)
 */
export function extractStatements(text: string, sentences: readonly Sentence[]): Statement[] {
  const context = new DocumentContext(text, sentences);
  const statements: Statement[] = [];
  let previous: { statement: Statement; paragraph: number; sentence: number } | null = null;

  sentences.forEach((sentence, index) => {
    const sentenceText = text.slice(sentence.start, sentence.end);
    if (!STATEMENT_HINT.test(sentenceText)) return;
    const quoted = quotedSpans(sentenceText).map((span) => ({
      start: sentence.start + span.start,
      end: sentence.start + span.end,
    }));
    const outside = maskSpans(sentenceText, quoted.map((q) => ({ start: q.start - sentence.start, end: q.end - sentence.start })));
    const ref = findAttribution(outside, quoted.length > 0);
    let speaker = ref ? context.resolve(ref, index, statements) : null;

    if (!speaker && quoted.length > 0 && isQuoteOnly(outside)) {
      // A quotation standing alone continues the previous attributed quotation of its paragraph.
      const neighbour = previous;
      if (neighbour && neighbour.sentence === index - 1 && neighbour.statement.kind === 'quote') {
        speaker = neighbour.statement.speaker;
      }
    }
    if (!speaker) return;
    const statement: Statement = {
      start: sentence.start,
      end: sentence.end,
      speaker,
      kind: quoted.length > 0 ? 'quote' : 'reported',
      sentence: index,
      quoted: quoted.length > 0 ? quoted : [{ start: sentence.start, end: sentence.end }],
    };
    statements.push(statement);
    context.noteSpeaker(speaker, index);
    previous = { statement, paragraph: sentence.paragraph, sentence: index };
  });
  return statements;
}

/** Quoted passages of at least three words, as spans inside `sentenceText` (marks excluded). */
export function quotedSpans(sentenceText: string): Span[] {
  const spans: Span[] = [];
  if (!sentenceText.includes('“') && !sentenceText.includes('"')) return spans;
  for (const match of sentenceText.matchAll(QUOTE_PAIRS)) {
    const inner = match[1] ?? match[2] ?? '';
    if (inner.trim().split(/\s+/).length < MIN_QUOTED_WORDS) continue;
    spans.push({ start: match.index + 1, end: match.index + match[0].length - 1 });
  }
  // An opening mark never closed in this sentence (a quotation running to the sentence's end).
  if (spans.length === 0) {
    const open = sentenceText.search(/[“"]/);
    if (open !== -1 && !/[”"]/.test(sentenceText.slice(open + 1))) {
      const rest = sentenceText.slice(open + 1);
      if (rest.trim().split(/\s+/).length >= MIN_QUOTED_WORDS) spans.push({ start: open + 1, end: sentenceText.length });
    }
  }
  return spans;
}

function maskSpans(text: string, spans: Span[]): string {
  let result = text;
  for (const span of spans) {
    result = result.slice(0, span.start) + '|'.padEnd(span.end - span.start, ' ') + result.slice(span.end);
  }
  return result;
}

function isQuoteOnly(outside: string): boolean {
  return outside.replace(/[|\s“”"'‘’.,!?…]/g, '').length === 0;
}

function wordsOf(text: string): WordToken[] {
  const words: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/** Finds who a sentence attributes speech to, from the text outside its quotations. */
function findAttribution(outside: string, hasQuote: boolean): SpeakerRef | null {
  const words = wordsOf(outside);
  const according = /\baccording to ([^,.;]+)/i.exec(outside);
  for (let i = 0; i < words.length; i++) {
    const verb = words[i]!.text;
    if (!SPEECH_VERB_SET.has(verb)) continue;
    if (NEEDS_STATEMENT_OBJECT.has(verb) && !/^\s*(?:a |an |the )?(?:\w+ )?statement/i.test(outside.slice(words[i]!.end))) continue;
    const before = speakerBefore(words, i);
    if (before === 'negated' || before === 'passive') continue;
    if (before) return before;
    // Verb first, right after a quotation or a comma: `…,” said the company` / `, said Musk`.
    const previousWord = words[i - 1]?.text;
    if (VERB_FIRST.has(verb) && ([",", "|", "”", "\""].includes(previousWord ?? "") || (hasQuote && i === 0))) {
      const after = speakerAfter(words, i);
      if (after) return after;
    }
  }
  if (according) {
    const ref = refFromPhrase(according[1]!);
    if (ref) return ref;
  }
  return null;
}

function speakerBefore(words: WordToken[], verbIndex: number): SpeakerRef | 'negated' | 'passive' | null {
  let j = verbIndex - 1;
  while (j >= 0 && BETWEEN_SPEAKER_AND_VERB.has(words[j]!.text.toLowerCase())) j--;
  if (j < 0) return null;
  const lower = words[j]!.text.toLowerCase();
  if (NEGATIONS.has(lower)) return 'negated';
  if (['was', 'were', 'is', 'are', 'been', 'be', 'being'].includes(lower)) return 'passive';
  if (lower === 'he' || lower === 'she') return { kind: 'person-pronoun' };
  if (lower === 'it') return j === 0 || words[j - 1]!.text === ',' ? { kind: 'organisation' } : null;
  // "the company", "the electric carmaker"
  const phrase = words.slice(Math.max(0, j - 2), j + 1).map((w) => w.text).join(' ');
  for (let k = Math.max(0, j - 2); k <= j; k++) {
    const tail = words.slice(k, j + 1).map((w) => w.text).join(' ');
    if (ORGANISATION_NOUNS.test(tail)) return { kind: 'organisation' };
  }
  void phrase;
  // "Tesla’s Beijing unit released a statement": the owner speaks.
  if (ROLE_NOUNS.has(lower)) {
    for (let k = j - 1; k >= Math.max(0, j - 3); k--) {
      const owner = /^(.+?)['’]s$/u.exec(words[k]!.text);
      if (owner && NAME_WORD.test(owner[1]!)) return nameRef(owner[1]!);
    }
    return null;
  }
  const run = nameRunEndingAt(words, j);
  return run ? nameRef(run) : null;
}

function speakerAfter(words: WordToken[], verbIndex: number): SpeakerRef | null {
  const next = words[verbIndex + 1];
  if (!next) return null;
  const lower = next.text.toLowerCase();
  if (lower === 'he' || lower === 'she') return { kind: 'person-pronoun' };
  if (lower === 'the' || lower === 'a') {
    const tail = words.slice(verbIndex + 1, verbIndex + 4).map((w) => w.text).join(' ');
    for (let n = 4; n >= 2; n--) {
      const candidate = words.slice(verbIndex + 1, verbIndex + n).map((w) => w.text).join(' ');
      if (ORGANISATION_NOUNS.test(candidate)) return { kind: 'organisation' };
    }
    void tail;
  }
  if (!NAME_WORD.test(next.text)) return null;
  const names: string[] = [];
  for (let k = verbIndex + 1; k < words.length && NAME_WORD.test(words[k]!.text); k++) names.push(words[k]!.text);
  return names.length > 0 ? nameRef(names.join(' ')) : null;
}

/** The run of capitalised words ending at `end` ("Tesla’s founder Elon Musk" → "Elon Musk"). */
function nameRunEndingAt(words: WordToken[], end: number): string | null {
  const run: string[] = [];
  let runStart = end + 1;
  for (let k = end; k >= 0; k--) {
    const text = words[k]!.text;
    if (!NAME_WORD.test(text)) {
      // "State Administration for Market Regulation": a connector between capitalised words.
      const before = words[k - 1]?.text;
      if (run.length > 0 && NAME_CONNECTORS.has(text) && before !== undefined && NAME_WORD.test(before) && !/['’]s$/u.test(before)) {
        run.unshift(text);
        continue;
      }
      break;
    }
    if (k < end && /['’]s$/u.test(text)) break; // a possessive owner before the name
    run.unshift(text);
    runStart = k;
  }
  if (run.length === 0) return null;
  // A lone capitalised word opening the sentence may be a common word ("Sources", "Experts").
  const atSentenceStart = runStart === 0;
  const name = stripTitles(run);
  if (!name) return null;
  if (atSentenceStart && name.split(' ').length === 1 && GENERIC_SPEAKERS.has(name.toLowerCase())) return null;
  return name;
}

function stripTitles(run: string[]): string | null {
  let last = -1;
  run.forEach((word, index) => {
    if (TITLES.has(word.toLowerCase().replace(/\.$/, ''))) last = index;
  });
  const rest = run.slice(last + 1).map((word) => word.replace(/['’]s$/u, ''));
  if (rest.length === 0) return null;
  if (rest.length === 1 && NOT_AN_ORGANISATION.has(rest[0]!.toLowerCase())) return null;
  return rest.join(' ');
}

function refFromPhrase(phrase: string): SpeakerRef | null {
  if (/\b(?:the|its) (?:company|automaker|carmaker|firm)(?:['’]s)?\b/i.test(phrase)) return { kind: 'organisation' };
  const words = wordsOf(phrase);
  for (let k = words.length - 1; k >= 0; k--) {
    if (NAME_WORD.test(words[k]!.text)) {
      const name = nameRunEndingAt(words, k);
      if (name && !GENERIC_SPEAKERS.has(name.toLowerCase())) return nameRef(name);
    }
  }
  return null;
}

function nameRef(name: string): SpeakerRef | null {
  const cleaned = name.replace(/^the\s+/u, (m) => (m.startsWith('T') ? m : '')).trim();
  if (!cleaned || GENERIC_SPEAKERS.has(cleaned.toLowerCase())) return null;
  return { kind: 'name', name: cleaned };
}

/** True when a name looks like a person's: two or three capitalised words, none an organisation word. */
export function looksLikePerson(name: string): boolean {
  const parts = name.split(' ');
  if (parts.length < 2 || parts.length > 3) return false;
  return parts.every((part) => !ORGANISATION_WORDS.has(part.toLowerCase()) && !NOT_AN_ORGANISATION.has(part.toLowerCase()));
}

/** What a document mentions, for resolving pronouns and "the company" inside it. */
class DocumentContext {
  /** People mentioned in the text (computed on first need: most sentences never ask). */
  private mentioned: Mention[] | null = null;
  /** Speakers resolved so far that look like people, in order. */
  private readonly noted: Mention[] = [];
  private organisationName: string | null = null;

  constructor(private readonly text: string, private readonly sentences: readonly Sentence[]) {}

  /** Mentions, then noted speakers: the order the resolution rules depend on. */
  private get people(): Mention[] {
    if (this.mentioned === null) this.scan();
    return this.noted.length === 0 ? this.mentioned! : [...this.mentioned!, ...this.noted];
  }

  private get organisation(): string | null {
    if (this.mentioned === null) this.scan();
    return this.organisationName;
  }

  private scan(): void {
    const { text, sentences } = this;
    const people: Mention[] = [];
    const counts = new Map<string, number>();
    sentences.forEach((sentence, index) => {
      const words = wordsOf(text.slice(sentence.start, sentence.end));
      for (let k = 0; k < words.length; k++) {
        const raw = words[k]!.text;
        const first = raw.charCodeAt(0);
        // Only capitalised words name people or organisations (a quick test before the regexes).
        if (first < 128 && (first < 65 || first > 90)) continue;
        const word = raw.replace(/['’]s$/u, '');
        if (!NAME_WORD.test(word)) continue;
        // Multi-word capitalised runs that look like people are mentions for "he"/"she".
        if (k === 0 || !NAME_WORD.test(words[k - 1]!.text) || /['’]s$/u.test(words[k - 1]!.text)) {
          const run: string[] = [];
          for (let m = k; m < words.length && NAME_WORD.test(words[m]!.text); m++) {
            run.push(words[m]!.text);
            if (/['’]s$/u.test(words[m]!.text)) break;
          }
          const name = stripTitles(run);
          if (name && looksLikePerson(name)) people.push({ name, sentence: index, position: words[k]!.start });
        }
        const lower = word.toLowerCase();
        if (k > 0 && !NOT_AN_ORGANISATION.has(lower) && !TITLES.has(lower) && word.length > 1 && !/^\p{Lu}+$/u.test(word)) {
          counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      }
    });
    const personWords = new Set(people.flatMap((p) => p.name.split(' ')));
    let best: string | null = null;
    let bestCount = 1;
    for (const [word, count] of counts) {
      if (personWords.has(word)) continue;
      if (count > bestCount) {
        best = word;
        bestCount = count;
      }
    }
    this.mentioned = people;
    this.organisationName = best;
  }

  /** Records a resolved speaker so that a later "he said" can refer to it. */
  noteSpeaker(speaker: string, sentence: number): void {
    const full = this.fullName(speaker);
    if (looksLikePerson(full)) this.noted.push({ name: full, sentence, position: Number.MAX_SAFE_INTEGER });
  }

  resolve(ref: SpeakerRef, sentence: number, earlier: readonly Statement[]): string | null {
    switch (ref.kind) {
      case 'name':
        return this.fullName(ref.name);
      case 'organisation': {
        const last = earlier.at(-1);
        if (last && last.sentence >= sentence - 1 && !looksLikePerson(last.speaker)) return last.speaker;
        return this.organisation;
      }
      case 'person-pronoun': {
        let best: Mention | null = null;
        for (const mention of this.people) {
          if (mention.sentence > sentence || mention.sentence < sentence - 3) continue;
          if (mention.sentence === sentence && mention.position !== Number.MAX_SAFE_INTEGER) continue;
          if (!best || mention.sentence > best.sentence || (mention.sentence === best.sentence && mention.position > best.position)) best = mention;
        }
        return best ? best.name : null;
      }
    }
  }

  /** "Musk" → "Elon Musk" when the document names the person in full. */
  private fullName(name: string): string {
    if (name.includes(' ')) return name;
    const match = this.people.find((p) => p.name.split(' ').at(-1) === name || p.name.split(' ')[0] === name);
    return match ? match.name : name;
  }
}

interface Mention {
  name: string;
  sentence: number;
  position: number;
}
