/**
 * Answer → Block Kit. Pure: the same answer renders the same blocks.
 *
 * Layout: the question echoed (and who asked, when shared), a line saying what was found, then
 * per excerpt one `rich_text` block (the quote with the question's words in bold, the speaker, and
 * the source: its label, linked when it has a URL, outlet and date) and a "Show in context"
 * button; the vote and paging buttons last. Corpus text is only ever in `rich_text` text elements,
 * so it shows character for character; document ids and offsets stay in button values. Messages
 * stay within Slack's limits; excerpts that do not fit are left to "More".
 */
import type { Answer, Excerpt } from '../ports.js';
import {
  ACTION_IDS,
  encodeContextState,
  encodeFeedbackState,
  encodePageState,
  type AnswerSurface,
  type PageButtonState,
} from './actions.js';
import { highlighted, questionTerms } from './highlight.js';
import { LIMITS, textSize, type Button, type KnownBlock, type RenderedMessage } from './kit.js';
import { escapeMrkdwn, shorten } from './mrkdwn.js';
import { labelInline, plain, richQuote, richSection, richText, sourceInlines, type RichInline, type RichTextBlock } from './richText.js';

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

/** The clicking user's vote on this answer, shown on the buttons (private answers only). */
export interface VoteView {
  vote: 'up' | 'down' | null;
  /** A line under the buttons saying what the click did. */
  note: string;
}

export interface AnswerRenderOptions {
  surface: AnswerSurface;
  /** For a shared answer: who asked (a user id), shown as "asked by @user". */
  askedBy?: string;
  /** For a conversation answer in a thread: the thread, so More continues there. */
  threadTs?: string | null;
  /**
   * Offset of the first excerpt the user has seen of this question (pages replaced by More
   * included): Share shares from there. Defaults to this page's offset.
   */
  firstSeen?: number;
  /** The user's vote, after a click on 👍/👎. */
  vote?: VoteView;
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

