/**
 * Answer → Block Kit. Pure: the same answer renders the same blocks.
 *
 * Layout: the question echoed (and who asked, when shared), a line saying what was found,
 * then per excerpt a block quote (query words in bold, speaker below) and a context line
 * with headline (linked when the source has a URL), outlet, date and place in the source;
 * buttons last. Messages stay within Slack's limits; excerpts that do not fit are left to "More".
 */
import type { Answer, Excerpt } from '../ports.js';
import {
  ACTION_IDS,
  encodeFeedbackState,
  encodePageState,
  type AnswerSurface,
} from './actions.js';
import { highlight, questionTerms } from './highlight.js';
import { LIMITS, textSize, type Button, type KnownBlock, type RenderedMessage } from './kit.js';
import { blockQuote, escapeMrkdwn, mentionUser, mrkdwnLink, shorten } from './mrkdwn.js';

/** One page of an answer, as the Slack layer shows it. */
export interface AnswerPage {
  answer: Answer;
  /** Offset of `answer.excerpts[0]` in the full list of excerpts for the question. */
  offset: number;
  /**
   * Offset of each excerpt in the full list (defaults to `offset + i`); differs when excerpts
   * already shown in a thread were skipped.
   */
  positions?: number[];
}

export interface AnswerRenderOptions {
  surface: AnswerSurface;
  /** For a shared answer: who asked (a user id), shown as "asked by @user". */
  askedBy?: string;
  /** For a conversation answer in a thread: the thread, so More continues there. */
  threadTs?: string | null;
}

/** A rendered answer, and how far it got: the next page starts at `nextOffset`. */
export interface RenderedAnswer extends RenderedMessage {
  /** Excerpts actually shown (fewer than the page when the message budget ran out). */
  shownExcerpts: Excerpt[];
  nextOffset: number;
  /** Excerpts left after this message (estimate when excerpts were skipped). */
  remaining: number;
}

const SUGGESTIONS =
  'Try fewer or other words · ask about a person: `what did Musk say` · narrow with `source:"Reuters"` or `since:2021-05-01` · `/tesla sources` lists what I have';

export function renderAnswer(page: AnswerPage, options: AnswerRenderOptions): RenderedAnswer {
  const { answer } = page;
  const positions = page.positions ?? answer.excerpts.map((_, index) => page.offset + index);
  const blocks: KnownBlock[] = [questionBlock(answer.question, options.askedBy)];

  if (!answer.answered) {
    blocks.push(nothingFoundBlock(answer.message), contextBlock(SUGGESTIONS));
    return {
      text: shorten(`Nothing found for “${escapeMrkdwn(answer.question)}”`, LIMITS.fallbackText),
      blocks,
      shownExcerpts: [],
      nextOffset: page.offset,
      remaining: 0,
    };
  }
  if (answer.excerpts.length === 0) {
    blocks.push(sectionBlock('No more excerpts for this question. Ask another, or narrow it with a filter.'));
    return { text: 'No more excerpts', blocks, shownExcerpts: [], nextOffset: page.offset, remaining: 0 };
  }

  const terms = questionTerms(answer.question, answer.speaker === null ? [] : [answer.speaker]);
  const summaryIndex = blocks.push(contextBlock('')) - 1;
  blocks.push({ type: 'divider' });

  // Reserve room for the closing divider and the buttons.
  const reservedBlocks = 2;
  const reservedChars = 1_200 + answer.question.length * 2;
  const shown: Excerpt[] = [];
  for (const excerpt of answer.excerpts) {
    const excerptBlocks = renderExcerpt(excerpt, terms);
    const fitsBlocks = blocks.length + excerptBlocks.length + reservedBlocks <= LIMITS.messageBlocks;
    const fitsChars = textSize(blocks) + textSize(excerptBlocks) + reservedChars <= LIMITS.messageTotal;
    if (shown.length > 0 && (!fitsBlocks || !fitsChars)) break;
    blocks.push(...excerptBlocks);
    shown.push(excerpt);
  }

  const lastPosition = positions[shown.length - 1] ?? page.offset + shown.length - 1;
  const nextOffset = lastPosition + 1;
  const notShownOnPage = answer.excerpts.length - shown.length;
  const remaining = notShownOnPage + (answer.more ?? 0);
  const first = (positions[0] ?? page.offset) + 1;
  blocks[summaryIndex] = contextBlock(summaryLine(answer, first, lastPosition + 1, remaining));

  blocks.push({ type: 'divider' });
  blocks.push({
    type: 'actions',
    block_id: 'answer_actions',
    elements: buttons(answer, page.offset, shown, nextOffset, remaining, options),
  });

  return {
    text: fallbackText(answer, shown.length),
    blocks,
    shownExcerpts: shown,
    nextOffset,
    remaining,
  };
}

