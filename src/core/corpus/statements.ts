/**
 * Statements of a document: direct quotes (“…”, "…", split around "he said") and reported
 * speech ("Musk denied the company would leak…", "X said that…", "according to X"), each with
 * its speaker resolved inside the document (`mentions.ts`): the fullest name the article gives
 * ("Mr Flynn" → "Jeremy Flynn"), "he/she said" to the nearest subject of that gender, "it said",
 * "the company said" and "a spokesman for X said" to the organisation, "the chancellor said" to
 * the person the article gives that title. Names are joined across documents by full name only
 * (`SpeakerRegistry`).
 */
import type { Sentence, Span, Statement } from './types.js';
import { DocumentMentions, continuesAfterPossessive, looksLikePerson, mayNameOrganisation, type SpeakerRef } from './mentions.js';
import { hasPossessive, isConnector, isFirstName, isHonorific, isNationality, isRoleWord, splitRun, withoutPossessive, type Gender } from './names.js';
import { QuoteMarks, endsInsideQuote, isNameWord, quotedSpansIn, wordsOf, type WordToken } from './words.js';

export { quotedSpans } from './words.js';

export { looksLikePerson } from './mentions.js';
export { speakerRoles } from './mentions.js';

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
  'release', 'released', 'releases', 'issue', 'issued', 'issues', 'describe', 'describes', 'described',
  'suggest', 'suggests', 'suggested', 'urge', 'urges', 'urged', 'reveal', 'reveals', 'revealed',
  'concede', 'concedes', 'conceded', 'call', 'calls', 'called', 'maintain', 'maintains', 'maintained',
];
/** Verbs that only report speech with a statement as object ("released a statement"). */
const NEEDS_STATEMENT_OBJECT = new Set(['release', 'released', 'releases', 'issue', 'issued', 'issues']);
/** Verbs that report speech only before a quotation, "that", a colon or a channel ("posted on Twitter"; not "state aid"). */
const NEEDS_SPEECH_OBJECT = new Set(['state', 'states', 'post', 'posts', 'posted', 'write', 'writes', 'wrote', 'describe', 'describes', 'described', 'maintain', 'maintains', 'maintained']);

/** "called on the management to…", "calls for a strike": speech only with "on" or "for". */
const CALLS = new Set(['call', 'calls', 'called']);
const SPEECH_VERB_SET = new Set(SPEECH_VERBS);
/** Verbs that may come before their speaker (`…,” said the company`). */
const VERB_FIRST = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'explained', 'noted', 'continued', 'stated', 'insisted', 'warned', 'argued', 'replied']);
const BETWEEN_SPEAKER_AND_VERB = new Set([
  'has', 'have', 'had', 'also', 'later', 'previously', 'repeatedly', 'then', 'publicly', 'once',
  'reportedly', 'recently', 'earlier', 'again', 'further', 'quickly', 'separately',
  'has also', 'himself', 'herself', 'itself', 'themselves', 'both', 'all', 'simply', 'only', 'just',
  'already', 'now', 'still', 'always', 'often', 'subsequently', 'initially', 'originally', 'firmly',
]);
const NEGATIONS = new Set(['not', 'never', "n't", 'yet', 'nor']);
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being']);
/** Words that introduce a relative clause between a speaker and the verb ("Jackson, who is…, said"). */
const RELATIVE = new Set(['who', 'whose', 'which', 'whom', 'where', 'while', 'whilst', 'although', 'though', 'speaking', 'having', 'after', 'before', 'when', 'in', 'on', 'at']);
/**
 * Verbs that report what a report found ("A report from Reuters indicated that…"): speech only
 * with a report, study or survey by someone as subject (not in "Police found the car").
 */
const FINDING_VERBS = new Set([
  'indicate', 'indicates', 'indicated', 'find', 'finds', 'found', 'show', 'shows', 'showed', 'conclude', 'concludes', 'concluded',
]);
/** Nouns of a published finding: "a report from X", "a study by X". */
const REPORTS = new Set(['report', 'reports', 'study', 'studies', 'survey', 'investigation', 'analysis', 'poll', 'review', 'audit', 'inquiry']);
/** Nouns a document uses for an organisation ("the company said", "the pressure group said"). */
const ORGANISATION_HEADS = new Set([
  'company', 'automaker', 'carmaker', 'maker', 'firm', 'group', 'manufacturer', 'business', 'brand', 'giant',
  'retailer', 'bank', 'airline', 'club', 'union', 'watchdog', 'regulator', 'ministry', 'department', 'government',
  'council', 'party', 'agency', 'body', 'organisation', 'organization', 'association', 'federation', 'board',
  'committee', 'commission', 'authority', 'network', 'broadcaster', 'publisher', 'studio', 'label', 'chain',
  'operator', 'supplier', 'insurer', 'lender', 'charity', 'corporation', 'conglomerate', 'carrier', 'administration',
  'embassy', 'institute', 'university', 'trust', 'newspaper', 'paper', 'website', 'channel', 'station',
  'developer', 'publisher', 'league', 'team', 'side', 'organisers', 'organizers', 'police', 'force', 'army',
]);
/** Spokes-nouns: "a spokesman for X said", "an Acme spokeswoman said" speak for an organisation. */
const SPOKES = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'spokesmen', 'representative', 'source', 'sources', 'official', 'officials', 'statement']);
const GENERIC_SPEAKERS = new Set([
  'sources', 'source', 'experts', 'expert', 'officials', 'official', 'analysts', 'critics', 'people',
  'reports', 'report', 'media', 'authorities', 'observers', 'watchers', 'insiders', 'others', 'some',
  'many', 'users', 'owners', 'customers', 'residents', 'researchers', 'scientists', 'studies', 'it',
  'this', 'that', 'they', 'we', 'i', 'you', 'there', 'which', 'who', 'as', 'but', 'and', 'meanwhile',
]);
/** Words the speaker of "Tesla’s Beijing unit released a statement" is the owner of. */
const ROLE_NOUNS = new Set(['unit', 'spokesperson', 'spokesman', 'spokeswoman', 'representative', 'office', 'branch', 'subsidiary', 'division', 'team', 'statement', 'account', 'page', 'website', 'blog', 'lawyer', 'lawyers']);

