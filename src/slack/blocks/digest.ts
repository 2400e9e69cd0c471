/**
 * Digest → Block Kit. Pure: the same digest renders the same blocks.
 *
 * A short digest is one message: a header, the period, then per story the headline (linked
 * when the source has a URL), outlet and date, the sentences that represent the article as a
 * block quote, notable statements with their speakers, where in the source each excerpt is,
 * and "also covered by". A long digest posts a compact overview (one line per story) and puts
 * each story in the thread. With nothing new, one line says so.
 */
import type { Digest, DigestExcerpt, DigestSource, DigestStory } from '../../core/digest/index.js';
import { formatLocalTime } from '../../core/digest/index.js';
import type { DigestSettings } from '../ports.js';
import { contextBlock, sectionBlock } from './answer.js';
import { LIMITS, textSize, type KnownBlock, type RenderedMessage } from './kit.js';
import { blockQuote, escapeMrkdwn, mrkdwnLink, shorten } from './mrkdwn.js';

/** A digest as messages: the one posted in the channel, and replies for its thread. */
export interface RenderedDigest {
  overview: RenderedMessage;
  thread: RenderedMessage[];
}

/** Stories shown in full in one message; more than this become an overview and a thread. */
export const FULL_DIGEST_MAX_STORIES = 3;
const EXCERPT_CHARS = 600;

