/**
 * What a user typed, made plain and classified: help, the corpus list, or a question.
 * Slack sends message text with `&`, `<`, `>` escaped and mentions/links as `<…>` tokens;
 * {@link plainText} turns that back into what the user saw, so the engine gets words, not markup.
 */

import { MAX_QUESTION_LENGTH } from '../../core/index.js';

/** Longer questions are refused with a hint (the core's limit; they also must fit in a button's value). */
export { MAX_QUESTION_LENGTH };

export type ParsedRequest =
  | { kind: 'help' }
  | { kind: 'sources' }
  | { kind: 'tooLong'; length: number }
  | { kind: 'digest'; text: string }
  | { kind: 'question'; question: string };

export function parseRequest(text: string): ParsedRequest {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase().replace(/[.!?]+$/, '');
  if (lower === '' || lower === 'help' || lower === '?' || lower === 'usage') return { kind: 'help' };
  if (lower === 'sources' || lower === 'source' || lower === 'list' || lower === 'corpus') return { kind: 'sources' };
  // `digest on 09:00 …`, `digest off|status|now`: the daily digest's settings, not a question.
  const digest = /^digests?(?:\s+(.*))?$/is.exec(trimmed);
  if (digest !== null) return { kind: 'digest', text: (digest[1] ?? '').trim() };
  if (trimmed.length > MAX_QUESTION_LENGTH) return { kind: 'tooLong', length: trimmed.length };
  return { kind: 'question', question: trimmed };
}

/** Removes mentions of the bot (`<@U123>` or `<@U123|tesla>`) wherever they are. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const withoutBot =
    botUserId === undefined ? text.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, '') : text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), '');
  return withoutBot.replace(/\s+/g, ' ').trim();
}

/**
 * Slack markup → plain text: `<@U1|ana>` → `@ana`, `<#C1|general>` → `#general`,
 * `<https://x|label>` → `label`, `<!here>` → `@here`, then `&lt;` `&gt;` `&amp;` unescaped.
 */
export function plainText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
