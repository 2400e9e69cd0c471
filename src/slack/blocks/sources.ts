/**
 * The corpus as a list: `/tesla sources` and the App Home. One line per document with its label
 * (the headline, linked when it has a URL, or the start of its first sentence in italics), outlet,
 * date and passage count, as literal rich_text packed into as few blocks as Slack's limits allow;
 * what does not fit is counted, not dropped silently.
 */
import type { CorpusDocumentInfo, CorpusStats, SkippedFileInfo } from '../ports.js';
import type { types } from '@slack/bolt';
import { contextBlock, sectionBlock } from './answer.js';
import { LIMITS, type KnownBlock, type RenderedMessage } from './kit.js';
import { shorten } from './mrkdwn.js';
import { labelInline, plain, richSection, richText, type RichInline } from './richText.js';

/** One line per document: `Headline (linked) — Outlet · 2021-05-26 · 12 passages`, the label literal. */
export function documentLine(document: CorpusDocumentInfo): RichInline[] {
  const details = [
    document.outlet === null ? null : shorten(document.outlet, 80),
    document.published,
    `${document.passages} passage${document.passages === 1 ? '' : 's'}`,
  ].filter((part): part is string => part !== null);
  return [labelInline(document.label, document.url, 150), plain(` — ${details.join(' · ')}`)];
}

/** A one-line summary: documents, passages, outlets (as the corpus names them, literally), date range. */
export function statsLine(stats: CorpusStats): RichInline[] {
  const plural = (n: number, noun: string) => [plain(String(n), { bold: true }), plain(` ${noun}${n === 1 ? '' : 's'} · `)];
  const outlets =
    stats.outlets.length === 0
      ? 'outlets not stated'
      : `${stats.outlets.length} outlet${stats.outlets.length === 1 ? '' : 's'}: ${shorten(stats.outlets.join(', '), 400)}`;
  const range =
    stats.earliest === null || stats.latest === null
      ? 'dates not stated'
      : stats.earliest === stats.latest
        ? stats.earliest
        : `${stats.earliest} – ${stats.latest}`;
  return [...plural(stats.documents, 'document'), ...plural(stats.passages, 'passage'), plain(`${outlets} · ${range}`)];
}

/**
 * Document lines as bulleted rich_text lists of at most about `LIMITS.sectionText` characters of
 * JSON each,
 * using at most `maxBlocks` blocks; a last context block says how many did not fit.
 */
export function documentListBlocks(documents: readonly CorpusDocumentInfo[], maxBlocks: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let items: types.RichTextSection[] = [];
  let size = 0;
  let listed = 0;
  const budget = LIMITS.sectionText - 100;
  const flush = () => {
    blocks.push(richText([{ type: 'rich_text_list', style: 'bullet', elements: items }]));
    items = [];
    size = 0;
  };
  for (const document of documents) {
    const item = richSection(documentLine(document));
    const length = JSON.stringify(item).length + 1;
    if (items.length > 0 && size + length > budget) {
      if (blocks.length + 2 >= maxBlocks) break;
      flush();
    }
    items.push(item);
    size += length;
    listed += 1;
  }
  if (items.length > 0) flush();
  if (listed < documents.length) {
    blocks.push(contextBlock(`…and ${documents.length - listed} more documents.`));
  }
  return blocks;
}

/**
 * The files the corpus folder holds but the bot does not serve, and why: one rich_text block (none
 * when all are served). Paths and reasons are shown literally (a file name may hold `*` or `<`).
 */
export function skippedFilesBlocks(skipped: readonly SkippedFileInfo[]): KnownBlock[] {
  if (skipped.length === 0) return [];
  const count = `${skipped.length} file${skipped.length === 1 ? '' : 's'} in the corpus folder ${skipped.length === 1 ? 'is' : 'are'} not served:`;
  const inlines: RichInline[] = [plain(`⚠️ ${count}`)];
  for (const file of skipped.slice(0, 5)) inlines.push(plain('\n'), plain(shorten(file.path, 120), { code: true }), plain(` ${shorten(file.reason, 200)}`));
  if (skipped.length > 5) inlines.push(plain(`\n…and ${skipped.length - 5} more (see the start-up log).`));
  return [richText([richSection(inlines)])];
}

export function renderSources(documents: readonly CorpusDocumentInfo[], stats: CorpusStats, skipped: readonly SkippedFileInfo[] = []): RenderedMessage {
  const skippedBlocks = skippedFilesBlocks(skipped);
  if (documents.length === 0) {
    return {
      text: 'The corpus is empty',
      blocks: [sectionBlock('The corpus is empty: no articles have been indexed yet.'), ...skippedBlocks],
    };
  }
  return {
    text: `${stats.documents} documents in the corpus`,
    blocks: [
      richText([richSection([plain('📚 '), plain('What I know', { bold: true }), plain('\n'), ...statsLine(stats)])]),
      ...skippedBlocks,
      { type: 'divider' },
      ...documentListBlocks(documents, LIMITS.messageBlocks - 2 - skippedBlocks.length),
    ],
  };
}