export function renderDigest(digest: Digest, settings: DigestSettings): RenderedDigest {
  const articles = digest.stories.reduce((sum, story) => sum + 1 + story.alsoCoveredBy.length, 0);
  const header = headerBlocks(digest, settings, articles);
  if (digest.stories.length === 0) {
    const topic = digest.topic === null ? '' : ` about “${escapeMrkdwn(digest.topic)}”`;
    const since = Number.isFinite(digest.period.start) ? ` since ${formatLocalTime(digest.period.start, settings.timeZone)}` : '';
    const text = `Nothing new in the corpus${topic}${since}.`;
    return { overview: { text, blocks: [sectionBlock(`:newspaper: *Daily digest* · ${text}`)] }, thread: [] };
  }

  const storyBlocks = digest.stories.map((story) => renderStory(story));
  const full: KnownBlock[] = [...header];
  for (const blocks of storyBlocks) full.push({ type: 'divider' }, ...blocks);
  const fits = full.length <= LIMITS.messageBlocks && textSize(full) <= LIMITS.messageTotal;
  const fallback = `Daily digest: ${articles} new article${articles === 1 ? '' : 's'}${digest.topic === null ? '' : ` about ${escapeMrkdwn(shorten(digest.topic, 80))}`}`;
  if (digest.stories.length <= FULL_DIGEST_MAX_STORIES && fits) {
    return { overview: { text: fallback, blocks: full }, thread: [] };
  }

  const overview: KnownBlock[] = [...header, { type: 'divider' }];
  const lines = digest.stories.map((story, index) => `${index + 1}. ${overviewLine(story)}`);
  // Packed into sections under the text limit; what does not fit is counted.
  let current = '';
  let listed = 0;
  for (const line of lines) {
    if (current.length + line.length + 1 > LIMITS.sectionText - 100) {
      if (overview.length + 3 >= LIMITS.messageBlocks) break;
      overview.push(sectionBlock(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
    listed += 1;
  }
  if (current !== '') overview.push(sectionBlock(current));
  overview.push(contextBlock(`${listed < lines.length ? `…and ${lines.length - listed} more stories. ` : ''}Details of each story are in the thread :thread:`));
  const thread = digest.stories.map((story, index) => ({
    text: shorten(`${index + 1}/${digest.stories.length}: ${escapeMrkdwn(story.article.title ?? story.article.docId)}`, LIMITS.fallbackText),
    blocks: storyBlocks[index]!,
  }));
  return { overview: { text: fallback, blocks: overview }, thread };
}

/**
 * One message for a private preview: the overview, then as many stories as fit; the rest is
 * counted (a preview has no thread).
 */
export function renderDigestPreview(digest: Digest, settings: DigestSettings): RenderedMessage {
  const rendered = renderDigest(digest, settings);
  const note = contextBlock(':eyes: Preview, only you see it: this is what the channel would get now. Nothing was posted or recorded.');
  const blocks: KnownBlock[] = [note, ...rendered.overview.blocks];
  let omitted = 0;
  for (const part of rendered.thread) {
    const candidate = [...blocks, { type: 'divider' } as KnownBlock, ...part.blocks];
    if (omitted > 0 || candidate.length + 1 > LIMITS.messageBlocks || textSize(candidate) > LIMITS.messageTotal) {
      omitted += 1;
      continue;
    }
    blocks.splice(0, blocks.length, ...candidate);
  }
  if (omitted > 0) blocks.push(contextBlock(`${omitted} more ${omitted === 1 ? 'story does' : 'stories do'} not fit in a preview; the digest puts them in its thread.`));
  return { text: `Preview: ${rendered.overview.text}`, blocks };
}

function headerBlocks(digest: Digest, settings: DigestSettings, articles: number): KnownBlock[] {
  const since = Number.isFinite(digest.period.start) ? `New since ${formatLocalTime(digest.period.start, settings.timeZone)} (${escapeMrkdwn(settings.timeZone)})` : 'New';
  const topic = digest.topic === null ? '' : ` · topic: *${escapeMrkdwn(shorten(digest.topic, 200))}*`;
  const stories = digest.stories.length;
  const counts = `${articles} article${articles === 1 ? '' : 's'}${stories < articles ? `, ${stories} stor${stories === 1 ? 'y' : 'ies'}` : ''}`;
  return [
    { type: 'header', text: { type: 'plain_text', text: shorten(`📰 Daily digest: ${counts}`, 150), emoji: true } },
    contextBlock(`${since}${topic} · every excerpt is verbatim from the article named above it`),
  ];
}

function renderStory(story: DigestStory): KnownBlock[] {
  const { article } = story;
  const blocks: KnownBlock[] = [sectionBlock(`*${headline(article)}*${details(article)}`)];
  if (article.summary.length > 0) blocks.push(sectionBlock(article.summary.map(quoteOf).join('\n')));
  if (article.statements.length > 0) blocks.push(sectionBlock(`*Statements*\n${article.statements.map(quoteOf).join('\n')}`));
  const places = [...article.summary, ...article.statements]
    .sort((a, b) => a.start - b.start)
    .map((e) => `${e.start}–${e.end}`)
    .join(', ');
  const context = [`\`${escapeMrkdwn(article.docId)}\` · chars ${places}`];
  if (story.alsoCoveredBy.length > 0) context.push(`Also covered by: ${story.alsoCoveredBy.map(coverage).join(' · ')}`);
  blocks.push(contextBlock(context.join('\n')));
  return blocks;
}

function quoteOf(excerpt: DigestExcerpt): string {
  const quote = blockQuote(escapeMrkdwn(shorten(excerpt.text, EXCERPT_CHARS)));
  return excerpt.speaker === null ? quote : `${quote}\n>— *${escapeMrkdwn(excerpt.speaker)}*`;
}

function headline(source: DigestSource): string {
  if (source.title === null && source.url === null) return `\`${escapeMrkdwn(source.docId)}\``;
  return mrkdwnLink(source.url, shorten(source.title ?? source.docId, 200));
}

function details(source: DigestSource): string {
  const parts = [source.outlet, source.published].filter((p): p is string => p !== null).map((p) => escapeMrkdwn(shorten(p, 100)));
  return parts.length === 0 ? '' : `\n${parts.join(' · ')}`;
}

function coverage(source: DigestSource): string {
  const label = source.outlet === null ? headline(source) : `${escapeMrkdwn(shorten(source.outlet, 80))} (${headline(source)})`;
  return source.published === null ? label : `${label}, ${escapeMrkdwn(source.published)}`;
}

function overviewLine(story: DigestStory): string {
  const others = story.alsoCoveredBy.length;
  const parts = [`*${headline(story.article)}*`];
  const meta = [story.article.outlet, story.article.published].filter((p): p is string => p !== null).map((p) => escapeMrkdwn(shorten(p, 80)));
  if (meta.length > 0) parts.push(meta.join(' · '));
  if (others > 0) parts.push(`also covered by ${others} other${others === 1 ? '' : 's'}`);
  return parts.join(' — ');
}