  // Reserve room for the closing divider, the buttons and the vote line.
  const reservedBlocks = 3;
  const reservedChars = 2_000 + answer.question.length * 4;
  const shown: Excerpt[] = [];
  for (const excerpt of answer.excerpts) {
    const excerptBlocks = renderExcerpt(excerpt, terms, positions[shown.length] ?? page.offset + shown.length);
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
  blocks[summaryIndex] = summaryBlock(answer, first, lastPosition + 1, remaining);

  blocks.push({ type: 'divider' });
  const pageState: PageButtonState = {
    question: answer.question,
    offset: page.offset,
    shown: shown.length,
    nextOffset,
    surface: options.surface,
    threadTs: options.threadTs ?? null,
    firstSeen: Math.min(options.firstSeen ?? page.offset, page.offset),
  };
  blocks.push({ type: 'actions', block_id: 'answer_actions', elements: buttons(pageState, shown, remaining, options) });
  if (options.vote !== undefined) blocks.push(contextBlock(escapeMrkdwn(options.vote.note)));

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

/** An excerpt: the quote, the speaker and the source in one rich_text block, then "Show in context". */
function renderExcerpt(excerpt: Excerpt, terms: ReadonlySet<string>, position: number): KnownBlock[] {
  const shortened = shorten(excerpt.text, LIMITS.excerpt);
  const elements: RichTextBlock['elements'] = [richQuote(highlighted(shortened, terms))];
  if (excerpt.speaker !== null) elements.push(richSection([plain('— '), plain(excerpt.speaker, { bold: true })]));
  elements.push(richSection(sourceLine(excerpt, shortened !== excerpt.text)));
  return [
    richText(elements, `excerpt_${position}`),
    {
      type: 'actions',
      block_id: `excerpt_actions_${position}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION_IDS.showContext,
          text: { type: 'plain_text', text: 'Show in context' },
          value: encodeContextState({ docId: excerpt.source.docId, start: excerpt.source.start, end: excerpt.source.end }),
          accessibility_label: 'Show this excerpt with the paragraphs around it',
        },
      ],
    },
  ];
}

/** `Label · Outlet · date · also in Label, Label`: how a reader recognises the source. */
function sourceLine(excerpt: Excerpt, shortened: boolean): RichInline[] {
  const inlines = sourceInlines(excerpt.source);
  if (shortened) inlines.push(plain(' · shortened here'));
  const others = [...new Map(excerpt.alsoIn.map((other) => [other.docId, other])).values()];
  if (others.length > 0) {
    inlines.push(plain(' · also in '));
    others.slice(0, 3).forEach((other, index) => {
      if (index > 0) inlines.push(plain('; '));
      inlines.push(labelInline(other.label, null, 80));
    });
    if (others.length > 3) inlines.push(plain(` and ${others.length - 3} more`));
  }
  return inlines;
}

function summaryBlock(answer: Answer, first: number, last: number, remaining: number): KnownBlock {
  const what = answer.intent === 'quotes' && answer.speaker !== null ? `What ${answer.speaker} said` : 'Passages';
  const range = first === last ? `excerpt ${first}` : `excerpts ${first}–${last}`;
  const more = remaining > 0 ? ` · ${remaining} more` : '';
  return plainContextBlock(`${what}, verbatim from the corpus · ${range}${more}`);
}

function buttons(pageState: PageButtonState, shown: readonly Excerpt[], remaining: number, options: AnswerRenderOptions): Button[] {
  const feedbackValue = encodeFeedbackState({
    question: pageState.question,
    excerpts: shown.map((excerpt) => `${excerpt.source.docId}:${excerpt.source.start}-${excerpt.source.end}`),
    page: pageState,
  });
  const elements: Button[] = [];
  if (options.surface === 'ephemeral') {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.share,
      text: { type: 'plain_text', text: pageState.firstSeen < pageState.offset ? 'Share all pages in channel' : 'Share in channel' },
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
  const vote = options.vote?.vote ?? null;
  elements.push(
    voteButton(ACTION_IDS.feedbackUp, '👍', 'Helpful', vote === 'up', feedbackValue),
    voteButton(ACTION_IDS.feedbackDown, '👎', 'Not helpful', vote === 'down', feedbackValue),
  );
  return elements;
}

/** A vote button; the user's current vote is labelled and styled as such. */
function voteButton(actionId: string, emoji: string, meaning: string, chosen: boolean, value: string): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: chosen ? `${emoji} Your vote` : emoji, emoji: true },
    ...(chosen ? { style: 'primary' as const } : {}),
    value,
    accessibility_label: chosen ? `${meaning} (your vote; click again to withdraw it)` : `${meaning} answer`,
  };
}

/** The question as asked, literally (it is the user's text), and who asked when shared. */
function questionBlock(question: string, askedBy: string | undefined): KnownBlock {
  const inlines: RichInline[] = [plain('🔎 '), plain('Q: ', { bold: true }), plain(shorten(question, 500))];
  const elements = [richSection(inlines)];
  if (askedBy !== undefined) {
    const asker = /^[UW][A-Z0-9]{2,}$/.test(askedBy)
      ? ({ type: 'user', user_id: askedBy, style: { italic: true } } as const)
      : plain(askedBy, { italic: true });
    elements.push(richSection([plain('asked by ', { italic: true }), asker as unknown as RichInline]));
  }
  return richText(elements, 'answer_question');
}

/** The engine's explanation (it quotes the question's and the corpus's words): literal text. */
function nothingFoundBlock(message: string | null): KnownBlock {
  const text = message ?? 'I found nothing in the corpus that answers this.';
  return richText([richSection([plain('🤷 '), plain(shorten(text, 2_000))])]);
}

function fallbackText(answer: Answer, count: number): string {
  const noun = count === 1 ? 'excerpt' : 'excerpts';
  return shorten(`${count} ${noun} for “${escapeMrkdwn(answer.question)}”`, LIMITS.fallbackText);
}

/** A section of the app's own words in mrkdwn (any corpus or user text in it already escaped). */
export function sectionBlock(mrkdwn: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: shorten(mrkdwn, LIMITS.sectionText) } };
}

/** A context line of the app's own words in mrkdwn (any corpus or user text in it already escaped). */
export function contextBlock(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: shorten(mrkdwn || ' ', LIMITS.contextText) }] };
}

/** A context line shown literally (plain text: nothing in it can format, ping or link). */
export function plainContextBlock(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'plain_text', text: shorten(text || ' ', LIMITS.contextText), emoji: false }] };
}