/** Lower-case words that may join the capitalised words of one name. */
const NAME_CONNECTORS = new Set(['for', 'of', 'and', '&', 'de', 'du', 'van', 'von', 'on', 'without', 'la', 'le', 'del', 'der', 'da', 'di']);
/** Speech verbs by a hash of their letters (see {@link hasStatementHint}). */
const SPEECH_VERB_HASHES = new Map<number, string[]>();
/** The low bits of those hashes, to rule out most words without a look-up. */
const SPEECH_VERB_BITS = new Uint8Array(4096);
for (const verb of [...SPEECH_VERBS, ...FINDING_VERBS]) {
  let hash = 0;
  for (let k = 0; k < verb.length; k++) hash = (Math.imul(hash, 31) + verb.charCodeAt(k)) | 0;
  SPEECH_VERB_HASHES.set(hash, [...(SPEECH_VERB_HASHES.get(hash) ?? []), verb]);
  SPEECH_VERB_BITS[hash & 4095] = 1;
}
const SHORTEST_VERB = Math.min(...[...SPEECH_VERBS, ...FINDING_VERBS].map((v) => v.length));
const LONGEST_VERB = Math.max(...[...SPEECH_VERBS, ...FINDING_VERBS].map((v) => v.length));

/**
 * A sentence can only be a statement when it has a quotation mark, a speech verb or
 * "according to" (a cheap test that lets most sentences skip attribution; false positives are fine).
 * True when `text.slice(from, to)` matches
 * `/[“"]|(?<![A-Za-z0-9])(?:say|says|said|…)(?![A-Za-z0-9])|according to/i`, read in one pass
 * over its runs of ASCII letters and digits, without slicing the sentence (the expression tried
 * its look-behind at every offset of every sentence).
 */
function hasStatementHint(text: string, from: number, to: number): boolean {
  let runStart = -1;
  let hash = 0;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : 32;
    const lower = code < 128 ? ASCII_ALNUM_LOWER[code]! : 0;
    if (lower !== 0) {
      if (runStart === -1) {
        runStart = i;
        hash = 0;
      }
      hash = (Math.imul(hash, 31) + lower) | 0;
      continue;
    }
    if (code === 34 || code === 0x201c) return true;
    if (runStart === -1) continue;
    const length = i - runStart;
    if (length >= SHORTEST_VERB && length <= LONGEST_VERB && SPEECH_VERB_BITS[hash & 4095] === 1) {
      const verbs = SPEECH_VERB_HASHES.get(hash);
      if (verbs !== undefined) for (let k = 0; k < verbs.length; k++) if (verbs[k]!.length === length && equalsLowerCase(text, runStart, verbs[k]!)) return true;
    }
    // "according to", anywhere: a run ending in "according", one space, then "to".
    if (length >= 9 && code === 32 && i + 3 <= to && equalsLowerCase(text, i - 9, 'according') && equalsLowerCase(text, i + 1, 'to')) return true;
    runStart = -1;
  }
  return false;
}

/** ASCII letters (lower-cased) and digits; 0 for any other character. */
const ASCII_ALNUM_LOWER = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) ASCII_ALNUM_LOWER[code] = code;
  else if (code >= 65 && code <= 90) ASCII_ALNUM_LOWER[code] = code + 32;
}

