/**
 * Threads and DMs as conversations: what a message asks, given what the thread asked before.
 *
 * `plan` reads the text (help, sources, a new question or a follow-up that rewrites the last
 * question), `run` asks the engine for one page (skipping excerpts the thread has already
 * seen when asked to), and `remember` stores what was shown so the next follow-up can build on it.
 */
import type { RenderedAnswer } from '../blocks/answer.js';
import { excerptKey } from '../blocks/answer.js';
import type { AnswerPage } from '../blocks/answer.js';
import type { Answer, AnswerSource, ThreadState, ThreadStore } from '../ports.js';
import { parseDateInput } from './dates.js';
import { parseFollowUp, whatDidSay, withFilter } from './followUps.js';
import { MAX_QUESTION_LENGTH, parseRequest } from './requestText.js';

/** Excerpts per page in Slack. */
export const PAGE_SIZE = 5;
/** The most a thread remembers of what it has shown. */
const SHOWN_MEMORY = 200;
/** The engine's largest page. */
const ENGINE_MAX_LIMIT = 20;

export interface AskPlan {
  kind: 'ask';
  question: string;
  offset: number;
  /** Keys (`docId:start`) of excerpts to skip: already shown in this thread. */
  skip: readonly string[];
  /** `new` question, or a `refine`ment of the thread's last one. */
  origin: 'new' | 'refine';
}

export type Plan = { kind: 'help' } | { kind: 'sources' } | { kind: 'notice'; text: string } | AskPlan;

export class Conversation {
  constructor(
    private readonly engine: AnswerSource,
    private readonly threads: ThreadStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async plan(threadKey: string, text: string): Promise<Plan> {
    const request = parseRequest(text);
    if (request.kind === 'help' || request.kind === 'sources') return request;
    if (request.kind === 'digest') {
      return { kind: 'notice', text: 'Daily digests are set with the slash command, in the channel that should get them: `/tesla digest on 09:00`, `/tesla digest status`, `/tesla digest off`, `/tesla digest now`.' };
    }
    if (request.kind === 'tooLong') {
      return {
        kind: 'notice',
        text: `That question is ${request.length} characters long; please ask in at most ${MAX_QUESTION_LENGTH}.`,
      };
    }
    const followUp = parseFollowUp(request.question);
    if (followUp === null) return newQuestion(request.question);

    const state = await this.threads.get(threadKey);
    if (state === undefined) {
      if (followUp.kind === 'whatElse' && followUp.speaker !== null) return newQuestion(whatDidSay(followUp.speaker));
      return {
        kind: 'notice',
        text: 'There is no earlier question here to build on (or this thread went quiet and I forgot it). Ask me a question first, e.g. `what did Musk say`.',
      };
    }

    switch (followUp.kind) {
      case 'more':
        return { kind: 'ask', question: state.question, offset: state.nextOffset, skip: state.shown, origin: 'refine' };
      case 'whatElse': {
        const speaker = followUp.speaker ?? state.speaker;
        if (speaker === null) {
          return { kind: 'notice', text: 'I am not sure who you mean. Ask `what did <name> say`.' };
        }
        const question = whatDidSay(speaker);
        const offset = question === state.question ? state.nextOffset : 0;
        return { kind: 'ask', question, offset, skip: state.shown, origin: 'refine' };
      }
      case 'source': {
        const outlet = this.matchOutlet(followUp.outlet);
        if (!outlet.ok) return { kind: 'notice', text: outlet.message };
        return refine(withFilter(state.question, 'source', outlet.outlet));
      }
      case 'since':
      case 'before': {
        const parsed = parseDateInput(followUp.dateText, this.engine.stats().latest, this.now());
        if (!parsed.ok) return { kind: 'notice', text: parsed.message };
        return refine(withFilter(state.question, followUp.kind, parsed.date));
      }
    }
  }

  /** One page for the plan. With excerpts to skip, later ones move up to fill the page. */
  async run(plan: AskPlan): Promise<AnswerPage> {
    if (plan.skip.length === 0) {
      return { answer: await this.engine.answer(plan.question, { offset: plan.offset, limit: PAGE_SIZE }), offset: plan.offset };
    }
    const skip = new Set(plan.skip);
    const kept: Answer['excerpts'] = [];
    const positions: number[] = [];
    let cursor = plan.offset;
    let last: Answer | undefined;
    for (let round = 0; round < 5 && kept.length <= PAGE_SIZE; round += 1) {
      last = await this.engine.answer(plan.question, { offset: cursor, limit: ENGINE_MAX_LIMIT });
      if (!last.answered) return { answer: last, offset: plan.offset };
      last.excerpts.forEach((excerpt, index) => {
        if (!skip.has(excerptKey(excerpt))) {
          kept.push(excerpt);
          positions.push(cursor + index);
        }
      });
      cursor += last.excerpts.length;
      if (last.excerpts.length === 0 || (last.more ?? 0) === 0) break;
    }
    if (last === undefined) throw new Error('conversation: no answer was computed');
    const page = kept.slice(0, PAGE_SIZE);
    const answer: Answer = {
      ...last,
      excerpts: page,
      more: kept.length - page.length + (last.more ?? 0),
    };
    return { answer, offset: positions[0] ?? plan.offset, positions: positions.slice(0, PAGE_SIZE) };
  }

  /** Stores what the thread has now seen. Refinements that found nothing keep the previous state. */
  async remember(threadKey: string, plan: AskPlan, answer: Answer, rendered: RenderedAnswer): Promise<void> {
    if (!answer.answered && plan.origin === 'refine') return;
    const previous = await this.threads.get(threadKey);
    const firstSpeaker = rendered.shownExcerpts.find((excerpt) => excerpt.speaker !== null)?.speaker ?? null;
    const state: ThreadState = {
      question: plan.question,
      speaker: answer.speaker ?? firstSpeaker ?? previous?.speaker ?? null,
      nextOffset: rendered.nextOffset,
      shown: [...(previous?.shown ?? []), ...rendered.shownExcerpts.map(excerptKey)].slice(-SHOWN_MEMORY),
    };
    await this.threads.set(threadKey, state);
  }

  private matchOutlet(wanted: string): { ok: true; outlet: string } | { ok: false; message: string } {
    const outlets = this.engine.stats().outlets;
    if (outlets.length === 0) {
      return { ok: false, message: 'The articles I have do not state their outlet, so I cannot narrow by outlet.' };
    }
    const lower = wanted.toLowerCase();
    const exact = outlets.find((outlet) => outlet.toLowerCase() === lower);
    if (exact !== undefined) return { ok: true, outlet: exact };
    const partial = outlets.filter((outlet) => outlet.toLowerCase().includes(lower));
    if (partial.length === 1 && partial[0] !== undefined) return { ok: true, outlet: partial[0] };
    const known = outlets.slice(0, 15).join(', ');
    return { ok: false, message: `I don't know an outlet called “${wanted}”. Outlets I know: ${known}.` };
  }
}

function newQuestion(question: string): AskPlan {
  return { kind: 'ask', question, offset: 0, skip: [], origin: 'new' };
}

function refine(question: string): AskPlan {
  return { kind: 'ask', question, offset: 0, skip: [], origin: 'refine' };
}

/** Thread state is keyed by team, channel and thread (`dm` for a DM answered at top level). */
export function threadKey(teamId: string | undefined, channelId: string, threadTs: string | null): string {
  return `${teamId ?? '-'}:${channelId}:${threadTs ?? 'dm'}`;
}
