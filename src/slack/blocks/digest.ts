/**
 * Digest → Block Kit. Pure: the same digest renders the same blocks.
 *
 * A morning newsletter: a header and the period, then per story one rich_text block with the
 * story's label in bold (the headline, linked when the source has a URL, or the start of its
 * first sentence in italics), outlet and date, the sentence or two that tell the story as a
 * quote, at most one statement with its speaker, and "also covered by" with recognisable labels.
 * The five most important stories are in the message; the rest go in its thread. Corpus text and
 * the topic are literal rich_text or plain text; document ids and offsets never show.
 */
import type { Digest, DigestExcerpt, DigestStory } from '../../core/digest/index.js';
import { formatLocalTime } from '../../core/digest/index.js';
import type { DigestSettings } from '../ports.js';
import { plainContextBlock } from './answer.js';
import { LIMITS, textSize, type KnownBlock, type RenderedMessage } from './kit.js';
import { escapeMrkdwn, shorten } from './mrkdwn.js';
import { labelInline, plain, richQuote, richSection, richText, sourceInlines, type RichInline, type RichTextBlock } from './richText.js';

/** A digest as messages: the one posted in the channel, and replies for its thread. */
export interface RenderedDigest {
  overview: RenderedMessage;
  thread: RenderedMessage[];
}

/** Stories in the digest's message; the rest go in its thread. */
export const DIGEST_MESSAGE_STORIES = 5;
/** Stories per thread reply. */
const THREAD_STORIES_PER_MESSAGE = 5;
const EXCERPT_CHARS = 600;

export function renderDigest(digest: Digest, settings: DigestSettings): RenderedDigest {
  const articles = digest.stories.reduce((sum, story) => sum + 1 + story.alsoCoveredBy.length, 0);
  if (digest.stories.length === 0) {
    const topic = digest.topic === null ? '' : ` about “${digest.topic}”`;
    const since = Number.isFinite(digest.period.start) ? ` since ${formatLocalTime(digest.period.start, settings.timeZone)}` : '';
    const text = `Nothing new in the corpus${topic}${since}.`;
    return { overview: { text: escapeMrkdwn(text), blocks: [plainSection(`📰 Daily digest · ${text}`)] }, thread: [] };
  }

  const storyBlocks = digest.stories.map((story, index) => renderStory(story, index + 1));
  const fallback = `Daily digest: ${articles} new article${articles === 1 ? '' : 's'}${digest.topic === null ? '' : ` about ${escapeMrkdwn(shorten(digest.topic, 80))}`}`;
  const blocks: KnownBlock[] = headerBlocks(digest, settings, articles);
  let inMessage = 0;
  for (const story of storyBlocks.slice(0, DIGEST_MESSAGE_STORIES)) {
    const candidate = [...blocks, { type: 'divider' } as KnownBlock, story];
    // Room is kept for the closing line; a story too large for the message goes to the thread.
    if (inMessage > 0 && (candidate.length + 2 > LIMITS.messageBlocks || textSize(candidate) + 500 > LIMITS.messageTotal)) break;
    blocks.splice(0, blocks.length, ...candidate);
    inMessage += 1;
  }
  const rest = storyBlocks.slice(inMessage);
  const thread: RenderedMessage[] = [];
  for (let i = 0; i < rest.length; i += THREAD_STORIES_PER_MESSAGE) {
    const part = rest.slice(i, i + THREAD_STORIES_PER_MESSAGE);
    const first = inMessage + i + 1;
    const last = first + part.length - 1;
    thread.push({
      text: `Daily digest, stories ${first}–${last} of ${digest.stories.length}`,
      blocks: part.flatMap((story, index) => (index === 0 ? [story] : [{ type: 'divider' } as KnownBlock, story])),
    });
  }
  if (rest.length > 0) {
    blocks.push({ type: 'divider' }, plainContextBlock(`🧵 ${rest.length} more ${rest.length === 1 ? 'story' : 'stories'} in the thread.`));
  }
  return { overview: { text: fallback, blocks }, thread };
}

/**
 * One message for a private preview: the digest's message, then as many of the thread's stories
 * as fit; the rest is counted (a preview has no thread).
 */