/** True when `text` at `at` holds `lower` (lower-case ASCII) in either case. */
function equalsLowerCase(text: string, at: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    const code = text.charCodeAt(at + k);
    if ((code >= 65 && code <= 90 ? code + 32 : code) !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/** A clause of a sentence attributed on its own (see {@link unitsOf}), with what attribution found. */
interface Draft extends Span {
  sentence: number;
  /** Position of the unit among all units of the document, to tell neighbours. */
  unit: number;
  quoted: Span[];
  /** The speaker from the unit's own attribution, or (after continuation) the quotation it belongs to. */
  speaker: string | null;
  /** True when the unit holds quotation marks and nothing else but punctuation. */
  quoteOnly: boolean;
  /** True when the unit opens a quotation it does not close (newspaper style: the quote goes on). */
  leavesOpen: boolean;
}

/**
 * Finds the statements of a document. Each sentence is read in units (a sentence merged from a
 * quotation and the next sentence splits where a quoted sentence ends), each unit is attributed,
 * and neighbouring units of a sentence with one speaker make one statement. A statement is an
 * exact span of the text: the whole sentence, or the part of it that speaker said.
 *
 * @param text the document's full text
 * @param sentences its sentences (from segmentation)
 */
export function extractStatements(text: string, sentences: readonly Sentence[]): Statement[] {
  const context = new DocumentMentions(text, sentences);
  const quoteMarks = new QuoteMarks(text);
  const drafts: Draft[] = [];
  let unit = 0;
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index]!;
    if (!hasStatementHint(text, sentence.start, sentence.end)) {
      unit++;
      continue;
    }
    const sentenceText = text.slice(sentence.start, sentence.end);
    const parts = unitsOf(sentenceText);
    // Most sentences have no quotation mark: nothing in them is quoted, and none ends inside a quotation.
    const marks = quoteMarks.within(sentence.start, sentence.end);
    for (const part of parts) {
      unit++;
      const whole = parts.length === 1;
      const start = sentence.start + part.start;
      const end = sentence.start + part.end;
      const local = marks ? quotedSpansIn(text, start, end) : [];
      const quoted = local.map((span) => ({ start: start + span.start, end: start + span.end }));
      const quoteOnly = quoted.length > 0 && isQuoteOnly(text, start, end, local);
      let ref: SpeakerRef | null = null;
      if (!quoteOnly && (whole || hasStatementHint(text, start, end))) {
        // A sentence of one unit shares its words with the document's mentions; their offsets count from the sentence, as the unit's do.
        const words = whole ? wordsOutside(context.sentenceWords(index), local) : wordsOf(maskSpans(text.slice(start, end), local));
        ref = findAttribution(words, quoted.length > 0);
      }
      const speaker = ref ? context.resolve(ref, index, start) : null;
      if (speaker) context.noteSpeaker(speaker, index, ref?.kind === 'pronoun' ? null : spokesGender(text, start, end, local));
      if (!speaker && !quoteOnly) continue;
      drafts.push({ start, end, sentence: index, unit, quoted, speaker, quoteOnly, leavesOpen: marks && endsInsideQuote(text, start, end) });
    }
  }
  attributeContinuations(drafts, sentences);
  // A surname the article gives in full only later ("Mr Flynn … Jeremy Flynn") takes the full name.
  for (const draft of drafts) if (draft.speaker !== null && !draft.speaker.includes(' ')) draft.speaker = context.fullNameOf(draft.speaker) ?? draft.speaker;
  return joinUnits(drafts.filter((d) => d.speaker !== null));
}

/**
 * The units of a sentence: split after a quoted sentence closes (`…well." Hodges described`),
 * before a quotation reopens after a full stop (`…success. "I am sure`), so that one sentence
 * never carries two speakers. A sentence without such a place is one unit.
 */
function unitsOf(sentenceText: string): Span[] {
  const units: Span[] = [];
  let start = 0;
  for (const match of sentenceText.matchAll(UNIT_BREAK)) {
    const cut = match.index + match[1]!.length;
    const before = sentenceText.slice(start, cut);
    const quoteMark = /["”’]$/.test(match[1]!) || /["“]/.test(match[0].slice(match[1]!.length));
    // A plain full stop splits only outside a quotation and after a word that is not an abbreviation.
    if (!quoteMark && (endsInsideQuote(before) || /(?:^|\s)(?:\p{Lu}[\p{Ll}]{0,2}|\p{Lu}|[\p{L}]\.\p{L})\.$/u.test(before))) continue;
    if (before.trim()) units.push({ start, end: cut });
    start = match.index + match[0].length;
  }
  if (sentenceText.slice(start).trim()) units.push({ start, end: sentenceText.length });
  return units;
}
/**
 * A sentence end inside a sentence: after `.`, `!`, `?` or `…` (and a closing mark), before a
 * capital or an opening mark. A line break is a space: a hard-wrapped sentence goes on after it.
 */
