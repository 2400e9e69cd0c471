/**
 * Reading a question: filters (`source:"TRT World"`, `outlet:`, `since:2021-05-01`,
 * `before:…`), intent (what someone said, or passages about something) and topic.
 */
import { parseDateInput } from '../corpus/dates.js';

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
  /** True for "why" questions, which favour sentences giving causes. */
  asksWhy: boolean;
  /** A problem with the filters, worded for the user; null when there is none. */
  error: string | null;
}

/** Longest question accepted, in characters. */
export const MAX_QUESTION_LENGTH = 500;

const FILTER = /(?<![\p{L}\p{N}])([a-z]+):(?:"([^"]*)"|“([^”]*)”|(\S+))/giu;
const KNOWN_FILTERS = ['source', 'outlet', 'since', 'before', 'after', 'until'];

const SPEECH = '(?:say|said|tell|told|claim|claimed|state|stated|report|reported|write|wrote|announce|announced|tweet|tweeted|post|posted|think|mention|mentioned|comment|commented|deny|denied|promise|promised|reveal|revealed|argue|argued|warn|warned|add|added|respond|responded)';
const ABOUT = '(?:about|on|regarding|concerning|of|over|in|to)';
const SPEAKER_PATTERNS: RegExp[] = [
  new RegExp(`^(?:what|which \\w+)\\s+(?:did|does|do|has|have|had|was|were|is)\\s+(.+?)\\s+(?:been\\s+|really\\s+|actually\\s+|publicly\\s+|ever\\s+)?${SPEECH}\\b(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  new RegExp(`^what\\s+(?:else\\s+)?(.+?)\\s+(?:has\\s+|had\\s+)?(?:said|says|told|wrote|writes|reported|claimed|stated|tweeted|posted)\\b(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  new RegExp(`^(?:show\\s+(?:me\\s+)?|list\\s+|give\\s+me\\s+|find\\s+)?(?:all\\s+)?(?:the\\s+)?(?:quotes?|quotations?|statements?|comments?|remarks?|words)\\s+(?:from|by|of)\\s+(.+?)(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  new RegExp(`^(?:show\\s+(?:me\\s+)?|list\\s+|give\\s+me\\s+)?(.+?)(?:['’]s?)?\\s+(?:comments?|remarks?|statements?|quotes?|words|views|claims?|response|reaction|position|denials?)\\b(?:\\s+${ABOUT}\\s+(.+))?\\s*$`, 'iu'),
  new RegExp(`^how\\s+(?:did|does|has)\\s+(.+?)\\s+(?:respond|react|reply|answer)(?:ed)?\\b(?:\\s+(?:to|about|on)\\s+(.+))?\\s*$`, 'iu'),
  new RegExp(`^(?:did|has|have)\\s+(.+?)\\s+(?:say|said|comment|commented|deny|denied|claim|claimed|admit|admitted)\\b(?:\\s+(?:anything\\s+)?${ABOUT}?\\s*(.+))?\\s*$`, 'iu'),
];
const SPECIFIC_VERB = /\b(?:tweet(?:ed)?|post(?:ed)?|wr(?:i|o)te|announced?|denied|deny|warned?|promised?|claimed?|reported|report|responded|respond|admitted|admit)\b/i;
const INTERROGATIVES = /^(?:who|what|where|when|why|how|which|it|this|that|there|i|you|we|they|people|anyone|someone)$/i;

/**
 * Parses a question.
 *
 * @example parseQuestion('what did Musk say about spying').speakerAsked === 'Musk'
 */
export function parseQuestion(question: string): ParsedQuestion {
  const filters: QuestionFilters = { outlet: null, since: null, before: null };
  const errors: string[] = [];
  const text = question
    .replace(FILTER, (whole, rawKey: string, dq?: string, cq?: string, bare?: string) => {
      const key = rawKey.toLowerCase();
      if (key === 'http' || key === 'https') return whole;
      const value = (dq ?? cq ?? bare ?? '').trim();
      if (!KNOWN_FILTERS.includes(key)) {
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
  const core = text.replace(/[?!.\s]+$/u, '');
  let speakerAsked: string | null = null;
  let speechVerb: string | null = null;
  let topic = text;
  for (const pattern of SPEAKER_PATTERNS) {
    const match = pattern.exec(core);
    if (!match) continue;
    const speaker = (match[1] ?? '').trim().replace(/^(?:the\s+)?(?=\S)/i, (m) => (/^The\s/.test(m) ? m : m));
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
    asksWhy: /^\s*why\b|\bwhat (?:was|is|were) the reasons?\b|\bfor what reason\b/i.test(text),
    error: errors.length > 0 ? errors.join(' ') : null,
  };
}

function isSpeakerPhrase(phrase: string): boolean {
  const words = phrase.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 5) return false;
  return !INTERROGATIVES.test(words[0]!);
}
