/**
 * The one ask pipeline every surface uses (the command, mentions, DMs, More, Share, votes):
 * the per-user rate limit, the answer, the rendering, and sending it where the request came
 * from (a response_url, or chat.postMessage in a thread or DM). Failures are logged with the
 * request id and answered with an apology carrying that id.
 */
import type { AllMiddlewareArgs, RespondArguments, RespondFn } from '@slack/bolt';
import { renderAnswer, type AnswerPage, type AnswerRenderOptions, type RenderedAnswer } from './blocks/answer.js';
import type { RenderedMessage } from './blocks/kit.js';
import { renderHelp } from './blocks/help.js';
import { renderApology, renderNotice, renderRateLimited } from './blocks/notices.js';
import { renderSources } from './blocks/sources.js';
import { threadKey, type AskPlan, type Plan } from './conversation/conversation.js';
import type { SlackDeps } from './deps.js';
import type { RequestScope } from './requestScope.js';
import { callSlack } from './slackCalls.js';

/** Answers are never unfurled: a quoted link must not turn into a preview card. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/** Counts the question against the user's limit (in the shared store): null when they may ask now, else the kind refusal to show. */
export async function rateLimitRefusal(deps: SlackDeps, teamId: string | undefined, userId: string): Promise<RenderedMessage | null> {
  const decision = await deps.rateLimiter.take(`${teamId ?? '-'}:${userId}`);
  return decision.allowed ? null : renderRateLimited(decision.retryAfterMs / 1000);
}

/** What to answer, for whom, and how to show it. */
export interface AskRequest {
  teamId: string | undefined;
  userId: string;
  /** True for a question or a new page (counted by the per-user rate limit); false to re-show a page already answered. */
  counts: boolean;
  /** The page to show (the engine's answer, or a conversation's page with what the thread has seen skipped). */
  page: () => Promise<AnswerPage>;
  render: AnswerRenderOptions;
  /** For the logs. */
  what: string;
}

/** Where the pipeline's messages go. */
export interface AskOutput {
  /** Sends the answer (or an apology); false when Slack refused it (logged). */
  send(message: RenderedMessage): Promise<boolean>;
  /** Sends the rate-limit refusal (privately where the surface allows). */
  refuse(message: RenderedMessage): Promise<void>;
}

/** An answer that was sent. */
export interface AskResult {
  page: AnswerPage;
  rendered: RenderedAnswer;
}

/**
 * Rate limit → answer → render → send. Null when refused, failed (the user got an apology) or
 * not delivered; never throws.
 */
export async function askAndSend(deps: SlackDeps, scope: RequestScope, request: AskRequest, output: AskOutput): Promise<AskResult | null> {
  try {
    if (request.counts) {
      const refusal = await rateLimitRefusal(deps, request.teamId, request.userId);
      if (refusal !== null) {
        scope.log.info({ user: request.userId }, 'rate limited');
        await output.refuse(refusal);
        return null;
      }
    }
    const page = await request.page();
    scope.log.info({ question: page.answer.question, offset: page.offset, surface: request.render.surface }, request.what);
    const rendered = renderAnswer(page, request.render);
    return (await output.send(rendered)) ? { page, rendered } : null;
  } catch (error) {
    scope.log.error({ err: error, errorId: scope.requestId }, `${request.what} failed`);
    await output.send(renderApology(scope.requestId));
    return null;
  }
}

/** One page of the engine's answer to `question`. */
export function enginePage(deps: SlackDeps, question: string, offset: number, limit: number): () => Promise<AnswerPage> {
  return async () => ({ answer: await deps.engine.answer(question, { offset, limit }), offset });
}

/** Private answers through a response_url (`extra` says whether to replace the message with the button). */
export function respondOutput(scope: RequestScope, respond: RespondFn, extra: RespondArguments = {}): AskOutput {
  return {
    send: (message) => respondSafely(scope, respond, { response_type: 'ephemeral', ...extra, text: message.text, blocks: message.blocks }),
    refuse: async (message) => {
      await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...message });
    },
  };
}