/** A stable key for an excerpt: `docId:start`. */
export function excerptKey(excerpt: Excerpt): string {
  return `${excerpt.source.docId}:${excerpt.source.start}`;
}

function renderExcerpt(excerpt: Excerpt, terms: ReadonlySet<string>): KnownBlock[] {
  const shortened = shorten(excerpt.text, LIMITS.excerpt);
  let quote = blockQuote(highlight(shortened, terms));
  if (excerpt.speaker !== null) quote += `\n— *${escapeMrkdwn(excerpt.speaker)}*`;
  // Escaping can grow text up to five-fold; fall back to a plainer cut if it ever would not fit.
  if (quote.length > LIMITS.sectionText) {
    quote = blockQuote(escapeMrkdwn(shorten(excerpt.text, Math.floor(LIMITS.sectionText / 5) - 50)));
  }
  return [sectionBlock(quote), contextBlock(sourceLine(excerpt, shortened !== excerpt.text))];
}

function sourceLine(excerpt: Excerpt, shortened: boolean): string {
  const { source } = excerpt;
  // Without a headline the document id stands in for it (linked all the same when there is a URL).
  const label = source.title === null ? source.docId : shorten(source.title, 200);
  const parts = [source.title === null && source.url === null ? `\`${escapeMrkdwn(label)}\`` : mrkdwnLink(source.url, label)];
  if (source.outlet !== null) parts.push(escapeMrkdwn(shorten(source.outlet, 100)));
  if (source.published !== null) parts.push(escapeMrkdwn(source.published));
  parts.push(`chars ${source.start}–${source.end}${shortened ? ' (shortened here)' : ''}`);
  const others = new Set(excerpt.alsoIn.map((other) => other.docId)).size;
  if (others > 0) parts.push(`also in ${others} other source${others === 1 ? '' : 's'}`);
  return shorten(parts.join(' · '), LIMITS.contextText);
}

function summaryLine(answer: Answer, first: number, last: number, remaining: number): string {
  const what =
    answer.intent === 'quotes' && answer.speaker !== null
      ? `What *${escapeMrkdwn(answer.speaker)}* said`
      : 'Passages';
  const range = first === last ? `excerpt ${first}` : `excerpts ${first}–${last}`;
  const more = remaining > 0 ? ` · ${remaining} more` : '';
  return `${what}, verbatim from the corpus · ${range}${more}`;
}

function buttons(
  answer: Answer,
  offset: number,
  shown: readonly Excerpt[],
  nextOffset: number,
  remaining: number,
  options: AnswerRenderOptions,
): Button[] {
  const pageState = {
    question: answer.question,
    offset,
    shown: shown.length,
    nextOffset,
    surface: options.surface,
    threadTs: options.threadTs ?? null,
  };
  const feedbackValue = encodeFeedbackState({
    question: answer.question,
    excerpts: shown.map((excerpt) => `${excerpt.source.docId}:${excerpt.source.start}-${excerpt.source.end}`),
  });
  const elements: Button[] = [];
  if (options.surface === 'ephemeral') {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.share,
      text: { type: 'plain_text', text: 'Share in channel' },
      style: 'primary',
      value: encodePageState(pageState),
    });
  }
  if (remaining > 0) {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.more,
      text: { type: 'plain_text', text: `More (${remaining})` },
      value: encodePageState(pageState),
    });
  }
  elements.push(
    {
      type: 'button',
      action_id: ACTION_IDS.feedbackUp,
      text: { type: 'plain_text', text: '👍', emoji: true },
      value: feedbackValue,
      accessibility_label: 'Helpful answer',
    },
    {
      type: 'button',
      action_id: ACTION_IDS.feedbackDown,
      text: { type: 'plain_text', text: '👎', emoji: true },
      value: feedbackValue,
      accessibility_label: 'Unhelpful answer',
    },
  );
  return elements;
}

function questionBlock(question: string, askedBy: string | undefined): KnownBlock {
  const asked = askedBy === undefined ? '' : `\n_asked by ${mentionUser(askedBy)}_`;
  return sectionBlock(`:mag: *Q:* ${escapeMrkdwn(shorten(question, 500))}${asked}`);
}

function nothingFoundBlock(message: string | null): KnownBlock {
  const text = message ?? 'I found nothing in the corpus that answers this.';
  return sectionBlock(`:shrug: ${escapeMrkdwn(shorten(text, 2_000))}`);
}

function fallbackText(answer: Answer, count: number): string {
  const noun = count === 1 ? 'excerpt' : 'excerpts';
  return shorten(`${count} ${noun} for “${escapeMrkdwn(answer.question)}”`, LIMITS.fallbackText);
}

export function sectionBlock(mrkdwn: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: shorten(mrkdwn, LIMITS.sectionText) } };
}

export function contextBlock(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: shorten(mrkdwn || ' ', LIMITS.contextText) }] };
}