export function renderDigestPreview(digest: Digest, settings: DigestSettings): RenderedMessage {
  const rendered = renderDigest(digest, settings);
  const note = plainContextBlock('👀 Preview, only you see it: this is what the channel would get now. Nothing was posted or recorded.');
  const blocks: KnownBlock[] = [note, ...rendered.overview.blocks.filter((block) => !isThreadNote(block))];
  const threadStories = rendered.thread.flatMap((part) => part.blocks.filter((block) => block.type === 'rich_text'));
  let omitted = 0;
  for (const story of threadStories) {
    const candidate = [...blocks, { type: 'divider' } as KnownBlock, story];
    if (omitted > 0 || candidate.length + 1 > LIMITS.messageBlocks || textSize(candidate) > LIMITS.messageTotal) {
      omitted += 1;
      continue;
    }
    blocks.splice(0, blocks.length, ...candidate);
  }
  if (omitted > 0) blocks.push(plainContextBlock(`${omitted} more ${omitted === 1 ? 'story does' : 'stories do'} not fit in a preview; the digest puts them in its thread.`));
  return { text: `Preview: ${rendered.overview.text}`, blocks };
}

function isThreadNote(block: KnownBlock): boolean {
  return block.type === 'context' && JSON.stringify(block).includes('in the thread.');
}

function headerBlocks(digest: Digest, settings: DigestSettings, articles: number): KnownBlock[] {
  const since = Number.isFinite(digest.period.start) ? `New since ${formatLocalTime(digest.period.start, settings.timeZone)} (${settings.timeZone})` : 'New';
  const topic = digest.topic === null ? '' : ` · topic: “${shorten(digest.topic, 200)}”`;
  const stories = digest.stories.length;
  const counts = `${articles} article${articles === 1 ? '' : 's'}${stories < articles ? `, ${stories} stor${stories === 1 ? 'y' : 'ies'}` : ''}`;
  return [
    { type: 'header', text: { type: 'plain_text', text: shorten(`📰 Daily digest: ${counts}`, 150), emoji: true } },
    plainContextBlock(`${since}${topic} · every excerpt is verbatim from the article named above it`),
  ];
}

/** One story as one rich_text block: label, outlet · date, the story's sentences, a statement, also covered by. */
function renderStory(story: DigestStory, number: number): KnownBlock {
  const { article } = story;
  const elements: RichTextBlock['elements'] = [richSection([plain(`${number}. `, { bold: true }), ...sourceInlines(article, { labelStyle: { bold: true } })])];
  if (article.summary.length > 0) elements.push(richQuote([plain(article.summary.map((e) => shorten(e.text, EXCERPT_CHARS)).join('\n'))]));
  const statement = article.statements[0];
  if (statement !== undefined) elements.push(richSection(statementInlines(statement)));
  if (story.alsoCoveredBy.length > 0) {
    const inlines: RichInline[] = [plain('Also covered by: ', { italic: true })];
    story.alsoCoveredBy.slice(0, 5).forEach((source, index) => {
      if (index > 0) inlines.push(plain(' · '));
      inlines.push(labelInline(source.label, source.url, 100));
      const details = [source.outlet, source.published].filter((part): part is string => part !== null);
      if (details.length > 0) inlines.push(plain(` (${details.join(', ')})`));
    });
    if (story.alsoCoveredBy.length > 5) inlines.push(plain(` and ${story.alsoCoveredBy.length - 5} more`));
    elements.push(richSection(inlines));
  }
  return richText(elements, `digest_story_${number}`);
}

function statementInlines(statement: DigestExcerpt): RichInline[] {
  const inlines: RichInline[] = [plain('💬 '), plain(shorten(statement.text, EXCERPT_CHARS))];
  if (statement.speaker !== null) inlines.push(plain(' — '), plain(statement.speaker, { bold: true }));
  return inlines;
}

/** A section of literal text (plain_text: nothing in it can format, ping or link). */
function plainSection(text: string): KnownBlock {
  return { type: 'section', text: { type: 'plain_text', text: shorten(text, LIMITS.sectionText), emoji: true } };
}