/** Renders a non-answer plan (help, sources, notice). */
export function renderPlanMessage(deps: SlackDeps, plan: Exclude<Plan, AskPlan>): RenderedMessage {
  switch (plan.kind) {
    case 'help':
      return renderHelp();
    case 'sources':
      return renderSources(deps.engine.documents(), deps.engine.stats(), deps.engine.skippedFiles?.() ?? []);
    case 'notice':
      return renderNotice(plan.text);
  }
}

/** Sends through a response_url; failures (expired url, network) are logged, never thrown. */
export async function respondSafely(
  scope: RequestScope,
  respond: RespondFn,
  message: RespondArguments,
  what = 'response_url',
): Promise<boolean> {
  const result = await callSlack(scope.log, what, {}, () => respond({ ...NO_UNFURL, ...message }));
  return result !== undefined;
}

/** Where a conversation reply goes. */
export interface ConversationTarget {
  client: AllMiddlewareArgs['client'];
  teamId: string | undefined;
  channelId: string;
  userId: string;
  /** Thread to answer in; null for a DM answered at top level. */
  threadTs: string | null;
  /** True for a DM (a rate-limit notice is then a normal message, not an ephemeral one). */
  isDirectMessage: boolean;
}

/**
 * Answers `text` in a thread or DM: plans it against the thread's state, runs it, posts one
 * message and remembers what was shown. `planOverride` replaces planning (the More button).
 */
export function replyInConversation(
  deps: SlackDeps,
  scope: RequestScope,
  target: ConversationTarget,
  text: string,
  planOverride?: AskPlan,
): Promise<void> {
  return deps.inFlight.track(async () => {
    const key = threadKey(target.teamId, target.channelId, target.threadTs);
    let plan: Plan;
    try {
      plan = planOverride ?? (await deps.conversation.plan(key, text));
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, 'answering in a conversation failed');
      await postInConversation(scope, target, renderApology(scope.requestId));
      return;
    }
    if (plan.kind !== 'ask') {
      await postInConversation(scope, target, renderPlanMessage(deps, plan));
      return;
    }
    const ask = plan;
    const result = await askAndSend(
      deps,
      scope,
      {
        teamId: target.teamId,
        userId: target.userId,
        counts: true,
        page: () => deps.conversation.run(ask),
        render: { surface: 'conversation', threadTs: target.threadTs },
        what: 'answering in conversation',
      },
      { send: (message) => postInConversation(scope, target, message), refuse: (message) => postRefusal(scope, target, message) },
    );
    if (result === null) return;
    try {
      await deps.conversation.remember(key, ask, result.page.answer, result.rendered);
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, 'remembering what a thread has seen failed');
    }
  });
}

async function postInConversation(scope: RequestScope, target: ConversationTarget, message: RenderedMessage): Promise<boolean> {
  const result = await callSlack(
    scope.log,
    'chat.postMessage',
    { channel: target.channelId, threadTs: target.threadTs },
    () =>
      target.client.chat.postMessage({
        channel: target.channelId,
        ...(target.threadTs === null ? {} : { thread_ts: target.threadTs }),
        text: message.text,
        blocks: message.blocks,
        ...NO_UNFURL,
      }),
  );
  return result !== undefined;
}

async function postRefusal(scope: RequestScope, target: ConversationTarget, message: RenderedMessage): Promise<void> {
  if (target.isDirectMessage) {
    await postInConversation(scope, target, message);
    return;
  }
  await callSlack(scope.log, 'chat.postEphemeral', { channel: target.channelId, user: target.userId }, () =>
    target.client.chat.postEphemeral({
      channel: target.channelId,
      user: target.userId,
      ...(target.threadTs === null ? {} : { thread_ts: target.threadTs }),
      text: message.text,
      blocks: message.blocks,
    }),
  );
}
