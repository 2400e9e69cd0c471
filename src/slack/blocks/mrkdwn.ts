/**
 * mrkdwn helpers. Untrusted text (corpus, user input) goes through {@link escapeMrkdwn}
 * before it enters a message, so `<!channel>`, `<@U123>` and `<https://evil|click>` show
 * as plain text instead of pinging, mentioning or linking.
 */
import { isHttpUrl } from '../../core/index.js';

/** Escapes the three characters Slack treats as control characters in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A link when `url` is http(s), else the label alone. The label is escaped here; the URL
 * is percent-encoded where mrkdwn would read it as syntax (`|`, `<`, `>`, spaces).
 */
export function mrkdwnLink(url: string | null, label: string): string {
  const escapedLabel = escapeMrkdwn(label);
  if (url === null || !isHttpUrl(url)) return escapedLabel;
  const safeUrl = url.replace(/[|<>\s"]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return `<${safeUrl}|${escapedLabel}>`;
}

/** A user mention, only for well-formed Slack user ids (anything else is shown escaped). */
export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** Shortens `text` to at most `max` characters, at a word boundary when one is near, adding `…`. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - 1);
  const cut = text.slice(0, room);
  const lastSpace = cut.search(/\s\S*$/);
  const head = lastSpace > room * 0.7 ? cut.slice(0, lastSpace) : cut;
  return `${head.trimEnd()}…`;
}
