/**
 * The answering steps every surface shares: the per-user rate limit, a private answer through a
 * response_url, and an answer in a conversation (thread or DM) posted with chat.postMessage.
 * Failures are logged with the request id and answered with an apology carrying that id.
 */
import type { AllMiddlewareArgs, RespondArguments, RespondFn } from '@slack/bolt';
import { renderAnswer } from './blocks/answer.js';
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

/** Null when the user may ask now; else the kind refusal to show. */
export function rateLimitNotice(deps: SlackDeps, teamId: string | undefined, userId: string): RenderedMessage | null {
  const decision = deps.rateLimiter.take(`${teamId ?? '-'}:${userId}`);
  return decision.allowed ? null : renderRateLimited(decision.retryAfterMs / 1000);
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
    try {
      const plan = planOverride ?? (await deps.conversation.plan(key, text));
      if (plan.kind !== 'ask') {
        await postInConversation(scope, target, renderPlanMessage(deps, plan));
        return;
      }
      const refusal = rateLimitNotice(deps, target.teamId, target.userId);
      if (refusal !== null) {
        scope.log.info({ user: target.userId }, 'rate limited');
        await postRefusal(scope, target, refusal);
        return;
      }
      scope.log.info({ question: plan.question, offset: plan.offset, origin: plan.origin }, 'answering in conversation');
      const page = await deps.conversation.run(plan);
      const rendered = renderAnswer(page, { surface: 'conversation', threadTs: target.threadTs });
      const posted = await postInConversation(scope, target, rendered);
      if (posted) await deps.conversation.remember(key, plan, page.answer, rendered);
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, 'answering in a conversation failed');
      await postInConversation(scope, target, renderApology(scope.requestId));
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