const UNIT_BREAK = /([.!?…]["”’]?)\s+(?=["“]?\p{Lu}|["“])/gu;

/** Neighbouring units of one sentence with one speaker become one statement. */
function joinUnits(drafts: Draft[]): Statement[] {
  const statements: Statement[] = [];
  for (const draft of drafts) {
    const last = statements.at(-1);
    const kind = draft.quoted.length > 0 ? 'quote' : 'reported';
    if (last && last.sentence === draft.sentence && last.speaker === draft.speaker) {
      last.end = draft.end;
      if (kind === 'quote') {
        last.quoted = last.kind === 'quote' ? [...last.quoted, ...draft.quoted] : draft.quoted;
        last.kind = 'quote';
      }
      continue;
    }
    statements.push({
      start: draft.start,
      end: draft.end,
      speaker: draft.speaker!,
      kind,
      sentence: draft.sentence,
      quoted: kind === 'quote' ? draft.quoted : [{ start: draft.start, end: draft.end }],
    });
  }
  return statements;
}

/**
 * Gives each quotation standing alone the speaker of the quotation it belongs to: the
 * attribution that closes it when it was left open (`“A. “B,” she said.`, or a paragraph of a
 * newspaper-style quotation), else the quotation it continues (the unit just before, when that
 * was a quotation). A quotation with neither stays unattributed: a speaker is never carried
 * across a unit that is not a quotation.
 */
function attributeContinuations(drafts: Draft[], sentences: readonly Sentence[]): void {
  // Forward: a quotation left open takes the attribution of the unit that goes on with it.
  for (let k = drafts.length - 1; k >= 0; k--) {
    const draft = drafts[k]!;
    const next = drafts[k + 1];
    if (draft.speaker !== null || !draft.quoteOnly || !draft.leavesOpen || !next || next.speaker === null) continue;
    if (next.unit !== draft.unit + 1 || next.quoted.length === 0) continue;
    if (sentences[next.sentence]!.paragraph > sentences[draft.sentence]!.paragraph + 1) continue;
    draft.speaker = next.speaker;
  }
  // Backward: the quotation continues the one before it.
  for (let k = 1; k < drafts.length; k++) {
    const draft = drafts[k]!;
    const previous = drafts[k - 1]!;
    if (draft.speaker !== null || !draft.quoteOnly || previous.speaker === null || previous.quoted.length === 0) continue;
    if (previous.unit !== draft.unit - 1) continue;
    draft.speaker = previous.speaker;
  }
}

function maskSpans(text: string, spans: Span[]): string {
  let result = text;
  for (const span of spans) {
    result = result.slice(0, span.start) + '|'.padEnd(span.end - span.start, ' ') + result.slice(span.end);
  }
  return result;
}

/**
 * True when `text.slice(from, to)` with its quoted spans (offsets from `from`, in order) masked
 * holds only quotation marks, punctuation and whitespace: nothing outside the spans but
 * `[|\s“”"'‘’.,!?…]`.
 */
function isQuoteOnly(text: string, from: number, to: number, spans: readonly Span[]): boolean {
  let s = 0;
  for (let i = from; i < to; i++) {
    const span = spans[s];
    if (span !== undefined && i - from >= span.start) {
      i = from + span.end - 1;
      s++;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code === 124 || code === 0x201c || code === 0x201d || code === 34 || code === 39 || code === 0x2018 || code === 0x2019
      || code === 46 || code === 44 || code === 33 || code === 63 || code === 0x2026) continue;
    if (code < 128 ? code === 32 || (code >= 9 && code <= 13) : WHITESPACE.test(text[i]!)) continue;
    return false;
  }
  return true;
}
const WHITESPACE = /\s/;

/**
 * The words of a sentence's unit with its quoted spans masked (as {@link maskSpans} masks them,
 * each span read as `|`), from the unit's words: a span starts after a mark and ends before one
 * (or whitespace), so no word crosses its edges.
 */
function wordsOutside(words: readonly WordToken[], spans: readonly Span[]): readonly WordToken[] {
  if (spans.length === 0) return words;
  const outside: WordToken[] = [];
  let k = 0;
  for (const span of spans) {
    while (k < words.length && words[k]!.start < span.start) outside.push(words[k++]!);
    outside.push({ text: '|', start: span.start, end: span.start + 1 });
    while (k < words.length && words[k]!.start < span.end) k++;
  }
  while (k < words.length) outside.push(words[k++]!);
  return outside;
}

/** Finds who a sentence attributes speech to, from the words outside its quotations. */
function findAttribution(words: readonly WordToken[], hasQuote: boolean): SpeakerRef | null {
  for (let i = 0; i < words.length; i++) {
    const verb = words[i]!.text;
    if (FINDING_VERBS.has(verb)) {
      const source = reportSource(words, i - 1);
      if (source) return source;
      continue;
    }
    if (!SPEECH_VERB_SET.has(verb)) continue;
    if (!reportsSpeech(words, i, hasQuote)) continue;
    const before = speakerBefore(words, i);
    if (before === 'negated' || before === 'passive') continue;
    if (before) return before;
    // "Sources told Reuters that…": with nobody named to speak, the outlet told is who reports it.
    if (TOLD.has(verb)) {
      const outlet = toldOutlet(words, i);
      if (outlet) return outlet;
    }
    // Verb first, right after a quotation or a comma: `…,” said the company` / `, said Musk`.
    const previousWord = words[i - 1]?.text;
    if (VERB_FIRST.has(verb) && ([',', '|', '”', '"'].includes(previousWord ?? '') || (hasQuote && i === 0))) {
      const after = speakerAfter(words, i);
      if (after) return after;
    }
  }
  return accordingTo(words);
}

/** Whether a speech verb that needs an object ("released", "posted", "described") has one that is speech. */
function reportsSpeech(words: readonly WordToken[], i: number, hasQuote: boolean): boolean {
  const verb = words[i]!.text;
  const next = words.slice(i + 1, i + 4).map((w) => w.text.toLowerCase());
  if (NEEDS_STATEMENT_OBJECT.has(verb)) return next.includes('statement');
  if (CALLS.has(verb)) return next[0] === 'on' || next[0] === 'for';
  if (NEEDS_SPEECH_OBJECT.has(verb)) {
    // "…, The Verge writes." ends the clause: the rest of the sentence is what was written.
    return hasQuote || next.length === 0 || [',', ';', '|', 'that', ':', 'on', 'in', 'to'].includes(next[0]!) || next.includes('as') || next.includes('statement');
  }
  return true;
}

/** The gender of a spokesman or spokeswoman outside the quotations of a unit ("A Home Office spokesman said"), else null. */
function spokesGender(text: string, start: number, end: number, quoted: readonly Span[]): Gender | null {
  const outside = quoted.length === 0 ? text.slice(start, end) : maskSpans(text.slice(start, end), [...quoted]);
  if (/\bspokes(?:wo)?man\b/i.test(outside) === false) return null;
  return /\bspokeswoman\b/i.test(outside) ? 'f' : 'm';
}

/** Verbs of telling someone: "told Reuters". */
const TOLD = new Set(['told', 'tells', 'tell']);

/** The name told right after `told` ("told Reuters", "told the BBC"), when one follows. */
function toldOutlet(words: readonly WordToken[], verbIndex: number): SpeakerRef | null {
  let k = verbIndex + 1;
  if (words[k]?.text === 'the') k++;
  if (words[k] === undefined || !isNameWord(words[k]!.text)) return null;
  let end = k;
  while (end + 1 < words.length && isNameWord(words[end + 1]!.text)) end++;
  return nameRefEndingAt(words, end);
}

/** "a report from Reuters" / "a study by the university" ending at word `end`: who published it. */
function reportSource(words: readonly WordToken[], end: number): SpeakerRef | null {
  for (let k = end - 1; k >= Math.max(1, end - 6); k--) {
    const word = words[k]!.text.toLowerCase();
    if ((word === 'from' || word === 'by') && REPORTS.has(words[k - 1]!.text.toLowerCase())) return organisationPhrase(words, k - 1, end);
    if (/^[,;:()—–|“”"]$/.test(word)) return null;
  }
  return null;
}

function accordingTo(words: readonly WordToken[]): SpeakerRef | null {
  for (let i = 0; i + 2 < words.length; i++) {
    if (words[i]!.text.toLowerCase() !== 'according' || words[i + 1]!.text !== 'to') continue;
    let end = i + 2;
    while (end < words.length && !/^[,;:()—–|“”"]$/.test(words[end]!.text)) end++;
    const phrase = words.slice(i + 2, end);
    const org = organisationPhrase(phrase, 0, phrase.length - 1);
    if (org) return org;
    for (let k = phrase.length - 1; k >= 0; k--) {
      if (!isNameWord(phrase[k]!.text)) continue;
      const ref = nameRefEndingAt(phrase, k);
      if (ref) return ref;
    }
    return null;
  }
  return null;
}

function speakerBefore(words: readonly WordToken[], verbIndex: number): SpeakerRef | 'negated' | 'passive' | null {
  let j = verbIndex - 1;
  while (j >= 0 && BETWEEN_SPEAKER_AND_VERB.has(words[j]!.text.toLowerCase())) j--;
  if (j < 0) return null;
  const lower = words[j]!.text.toLowerCase();
  if (NEGATIONS.has(lower)) return 'negated';
  if (PASSIVE.has(lower)) return 'passive';
  if (lower === ',') return speakerBeforeClause(words, j);
  return speakerEndingAt(words, j);
}

/** The speaker whose phrase ends at word `j` ("he", "the company", "a spokesman for Acme", "Jeremy Flynn"). */
function speakerEndingAt(words: readonly WordToken[], j: number): SpeakerRef | null {
  const lower = words[j]!.text.toLowerCase();
  const pronoun = pronounRef(lower, words[j]!.start, j === 0 || words[j - 1]!.text === ',' || isConnector(words[j - 1]!.text));
  if (pronoun !== undefined) return pronoun;
  const org = organisationPhrase(words, Math.max(0, j - 6), j);
  if (org) return org;
  const located = beforeLocation(words, j);
  if (located >= 0) return speakerEndingAt(words, located);
  const role = rolePhrase(words, j);
  if (role) return role;
  // "Tesla’s Beijing unit released a statement": the owner speaks.
  if (ROLE_NOUNS.has(lower)) {
    for (let k = j - 1; k >= Math.max(0, j - 3); k--) {
      const owner = /^(.+?)['’]s$/u.exec(words[k]!.text);
      if (owner && isNameWord(owner[1]!)) return nameRef([owner[1]!], null);
    }
    return null;
  }
  return nameRefEndingAt(words, j);
}

/**
 * "Zubair Ahmed in Mumbai says", "our correspondent in Delhi said": when the name ending at `j`
 * is a place after "in", the index of the word before "in" (the speaker's phrase), else -1.
 */
function beforeLocation(words: readonly WordToken[], j: number): number {
  let k = j;
  while (k >= 0 && isNameWord(words[k]!.text) && !hasPossessive(words[k]!.text)) k--;
  if (k === j || k < 1 || words[k]!.text !== 'in') return -1;
  const before = words[k - 1]!.text;
  return isNameWord(before) || isRoleWord(before) || /^correspondents?$/i.test(before) ? k - 1 : -1;
}

/**
 * `X, chairman of the committee, said` / `Jackson, who is filming King Kong, said`: the
 * speaker is the name before the clause.
 */
function speakerBeforeClause(words: readonly WordToken[], comma: number): SpeakerRef | null {
  let open = comma - 1;
  while (open >= 0 && words[open]!.text !== ',' && comma - open <= 25) open--;
  if (open <= 0 || words[open]!.text !== ',') return null;
  const first = words[open + 1]?.text ?? '';
  const inner = words.slice(open + 1, comma).map((w) => w.text);
  // A name after a title ("Its lawyer, Hugh Ray, said"), or a title after a name ("Jane Roe, Acme's finance chief, said").
  const named = words.slice(Math.max(0, open - 4), open).some((w) => isRoleWord(withoutPossessive(w.text))) && looksLikePerson(inner.join(' '));
  const titled = inner.slice(0, 4).some((w) => /^\p{Ll}/u.test(w) && isRoleWord(w));
  const opensClause = RELATIVE.has(first.toLowerCase()) || /^\p{Ll}/u.test(first) || isRoleWord(first) || /^\p{N}/u.test(first);
  if (!opensClause && !named && !titled) return null;
  // "The Bishop of Durham, the Rt Rev Tom Wright, said": the apposition is the person's name.
  if ((opensClause || named) && !RELATIVE.has(first.toLowerCase()) && isNameWord(words[comma - 1]!.text)) {
    const name = nameRefEndingAt(words, comma - 1);
    if (name?.kind === 'name' && (looksLikePerson(name.words.join(' ')) || name.honorific)) return name;
  }
  return speakerEndingAt(words, open - 1);
}

/** "he" / "she" / "it" / "they", or undefined when the word is not a pronoun. */
function pronounRef(lower: string, position: number, opensClause: boolean): SpeakerRef | null | undefined {
  if (lower === 'he') return { kind: 'pronoun', gender: 'm', position };
  if (lower === 'she') return { kind: 'pronoun', gender: 'f', position };
  if (lower === 'they') return opensClause ? { kind: 'pronoun', gender: 'plural', position } : null;
  if (lower === 'it') return opensClause ? { kind: 'organisation', head: null, position } : null;
  return undefined;
}

/**
 * An organisation phrase ending at `end`: "the company", "the Paris-based pressure group",
 * "a spokesman for Acme", "an Acme spokeswoman", "a Google spokesperson".
 */
function organisationPhrase(words: readonly WordToken[], from: number, end: number): SpeakerRef | null {
  const last = words[end]?.text.toLowerCase();
  if (last === undefined) return null;
  // "a spokesman for Acme Corp" / "a spokeswoman at the ministry"
  for (let k = end - 1; k >= from; k--) {
    const word = words[k]!.text.toLowerCase();
    const reportBy = (word === 'from' || word === 'by') && REPORTS.has(words[k - 1]?.text.toLowerCase() ?? '');
    if (reportBy || ((word === 'for' || word === 'at' || word === 'of') && SPOKES.has(words[k - 1]?.text.toLowerCase() ?? ''))) {
      const run = words.slice(k + 1, end + 1);
      if (run.length > 0 && run.every((w) => isNameWord(w.text) || NAME_CONNECTORS.has(w.text) || w.text === 'the')) {
        const name = run.filter((w) => w.text !== 'the').map((w) => withoutPossessive(w.text));
        if (name.length > 0 && isNameWord(name[0]!)) return nameRef(name, null);
      }
      if (run.length > 0 && ORGANISATION_HEADS.has(run.at(-1)!.text.toLowerCase())) {
        return { kind: 'organisation', head: run.at(-1)!.text.toLowerCase(), position: words[end]!.start };
      }
      break;
    }
    if (/^[,;:()—–|“”"]$/.test(word)) break;
  }
  if (SPOKES.has(last)) {
    // "an Acme spokeswoman", "a Google spokesperson", "Uefa spokesman" (no name after it)
    const owner = words[end - 1];
    if (owner && isNameWord(owner.text) && !isConnector(owner.text)) {
      const ref = nameRefEndingAt(words, end - 1);
      if (ref) return ref;
    }
    const article = words[end - 1]?.text.toLowerCase();
    if (article === 'a' || article === 'an' || article === 'the' || article === 'its' || article === 'company') {
      return { kind: 'organisation', head: null, position: words[end]!.start };
    }
    return null;
  }
  if (!ORGANISATION_HEADS.has(last)) return null;
  // "the (Paris-based pressure) group", "its parent company", "the US carmaker"
  for (let k = end - 1; k >= Math.max(from, end - 5); k--) {
    const word = words[k]!.text.toLowerCase();
    if (word === 'the' || word === 'its' || word === 'their') return namedOrganisation(words, k + 1, end) ?? { kind: 'organisation', head: last, position: words[end]!.start };
    if (/^[,;:()—–|“”"]$/.test(word) || (isNameWord(words[k]!.text) && !/^\p{Lu}[\p{Ll}]*-\p{Ll}/u.test(words[k]!.text) && k < end - 2)) break;
  }
  return null;
}

/**
 * The organisation a phrase `from..end` ending on an organisation noun names itself: the whole
 * name when the noun is capitalised ("the Welsh Assembly Government", "the Danish Fishermen's
 * Association"), the capitalised words before a lower-case noun ("the Verdi services union", "the
 * Labour party"), never a place, nationality or title ("the US regulator", "the German carmaker").
 */
function namedOrganisation(words: readonly WordToken[], from: number, end: number): SpeakerRef | null {
  if (isNameWord(words[end]!.text)) {
    const ref = nameRefEndingAt(words, end);
    return ref?.kind === 'name' && ref.words.length > 1 ? ref : null;
  }
  const named = words.slice(from, end).filter((w) => isNameWord(w.text));
  const at = words.indexOf(named[0]!);
  if (named.length === 0 || !named.every((w, i) => words[at + i] === w && mayNameOrganisation(w.text))) return null;
  return nameRef(named.map((w) => withoutPossessive(w.text)), null);
}

/** "the chancellor", "the Bishop", "the club's chairman": a title standing for a person the article names. */
function rolePhrase(words: readonly WordToken[], end: number): SpeakerRef | null {
  const roles: string[] = [];
  let k = end;
  while (k >= 0 && isRoleWord(withoutPossessive(words[k]!.text))) roles.unshift(words[k--]!.text);
  if (roles.length === 0) return null;
  const determiner = words[k]?.text.toLowerCase();
  if (determiner !== 'the' && !(determiner ?? '').match(/^(?:his|her|its|their)$/) && !hasPossessive(words[k]?.text ?? '')) return null;
  return { kind: 'role', words: roles.map((r) => r.toLowerCase()), position: words[end]!.start };
}

function speakerAfter(words: readonly WordToken[], verbIndex: number): SpeakerRef | null {
  const next = words[verbIndex + 1];
  if (!next) return null;
  const pronoun = pronounRef(next.text.toLowerCase(), next.start, true);
  if (pronoun !== undefined) return pronoun;
  // The phrase after the verb, up to punctuation or a preposition that starts something else.
  let end = verbIndex + 1;
  while (end + 1 < words.length && !/^[,;:()—–|“”"]$/.test(words[end + 1]!.text) && !/^(?:in|on|at|to|that|who|which|last|this|yesterday|today|after|before|when|while|as)$/i.test(words[end + 1]!.text)) end++;
  // "said a spokesman for Acme" keeps "for".
  if (/^(?:for|at|of)$/i.test(words[end + 1]?.text ?? '') && SPOKES.has(words[end]!.text.toLowerCase())) {
    end++;
    while (end + 1 < words.length && (isNameWord(words[end + 1]!.text) || words[end + 1]!.text === 'the')) end++;
  }
  const org = organisationPhrase(words, verbIndex + 1, end);
  if (org) return org;
  const role = rolePhrase(words, end);
  if (role) return role;
  // "said councillor Tom Hale", "said the club's chairman John Smith", "said Acme chief executive
  // Jane Roe", "said finance chief Jane Roe": the name after the title.
  if (PLACE_OR_TIME.test(words[verbIndex + 1]!.text)) return null; // "said on Monday", "said in a statement"
  const first = nameAfterTitle(words, verbIndex + 1, end);
  const names: string[] = [];
  for (let k = first; k <= end && (isNameWord(words[k]!.text) || (names.length > 0 && NAME_CONNECTORS.has(words[k]!.text) && isNameWord(words[k + 1]?.text ?? ''))); k++) {
    if (names.length > 0 && isNameWord(words[k]!.text) && isConnector(words[k]!.text)) break; // "…analyst Jane Roe The dispute": a new sentence
    names.push(words[k]!.text);
  }
  // "said Jane Roe of Acme Capital": the person, not the person of the firm.
  const of = names.findIndex((w) => AFFILIATION.has(w));
  if (of > 0 && looksLikePerson(names.slice(0, of).join(' '))) names.length = of;
  return names.length > 0 ? runRef(names) : null;
}
/** Words that open a phrase of place, time or affiliation after a name or a verb. */
const PLACE_OR_TIME = /^(?:in|on|at|to|of|for|by|with|from|that|last|this|yesterday|today|after|before|when|while|as)$/;
/** Words that tie a person to an organisation ("Jane Roe of Acme", "Jane Roe at Acme"). */
const AFFILIATION = new Set(['of', 'at', 'for']);

/**
 * Where the name starts in the phrase `from..end` after a verb: after its last role word or
 * possessive owner when a capitalised word follows it ("Acme chief executive Jane Roe", "the
 * club's chairman John Smith", "finance chief Jane Roe"), else after its leading determiners.
 */
function nameAfterTitle(words: readonly WordToken[], from: number, end: number): number {
  const isTitle = (w: string) => isRoleWord(withoutPossessive(w)) || hasPossessive(w);
  // The title comes before the name: never after "of" ("Jane Roe of the Economist Intelligence Unit").
  let last = from;
  while (last < end && !PLACE_OR_TIME.test(words[last + 1]!.text)) last++;
  for (let k = last - 1; k >= from; k--) {
    if (isTitle(words[k]!.text) && isNameWord(words[k + 1]!.text) && !isTitle(words[k + 1]!.text)) return k + 1;
  }
  let first = from;
  while (first < end && (isTitle(words[first]!.text) || /^(?:the|a|an|former|its|his|her)$/i.test(words[first]!.text))) first++;
  return first;
}

/** The name whose capitalised run ends at `end` ("Tesla’s founder Elon Musk" → "Elon Musk"). */
function nameRefEndingAt(words: readonly WordToken[], end: number): SpeakerRef | null {
  const run: string[] = [];
  let runStart = end + 1;
  for (let k = end; k >= 0; k--) {
    const text = words[k]!.text;
    if (!isNameWord(text)) {
      // "State Administration for Market Regulation": a connector between capitalised words.
      const before = words[k - 1]?.text;
      // "Blair and Mr Brown" are two people: "and" joins a name only when no person starts after it.
      const startsPerson = text === 'and' && run.length > 0 && (isHonorific(run[0]!) || isFirstName(run[0]!));
      if (run.length > 0 && !startsPerson && NAME_CONNECTORS.has(text) && before !== undefined && isNameWord(before) && !hasPossessive(before)) {
        run.unshift(text);
        continue;
      }
      break;
    }
    if (k < end && hasPossessive(text) && !continuesAfterPossessive(words, k)) break; // a possessive owner before the name
    run.unshift(text);
    runStart = k;
  }
  if (run.length === 0) return null;
  const ref = runRef(run);
  // A lone capitalised word opening the sentence may be a common word ("Sources", "Experts").
  if (ref?.kind === 'name' && runStart === 0 && ref.words.length === 1 && GENERIC_SPEAKERS.has(ref.words[0]!.toLowerCase())) return null;
  return ref;
}

/** A speaker reference from a capitalised run: role and honorific split off, connectors dropped. */
function runRef(run: string[]): SpeakerRef | null {
  const cleaned = run.map((w) => withoutPossessive(w));
  while (cleaned.length > 0 && NAME_CONNECTORS.has(cleaned[0]!)) cleaned.shift();
  const { role, honorific, name } = splitRun(cleaned);
  if (name.length === 0) return null;
  if (name.length === 1 && (isRoleWord(name[0]!) || isConnector(name[0]!))) {
    // "the Bishop" / "Chancellor" with no name: a title standing for a person.
    return isRoleWord(name[0]!) ? { kind: 'role', words: [name[0]!.toLowerCase()], position: -1 } : null;
  }
  if (isHonorific(name[0]!) && name.length === 1) return null;
  // "The Verge", "The National Union of Journalists": the article belongs to the name.
  if (cleaned[0] === 'The' && !role && !honorific && name.length === cleaned.length - 1 && !looksLikePerson(name.join(' '))) {
    return nameRef(['The', ...name], null, null);
  }
  return nameRef(name, honorific, role);
}

/** "Norwegian", "Newport-based", "Friday": an adjective or a day, never a speaker on its own (a country may be: "the EU said"). */
function isNeverASpeaker(word: string): boolean {
  return isNationality(word) || /^\p{Lu}[\p{L}.]*-\p{Ll}/u.test(word) || /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i.test(word);
}

function nameRef(name: string[], honorific: string | null, role: string | null = null): SpeakerRef | null {
  const words = name[0] === 'the' ? name.slice(1) : name;
  if (words.length === 0 || GENERIC_SPEAKERS.has(words.join(' ').toLowerCase())) return null;
  if (words.length === 1 && !honorific && isNeverASpeaker(words[0]!)) return null;
  return { kind: 'name', words, honorific, role };
}
