/**
 * Text of Block Kit blocks as sent. A rich_text section, quote or preformatted element reads as
 * one string (its text elements joined as Slack shows them, without separators).
 */

const RICH_CONTAINERS = new Set(['rich_text_section', 'rich_text_quote', 'rich_text_preformatted']);

/** All text of some blocks (mrkdwn and plain text as sent, rich_text elements joined), one piece a line. */
export function textOf(blocks: unknown): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record['type'] === 'string' && RICH_CONTAINERS.has(record['type'])) {
        texts.push(inlineText(record['elements']));
        return;
      }
      if (typeof record['text'] === 'string') texts.push(record['text']);
      Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return texts.join('\n');
}

/** The texts of the mrkdwn text objects only (where Slack parses formatting, mentions and links). */
export function mrkdwnOf(blocks: unknown): string[] {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'mrkdwn' && typeof record['text'] === 'string') texts.push(record['text']);
      Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return texts;
}

/** The rich_text quotes of some blocks (the excerpts of an answer), each as one string. */
export function quotesOf(blocks: unknown): string[] {
  const quotes: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'rich_text_quote') quotes.push(inlineText(record['elements']));
      else Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return quotes;
}

function inlineText(elements: unknown): string {
  if (!Array.isArray(elements)) return '';
  return elements
    .map((inline) => {
      const record = (inline ?? {}) as Record<string, unknown>;
      if (typeof record['text'] === 'string') return record['text'];
      if (record['type'] === 'user') return `@${String(record['user_id'])}`;
      if (record['type'] === 'channel') return `<#${String(record['channel_id'])}>`;
      return '';
    })
    .join('');
}
