/**
 * Action ids of the buttons this app renders, and the state each button carries in its
 * `value` (JSON, validated with zod when it comes back: a button value is external input).
 */
import { z } from 'zod';
import { LIMITS } from './kit.js';

export const ACTION_IDS = {
  share: 'answer_share',
  more: 'answer_more',
  feedbackUp: 'answer_feedback_up',
  feedbackDown: 'answer_feedback_down',
  homeExample: 'home_example',
} as const;

/**
 * Where an answer is shown, which decides what its buttons do:
 * `ephemeral` (only the asker sees it; Share and More replace it), `shared` (posted in a channel
 * via Share; More answers the clicker privately), `conversation` (a thread or DM; More continues there).
 */
export type AnswerSurface = 'ephemeral' | 'shared' | 'conversation';

const SURFACE_CODES = { ephemeral: 'e', shared: 's', conversation: 'c' } as const;
const SURFACE_BY_CODE = { e: 'ephemeral', s: 'shared', c: 'conversation' } as const;

/** State carried by Share and More: enough to render the same page, or the next one. */
export interface PageButtonState {
  question: string;
  /** Offset of the first excerpt of the page the button sits on. */
  offset: number;
  /** Excerpts shown on that page. */
  shown: number;
  /** Offset of the first excerpt not shown yet. */
  nextOffset: number;
  surface: AnswerSurface;
  /** Thread of a conversation answer (null for a DM answered at top level). */
  threadTs: string | null;
}

/** State carried by 👍/👎: the question and which excerpts were on screen. */
export interface FeedbackButtonState {
  question: string;
  excerpts: string[];
}

const pageSchema = z.object({
  q: z.string().min(1).max(1000),
  o: z.number().int().min(0).max(10_000),
  n: z.number().int().min(0).max(100),
  m: z.number().int().min(0).max(10_000),
  s: z.enum(['e', 's', 'c']),
  t: z.string().max(40).nullable(),
});

const feedbackSchema = z.object({
  q: z.string().min(1).max(1000),
  x: z.array(z.string().max(120)).max(20),
});

export function encodePageState(state: PageButtonState): string {
  return JSON.stringify({
    q: state.question,
    o: state.offset,
    n: state.shown,
    m: state.nextOffset,
    s: SURFACE_CODES[state.surface],
    t: state.threadTs,
  });
}

/** Null when the value is not one this app wrote. */
export function decodePageState(value: string | undefined): PageButtonState | null {
  const parsed = pageSchema.safeParse(parseJson(value));
  if (!parsed.success) return null;
  const { q, o, n, m, s, t } = parsed.data;
  return { question: q, offset: o, shown: n, nextOffset: m, surface: SURFACE_BY_CODE[s], threadTs: t };
}

export function encodeFeedbackState(state: FeedbackButtonState): string {
  const encoded = JSON.stringify({ q: state.question, x: state.excerpts });
  return encoded.length <= LIMITS.buttonValue
    ? encoded
    : JSON.stringify({ q: state.question.slice(0, 500), x: state.excerpts.slice(0, 5) });
}

export function decodeFeedbackState(value: string | undefined): FeedbackButtonState | null {
  const parsed = feedbackSchema.safeParse(parseJson(value));
  return parsed.success ? { question: parsed.data.q, excerpts: parsed.data.x } : null;
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
