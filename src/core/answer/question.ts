/**
 * Reading a question: filters (`source:"TRT World"`, `outlet:`, `since:2021-05-01`,
 * `before:…`), intent (what someone said, or passages about something) and topic.
 */
import { parseDateInput } from '../corpus/dates.js';
import { isRoleWord } from '../corpus/names.js';

/** Filters written inside a question. Dates are ISO `YYYY-MM-DD`. */
export interface QuestionFilters {
  outlet: string | null;
  since: string | null;
  before: string | null;
}

/** A question, read. */
export interface ParsedQuestion {
  /** The question as asked. */
  original: string;
  /** The question without its filters. */
  text: string;
  filters: QuestionFilters;
  /** For "what did X say (about Y)" and its variants: X as asked. Else null. */
  speakerAsked: string | null;
  /** What to search for: Y for speaker questions, else the question without filters. */
  topic: string;
  /** The verb of a speaker question when it says how ("tweet", "deny", "announce"); else null. */
  speechVerb: string | null;
  /** A problem with the filters, worded for the user; null when there is none. */
  error: string | null;
}

/** Longest question accepted, in characters. */
export const MAX_QUESTION_LENGTH = 500;

const FILTER = /(?<![\p{L}\p{N}])([a-z]+):(?:"([^"]*)"|“([^”]*)”|(\S+))/giu;
const KNOWN_FILTERS = ['source', 'outlet', 'since', 'before', 'after', 'until'];

const SPEECH = '(?:say|said|says|tell|told|claim|claimed|state|stated|report|reported|write|wrote|announce|announced|tweet|tweeted|post|posted|think|thought|mention|mentioned|comment|commented|deny|denied|promise|promised|reveal|revealed|argue|argued|warn|warned|add|added|respond|responded|suggest|suggested|admit|admitted|insist|insisted|predict|predicted|have\\s+to\\s+say|had\\s+to\\s+say)';
const ABOUT = '(?:about|on|regarding|concerning|of|over|in|to|when\\s+asked\\s+about)';
/**
 * Who a speaker told, after "tell/told": a name ("Reuters", "the BBC", "BBC Radio Wales"), an
 * audience ("reporters"), or up to four words before "about" ("Chinese buyers about…"; not a
 * pronoun: "what did the police tell him about it" asks what happened). Dropped before the patterns are tried, so that "what did X tell Reuters
 * about Y" reads like "what did X say about Y".
 */
