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
  showContext: 'excerpt_show_context',
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
  /** Offset of the first excerpt the user has seen (earlier pages replaced by More): Share starts there. */
  firstSeen: number;
}

/** State carried by 👍/👎: the question, which excerpts were on screen, and the page (to show the vote on it). */
export interface FeedbackButtonState {
  question: string;
  excerpts: string[];
  /** Null when the value was cut to fit (the vote is then confirmed in a separate note). */
  page: PageButtonState | null;
}

/** State carried by "Show in context": which range of which document. */
export interface ContextButtonState {
  docId: string;
  start: number;
  end: number;
}

const pageSchema = z.object({
  q: z.string().min(1).max(1000),
  o: z.number().int().min(0).max(10_000),
  n: z.number().int().min(0).max(100),
  m: z.number().int().min(0).max(10_000),
  s: z.enum(['e', 's', 'c']),
  t: z.string().max(40).nullable(),
  f: z.number().int().min(0).max(10_000).optional(),
});

const feedbackSchema = z.object({
  q: z.string().min(1).max(1000),
  x: z.array(z.string().max(120)).max(20),
  p: pageSchema.omit({ q: true }).optional(),
});

const contextSchema = z.object({
  d: z.string().min(1).max(300),
  s: z.number().int().min(0),
  e: z.number().int().min(1),
});

export function encodePageState(state: PageButtonState): string {
  return JSON.stringify({ q: state.question, ...pageFields(state) });
}

function pageFields(state: PageButtonState) {
  return { o: state.offset, n: state.shown, m: state.nextOffset, s: SURFACE_CODES[state.surface], t: state.threadTs, f: state.firstSeen };
}

/** Null when the value is not one this app wrote. */
export function decodePageState(value: string | undefined): PageButtonState | null {
  const parsed = pageSchema.safeParse(parseJson(value));
  if (!parsed.success) return null;
  const { q, ...fields } = parsed.data;
  return pageState(q, fields);
}

function pageState(question: string, fields: Omit<z.infer<typeof pageSchema>, 'q'>): PageButtonState {
  const { o, n, m, s, t, f } = fields;
  return { question, offset: o, shown: n, nextOffset: m, surface: SURFACE_BY_CODE[s], threadTs: t, firstSeen: Math.min(f ?? o, o) };
}

export function encodeFeedbackState(state: FeedbackButtonState): string {
  const encoded = JSON.stringify({ q: state.question, x: state.excerpts, ...(state.page === null ? {} : { p: pageFields(state.page) }) });
  return encoded.length <= LIMITS.buttonValue
    ? encoded
    : JSON.stringify({ q: state.question.slice(0, 500), x: state.excerpts.slice(0, 5) });
}

export function decodeFeedbackState(value: string | undefined): FeedbackButtonState | null {
  const parsed = feedbackSchema.safeParse(parseJson(value));
  if (!parsed.success) return null;
  const { q, x, p } = parsed.data;
  return { question: q, excerpts: x, page: p === undefined ? null : pageState(q, p) };
}

export function encodeContextState(state: ContextButtonState): string {
  return JSON.stringify({ d: state.docId, s: state.start, e: state.end });
}

export function decodeContextState(value: string | undefined): ContextButtonState | null {
  const parsed = contextSchema.safeParse(parseJson(value));
  return parsed.success && parsed.data.e > parsed.data.s ? { docId: parsed.data.d, start: parsed.data.s, end: parsed.data.e } : null;
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
