/**
 * "Show in context": a modal with the paragraph before an excerpt, the excerpt's paragraph with
 * the excerpt in bold, and the paragraph after, all verbatim (rich_text); above them the source's
 * label, outlet, date and URL when stated, and where the excerpt stands ("paragraph 7 of 12").
 * Very long paragraphs are cut around the excerpt with "…" (the cut is the rendering's, never
 * the text's).
 */
import type { types } from '@slack/bolt';
import type { ExcerptContext } from '../../core/index.js';
import { isHttpUrl } from '../../core/index.js';
import { plainContextBlock } from './answer.js';
import type { KnownBlock } from './kit.js';
import { shorten } from './mrkdwn.js';
import { marked, plain, richQuote, richSection, richText, sourceInlines } from './richText.js';

export const CONTEXT_MODAL_CALLBACK = 'excerpt_context';

/** Characters of the paragraphs before and after shown at most; of the excerpt's paragraph around it. */
const NEIGHBOUR_CHARS = 1_200;
const AROUND_EXCERPT_CHARS = 1_000;

export function renderContextModal(context: ExcerptContext | null): types.ModalView {
  const base = { type: 'modal' as const, callback_id: CONTEXT_MODAL_CALLBACK, title: { type: 'plain_text' as const, text: 'In context' }, close: { type: 'plain_text' as const, text: 'Close' } };
  if (context === null) {
    return {
      ...base,
      blocks: [plainContextBlock('This excerpt is no longer in the corpus (the article was changed or removed). Ask again for a fresh answer.')],
    };
  }
  const { source } = context;
  const blocks: KnownBlock[] = [richText([richSection(sourceInlines(source, { labelStyle: { bold: true } }))], 'context_source')];
  const where = `Paragraph ${context.position} of ${context.paragraphs}`;
  const url = source.url !== null && isHttpUrl(source.url) ? source.url : null;
  blocks.push(
    url === null
      ? plainContextBlock(where)
      : richText([richSection([plain(`${where} · `), { type: 'link', url, text: shorten(url, 150) }])], 'context_where'),
  );
  blocks.push({ type: 'divider' });
  blocks.push(
    context.before === null
      ? plainContextBlock('(the start of the article)')
      : richText([richSection([plain(tail(context.before.text, NEIGHBOUR_CHARS))])], 'context_before'),
    richText([richQuote(excerptInParagraph(context))], 'context_excerpt'),
    context.after === null
      ? plainContextBlock('(the end of the article)')
      : richText([richSection([plain(head(context.after.text, NEIGHBOUR_CHARS))])], 'context_after'),
  );
  return { ...base, blocks };
}

/** The paragraph with the excerpt in bold, cut to some text on either side when very long. */
function excerptInParagraph(context: ExcerptContext): types.RichTextText[] {
  const { text } = context.paragraph;
  const { start, end } = context.excerpt;
  const from = Math.max(0, start - AROUND_EXCERPT_CHARS);
  const to = Math.min(text.length, end + AROUND_EXCERPT_CHARS);
  const elements = marked(text.slice(from, to), [{ start: start - from, end: end - from }]);
  if (from > 0) elements.unshift(plain('…'));
  if (to < text.length) elements.push(plain('…'));
  return elements;
}

function head(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

function tail(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max).replace(/^\S*\s+/, '')}`;
}
