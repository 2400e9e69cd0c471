/**
 * Follow-ups in a thread refine the thread's last question by rewriting it:
 * "more" → the same question, next page; "only Reuters" → + `source:"Reuters"`;
 * "since May" / "before June" → + `since:`/`before:` with a parsed date;
 * "what else did he say" → `what did <last speaker> say`, skipping what was shown.
 */

export type FollowUp =
  | { kind: 'more' }
  | { kind: 'source'; outlet: string }
  | { kind: 'since' | 'before'; dateText: string }
  /** `speaker` null: a pronoun ("he", "she", "they"), resolved to the thread's last speaker. */
  | { kind: 'whatElse'; speaker: string | null };

const MORE = /^(?:more|next|show more|more please|continue|go on|keep going|anything else|what else)$/i;
const ONLY_SOURCE = /^(?:only|just)\s+(?:from\s+|in\s+|by\s+)?(?:source:|outlet:)?(.+)$/i;
const SINCE = /^(?:only\s+)?(?:since|after)\s+(.+)$/i;
const BEFORE = /^(?:only\s+)?(?:before|until|till)\s+(.+)$/i;
const WHAT_ELSE = /^what\s+else\s+(?:did|does|has|had)\s+(.+?)\s+(?:say|said|tell|told|claim|claimed)(?:\s+.*)?$/i;
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'it']);

/** Null when the text is not a follow-up (then it is a new question). */
export function parseFollowUp(text: string): FollowUp | null {
  const input = text.trim().replace(/[.!?]+$/, '').trim();
  if (MORE.test(input)) return { kind: 'more' };
  const whatElse = WHAT_ELSE.exec(input);
  if (whatElse?.[1] !== undefined) {
    const who = whatElse[1].trim();
    return { kind: 'whatElse', speaker: PRONOUNS.has(who.toLowerCase()) ? null : who };
  }
  const since = SINCE.exec(input);
  if (since?.[1] !== undefined) return { kind: 'since', dateText: since[1] };
  const before = BEFORE.exec(input);
  if (before?.[1] !== undefined) return { kind: 'before', dateText: before[1] };
  const only = ONLY_SOURCE.exec(input);
  if (only?.[1] !== undefined) {
    const outlet = only[1].replace(/["“”]/g, '').trim();
    if (outlet !== '') return { kind: 'source', outlet };
  }
  return null;
}

/** Filter names as the core reads them, with their synonyms (replaced, never doubled). */
const FILTER_NAMES = { source: ['source', 'outlet'], since: ['since', 'after'], before: ['before', 'until'] } as const;

/** The question with one filter set: an existing filter of that kind is replaced. */
export function withFilter(question: string, name: keyof typeof FILTER_NAMES, value: string): string {
  const names = FILTER_NAMES[name].join('|');
  const existing = new RegExp(`(?:^|\\s)(?:${names}):(?:"[^"]*"|'[^']*'|\\S+)`, 'gi');
  const base = question.replace(existing, '').replace(/\s+/g, ' ').trim();
  const formatted = name === 'source' ? `"${value.replace(/"/g, '')}"` : value;
  return `${base} ${name}:${formatted}`;
}

/** The question a "what else did X say" asks. */
export function whatDidSay(speaker: string): string {
  return `what did ${speaker} say`;
}
