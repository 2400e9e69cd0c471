/**
 * Corpus text as Block Kit `rich_text`: every character shows as written. A `text` element is
 * never parsed as mrkdwn, so `*very*`, backticks, `<!channel>` or `<https://…|x>` in a quote stay
 * literal and cannot format, ping or link. Highlighting is a style on a run of text, never
 * characters added to it. mrkdwn is for the app's own words (see `mrkdwn.ts`).
 */
import type { types } from '@slack/bolt';
import { isHttpUrl, type SourceLabel } from '../../core/index.js';
import { shorten } from './mrkdwn.js';

export type RichTextBlock = types.RichTextBlock;
export type RichInline = types.RichTextText | types.RichTextLink | types.RichTextUserMention | types.RichTextChannelMention;
type RichStyle = NonNullable<types.RichTextText['style']>;

/** A `rich_text` block of sections and quotes. */
export function richText(elements: RichTextBlock['elements'], blockId?: string): RichTextBlock {
  return { type: 'rich_text', ...(blockId === undefined ? {} : { block_id: blockId }), elements };
}

export function richSection(inlines: RichInline[]): types.RichTextSection {
  return { type: 'rich_text_section', elements: nonEmpty(inlines) };
}

export function richQuote(inlines: RichInline[]): types.RichTextQuote {
  return { type: 'rich_text_quote', elements: nonEmpty(inlines) };
}

/** A text element (empty styles left out). */
export function plain(text: string, style?: RichStyle): types.RichTextText {
  return style === undefined || Object.keys(style).length === 0 ? { type: 'text', text } : { type: 'text', text, style };
}

/** `text` with the ranges of `runs` (sorted, not overlapping) in bold. */
export function marked(text: string, runs: ReadonlyArray<{ start: number; end: number }>): types.RichTextText[] {
  const elements: types.RichTextText[] = [];
  let position = 0;
  for (const run of runs) {
    if (run.start > position) elements.push(plain(text.slice(position, run.start)));
    if (run.end > run.start) elements.push(plain(text.slice(run.start, run.end), { bold: true }));
    position = Math.max(position, run.end);
  }
  if (position < text.length) elements.push(plain(text.slice(position)));
  return elements;
}

/**
 * A source's label: the headline (linked when the source states an http(s) URL), or the start of
 * the first sentence in italics (it is not a headline, and ends with "…" when cut).
 */
export function labelInline(label: SourceLabel, url: string | null, maxChars = 200, style: RichStyle = {}): RichInline {
  const text = shorten(label.text, maxChars);
  const own: RichStyle = label.kind === 'headline' ? style : { ...style, italic: true };
  if (url !== null && isHttpUrl(url)) {
    return Object.keys(own).length === 0 ? { type: 'link', url, text } : { type: 'link', url, text, style: own };
  }
  return plain(text, own);
}

/** `Label · Outlet · 2021-05-26`: what a reader needs to recognise a source (stated metadata only). */
export function sourceInlines(
  source: { label: SourceLabel; url: string | null; outlet: string | null; published: string | null },
  options: { labelChars?: number; labelStyle?: RichStyle } = {},
): RichInline[] {
  const inlines: RichInline[] = [labelInline(source.label, source.url, options.labelChars ?? 200, options.labelStyle)];
  const details = [source.outlet, source.published].filter((part): part is string => part !== null).map((part) => shorten(part, 100));
  if (details.length > 0) inlines.push(plain(` · ${details.join(' · ')}`));
  return inlines;
}

/** Characters of text a rich_text block carries (for budgets). */
export function richTextLength(inlines: readonly RichInline[]): number {
  return inlines.reduce((sum, inline) => sum + ('text' in inline ? (inline.text?.length ?? 0) : 0), 0);
}

/** Slack rejects a section or quote without elements. */
function nonEmpty(inlines: RichInline[]): RichInline[] {
  return inlines.length === 0 ? [plain(' ')] : inlines;
}