const RECIPIENT = /\b(tell|tells|told)\s+((?:the\s+)?(?:\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*){0,3}|reporters|journalists|the\s+press|the\s+media|mps|parliament|fans|investors|analysts|staff|a\s+(?:news\s+)?conference)(?=\s+(?:about|on|regarding|concerning|when)\b|\s*$)|(?!(?:him|her|them|me|us|you)\b)(?:[\p{L}\p{N}.&'’-]+\s+){0,3}[\p{L}\p{N}.&'’-]+(?=\s+(?:about|regarding|concerning)\b))/u;
/** Nouns for what someone said: "X's comments on Y", "quotes from X". */
const SAYING = '(?:comments?|remarks?|statements?|quotes?|quotations?|words|views?|claims?|response|responses|reaction|reactions|position|stance|take|thoughts|opinions?|verdict|assessment|denials?|warnings?|criticism|explanation|answer|line)';
const POSSESSIVE = "(?:['’]s?)";
const SPEAKER_PATTERNS: RegExp[] = [
  // What did X say (about Y) / What did X tell Reuters (about Y) / What has X claimed about Y
  new RegExp(`^(?:what|which \\w+)\\s+(?:did|does|do|has|have|had|was|were|is|will)\\s+(.+?)\\s+(?:been\\s+|really\\s+|actually\\s+|publicly\\s+|ever\\s+|previously\\s+|already\\s+|just\\s+)?${SPEECH}\\b(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  // What X said (about Y) / What X told the BBC
  new RegExp(`^what\\s+(?:else\\s+)?(.+?)\\s+(?:has\\s+|had\\s+)?(?:said|says|told|wrote|writes|reported|claimed|stated|tweeted|posted)\\b(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  // (Any) quotes from X (on Y)
  new RegExp(`^(?:show\\s+(?:me\\s+)?|list\\s+|give\\s+me\\s+|find\\s+|get\\s+|any\\s+|are\\s+there\\s+(?:any\\s+)?)?(?:all\\s+|some\\s+|any\\s+)?(?:the\\s+)?(?:quotes?|quotations?|statements?|comments?|remarks?|words|reactions?|responses?)\\s+(?:from|by|of)\\s+(.+?)(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  // What was X's view of Y / What is X's position on Y
  new RegExp(`^(?:what|how)\\s+(?:was|is|were|are)\\s+(.+?)${POSSESSIVE}\\s+${SAYING}\\b(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  // X's comments on Y / X's view of Y
  new RegExp(`^(?:show\\s+(?:me\\s+)?|list\\s+|give\\s+me\\s+)?(.+?)${POSSESSIVE}?\\s+${SAYING}\\b(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  // How did X react/respond (to Y) / How did X explain/describe Y
  new RegExp(`^how\\s+(?:did|does|has|have|had|will|would)\\s+(.+?)\\s+(?:respond|react|reply|answer|replied|reacted|responded|answered)(?:ed)?\\b(?:\\s+(?:to|about|on|over|when)\\s+(.+))?\\s*$`, 'iu'),
  new RegExp(`^how\\s+(?:did|does|has|have|had|will|would)\\s+(.+?)\\s+(?:explain(?:ed|s)?|describ(?:e|ed|es)|justif(?:y|ied|ies)|defend(?:ed|s)?|see|seen|view(?:ed|s)?|characteri[sz](?:e|ed|es)|sum(?:med)?\\s+up|assess(?:ed|es)?|rate[ds]?|fe(?:el|lt)\\s+about)\\b\\s+(.+)\\s*$`, 'iu'),
  // Did X say anything about Y
  new RegExp(`^(?:did|has|have)\\s+(.+?)\\s+(?:say|said|comment|commented|deny|denied|claim|claimed|admit|admitted)\\b(?:\\s+(?:anything\\s+)?${ABOUT}?\\s*(.+))?\\s*$`, 'iu'),
  // X told Reuters (about Y)
  new RegExp(`^(.+?)\\s+(?:told|tells|has\\s+told)(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  // Microsoft's Robbie Bach on Y (a name, then "on")
  new RegExp(`^((?:\\p{Lu}[\\p{L}\\p{N}.&-]*(?:['’]s)?\\s+){0,2}\\p{Lu}[\\p{L}\\p{N}.&-]*(?:\\s+\\p{Lu}[\\p{L}\\p{N}.&-]*)?)\\s+(?:on|about)\\s+(.+)\\s*$`, 'u'),
];
const SPECIFIC_VERB = /\b(?:tweet(?:ed)?|post(?:ed)?|wr(?:i|o)te|announced?|denied|deny|warned?|promised?|claimed?|reported|report|responded|respond|admitted|admit)\b/i;
const INTERROGATIVES = /^(?:who|what|where|when|why|how|which|it|this|that|there|i|you|we|they|people|anyone|someone|is|are|was|were|do|does|did|can|could|will|would|should|has|have)$/i;
/** Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) that hide inside words pasted from the web. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Emoji, symbols and punctuation before the first word ("👉 what did Musk say"). */
const LEADING_NOISE = /^[^\p{L}\p{N}"“'‘(]+/u;

/**
 * The question with zero-width characters removed and leading emoji/symbols stripped, so that
 * its intent and words read as typed.
 *
 * @example normaliseQuestion('🤔 what did Mu\u200Bsk say') === 'what did Musk say'
 */
export function normaliseQuestion(question: string): string {
  return question.replace(ZERO_WIDTH, '').replace(LEADING_NOISE, '').trim();
}

/**
 * Parses a question.
 *
 * @example parseQuestion('what did Musk say about spying').speakerAsked === 'Musk'
 */
export function parseQuestion(question: string): ParsedQuestion {
  const filters: QuestionFilters = { outlet: null, since: null, before: null };
  const errors: string[] = [];
  const text = normaliseQuestion(question)
    .replace(FILTER, (whole, rawKey: string, dq?: string, cq?: string, bare?: string) => {
      const key = rawKey.toLowerCase();
      if (key === 'http' || key === 'https') return whole;
      const value = (dq ?? cq ?? bare ?? '').trim();
      if (!KNOWN_FILTERS.includes(key)) {
        // A name with a colon ("CD:UK", "Re:Invent") is part of the question, not a filter mistyped.
        if (/\p{Lu}/u.test(rawKey)) return whole;
        errors.push(`“${rawKey}:” is not a filter I know. Use source:"Outlet", since:YYYY-MM-DD or before:YYYY-MM-DD.`);
        return ' ';
      }
      if (key === 'source' || key === 'outlet') {
        if (value === '') errors.push(`${key}: needs an outlet name, e.g. source:"TRT World".`);
        else filters.outlet = value;
        return ' ';
      }
      const date = parseDateInput(value);
      if (!date) {
        errors.push(`“${value}” is not a date I can read for ${key}:. Use YYYY-MM-DD, e.g. ${key}:2021-05-01.`);
        return ' ';
      }
      if (key === 'since' || key === 'after') filters.since = date;
      else filters.before = date;
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  if (filters.since && filters.before && filters.since >= filters.before) {
    errors.push(`since:${filters.since} is not before before:${filters.before}, so no date fits.`);
  }
  const core = text.replace(/[?!.\s]+$/u, '').replace(RECIPIENT, '$1');
  let speakerAsked: string | null = null;
  let speechVerb: string | null = null;
  let topic = text;
  for (const pattern of SPEAKER_PATTERNS) {
    const match = pattern.exec(core);
    if (!match) continue;
    const speaker = (match[1] ?? '').trim().replace(/^(?:so|and|but|ok|okay|then)\s+/i, '').replace(/['’]s?$/u, '');
    if (!isSpeakerPhrase(speaker)) continue;
    speakerAsked = speaker;
    topic = (match[2] ?? '').trim();
    speechVerb = SPECIFIC_VERB.exec(core.slice(match.index))?.[0].toLowerCase() ?? null;
    break;
  }
  return {
    original: question,
    text,
    filters,
    speakerAsked,
    topic,
    speechVerb,
    error: errors.length > 0 ? errors.join(' ') : null,
  };
}

/** A speaker as asked: up to five words, or eight for a title ("the chairman of the public accounts committee"). */
function isSpeakerPhrase(phrase: string): boolean {
  const words = phrase.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  if (words.length > 5 && !words.some((w) => isRoleWord(w.replace(/['’]s$/u, '')))) return false;
  return !INTERROGATIVES.test(words[0]!);
}
