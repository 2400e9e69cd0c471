/**
 * The corpus as a list: `/tesla sources` and the App Home. One line per document with
 * headline (linked when it has a URL), outlet, date and passage count, packed into as few
 * sections as Slack's limits allow; what does not fit is counted, not dropped silently.
 */
import type { CorpusDocumentInfo, CorpusStats, SkippedFileInfo } from '../ports.js';
import { contextBlock, sectionBlock } from './answer.js';
import { LIMITS, type KnownBlock, type RenderedMessage } from './kit.js';
import { escapeMrkdwn, mrkdwnLink, shorten } from './mrkdwn.js';

/** One line per document: `• <url|Headline> — Outlet · 2021-05-26 · 12 passages`. */
export function documentLine(document: CorpusDocumentInfo): string {
  const label = document.title ?? document.docId;
  const headline =
    document.title === null && document.url === null
      ? `\`${escapeMrkdwn(document.docId)}\``
      : mrkdwnLink(document.url, shorten(label, 150));
  const details = [
    document.outlet === null ? null : escapeMrkdwn(shorten(document.outlet, 80)),
    document.published === null ? null : escapeMrkdwn(document.published),
    `${document.passages} passage${document.passages === 1 ? '' : 's'}`,
  ].filter((part): part is string => part !== null);
  return `• ${headline} — ${details.join(' · ')}`;
}

/** A one-line summary: documents, passages, outlets, date range. */
export function statsLine(stats: CorpusStats): string {
  const outlets =
    stats.outlets.length === 0
      ? 'outlets not stated'
      : `${stats.outlets.length} outlet${stats.outlets.length === 1 ? '' : 's'}: ${escapeMrkdwn(shorten(stats.outlets.join(', '), 400))}`;
  const range =
    stats.earliest === null || stats.latest === null
      ? 'dates not stated'
      : stats.earliest === stats.latest
        ? escapeMrkdwn(stats.earliest)
        : `${escapeMrkdwn(stats.earliest)} – ${escapeMrkdwn(stats.latest)}`;
  return `*${stats.documents}* document${stats.documents === 1 ? '' : 's'} · *${stats.passages}* passages · ${outlets} · ${range}`;
}

/**
 * Document lines packed into sections of at most `LIMITS.sectionText` characters, using at
 * most `maxBlocks` blocks; a last context block says how many did not fit.
 */
export function documentListBlocks(documents: readonly CorpusDocumentInfo[], maxBlocks: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  let listed = 0;
  const budget = LIMITS.sectionText - 100;
  for (const document of documents) {
    const line = documentLine(document);
    if (current.length > 0 && current.length + 1 + line.length > budget) {
      if (blocks.length + 2 >= maxBlocks) break;
      blocks.push(sectionBlock(current));
      current = '';
    }
    current = current.length === 0 ? line : `${current}\n${line}`;
    listed += 1;
  }
  if (current.length > 0) blocks.push(sectionBlock(current));
  if (listed < documents.length) {
    blocks.push(contextBlock(`…and ${documents.length - listed} more documents.`));
  }
  return blocks;
}

/** The files the corpus folder holds but the bot does not serve, and why: one context block (none when all are served). */
export function skippedFilesBlocks(skipped: readonly SkippedFileInfo[]): KnownBlock[] {
  if (skipped.length === 0) return [];
  const shown = skipped.slice(0, 5).map((file) => `\`${escapeMrkdwn(shorten(file.path, 120))}\` ${escapeMrkdwn(shorten(file.reason, 200))}`);
  const more = skipped.length > shown.length ? `\n…and ${skipped.length - shown.length} more (see the start-up log).` : '';
  const count = `${skipped.length} file${skipped.length === 1 ? '' : 's'} in the corpus folder ${skipped.length === 1 ? 'is' : 'are'} not served`;
  return [contextBlock(`:warning: ${count}:\n${shown.join('\n')}${more}`)];
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
      sectionBlock(`:books: *What I know*\n${statsLine(stats)}`),
      ...skippedBlocks,
      { type: 'divider' },
      ...documentListBlocks(documents, LIMITS.messageBlocks - 2 - skippedBlocks.length),
    ],
  };
}
