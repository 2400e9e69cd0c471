/**
 * Buttons on answers and on the App Home. Every callback acks first.
 * - Share in channel: posts the same page publicly ("asked by @user") and removes the private copy.
 * - More: the next excerpts, where the answer is (replacing a private answer, privately under a
 *   shared one, or in the thread/DM of a conversation answer).
 * - 👍/👎: recorded through the feedback sink, thanked privately.
 * - Home example questions: answered in the user's DM with the app.
 */
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, OverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { DEFAULT_DIGEST_TIME } from '../../../core/digest/index.js';
import {
  ACTION_IDS,
  decodeFeedbackState,
  decodePageState,
  type PageButtonState,
} from '../../blocks/actions.js';
import { renderAnswer } from '../../blocks/answer.js';
import { DIGEST_ACTION_IDS, renderDigestModal } from '../../blocks/digestHome.js';
import type { HomeMetadata } from '../../blocks/home.js';
import { renderApology, renderNotice } from '../../blocks/notices.js';
import { PAGE_SIZE, threadKey, type AskPlan } from '../../conversation/conversation.js';
import type { SlackDeps } from '../../deps.js';
import type { VoteOutcome } from '../../ports.js';
import { rateLimitRefusal, replyInConversation, respondSafely } from '../../replies.js';
import { scopeOf, type RequestScope } from '../../requestScope.js';
import { callSlack } from '../../slackCalls.js';
import { defaultTimeZone } from '../commands/digest.js';
import { publishHome } from '../views/index.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, shareCallback(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.more, moreCallback(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.feedbackUp, feedbackCallback(deps, 'up'));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.feedbackDown, feedbackCallback(deps, 'down'));
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_IDS.homeExample}_\\d+$`), homeExampleCallback(deps));
  app.action<BlockAction<ButtonAction>>(DIGEST_ACTION_IDS.add, homeDigestAddCallback(deps));
  app.action<BlockAction<OverflowAction>>(DIGEST_ACTION_IDS.edit, homeDigestEditCallback(deps));
}

const EXPIRED = renderNotice('This button no longer works (it may come from an older version of me). Please ask again.');

export function shareCallback(deps: SlackDeps) {
  return async ({ ack, action, body, respond, context }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const state = decodePageState(action.value);
    if (state === null) return void (await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...EXPIRED }));
    try {
      const answer = await deps.engine.answer(state.question, { offset: state.offset, limit: Math.max(1, state.shown) });
      const rendered = renderAnswer({ answer, offset: state.offset }, { surface: 'shared', askedBy: body.user.id });
      scope.log.info({ question: state.question }, 'sharing an answer in the channel');
      const shared = await respondSafely(
        scope,
        respond,
        { response_type: 'in_channel', replace_original: false, text: rendered.text, blocks: rendered.blocks },
        'response_url (share)',
      );
      if (shared) await respondSafely(scope, respond, { delete_original: true }, 'response_url (remove private copy)');
      else await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...renderApology(scope.requestId) });
    } catch (error) {
      await apologize(scope, respond, error, 'sharing an answer failed');
    }
  };
}

export function moreCallback(deps: SlackDeps) {
  return async ({ ack, action, body, respond, context, client }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const state = decodePageState(action.value);
    if (state === null) return void (await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...EXPIRED }));
    const teamId = context.teamId ?? body.team?.id;
    const channelId = body.channel?.id ?? (body.container['channel_id'] as string | undefined);
    try {
      if (state.surface === 'conversation' && channelId !== undefined) {
        await replyInConversation(
          deps,
          scope,
          { client, teamId, channelId, userId: body.user.id, threadTs: state.threadTs, isDirectMessage: channelId.startsWith('D') },
          'more',
          await continuationPlan(deps, threadKey(teamId, channelId, state.threadTs), state),
        );
        return;
      }
      const refusal = await rateLimitRefusal(deps, teamId, body.user.id);
      if (refusal !== null) {
        await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...refusal });
        return;
      }
      const answer = await deps.engine.answer(state.question, { offset: state.nextOffset, limit: PAGE_SIZE });
      const rendered = renderAnswer({ answer, offset: state.nextOffset }, { surface: 'ephemeral' });
      scope.log.info({ question: state.question, offset: state.nextOffset }, 'showing more');
      // A private answer is replaced by its next page; under a shared answer, the clicker gets a private page.
      const replace = state.surface === 'ephemeral';
      await respondSafely(scope, respond, {
        response_type: 'ephemeral',
        replace_original: replace,
        text: rendered.text,
        blocks: rendered.blocks,
      });
    } catch (error) {
      await apologize(scope, respond, error, 'showing more failed');
    }
  };
}

/**
 * More in a conversation continues the thread's state when the button belongs to the thread's
 * latest question (skipping what the thread has seen); for an older answer, it pages that answer.
 */
async function continuationPlan(deps: SlackDeps, key: string, state: PageButtonState): Promise<AskPlan> {
  const plan = await deps.conversation.plan(key, 'more');
  if (plan.kind === 'ask' && plan.question === state.question) return plan;
  return { kind: 'ask', question: state.question, offset: state.nextOffset, skip: [], origin: 'refine' };
}

export function feedbackCallback(deps: SlackDeps, vote: 'up' | 'down') {
  return async ({ ack, action, body, respond, context }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const state = decodeFeedbackState(action.value);
    if (state === null) return void (await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...EXPIRED }));
    try {
      const outcome = await deps.feedback.record({
        vote,
        answerKey: feedbackAnswerKey(state),
        teamId: context.teamId ?? body.team?.id ?? null,
        userId: body.user.id,
        channelId: body.channel?.id ?? null,
        question: state.question,
        excerpts: state.excerpts,
        at: new Date(),
      });
      await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...renderNotice(voteNotice(vote, outcome)) });
    } catch (error) {
      await apologize(scope, respond, error, 'recording feedback failed');
    }
  };
}

export function homeExampleCallback(deps: SlackDeps) {
  return async ({ ack, action, body, context, client }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const question = action.value ?? '';
    const dm = homeMetadata(body.view?.private_metadata).dm;
    // Without the DM channel (an old Home view), the user id opens the DM with the app.
    const channelId = dm ?? body.user.id;
    await replyInConversation(
      deps,
      scope,
      { client, teamId: context.teamId ?? body.team?.id, channelId, userId: body.user.id, threadTs: null, isDirectMessage: true },
      question,
    );
  };
}

function homeMetadata(raw: string | undefined): HomeMetadata {
  try {
    const parsed = JSON.parse(raw ?? '{}') as Partial<HomeMetadata>;
    return { dm: typeof parsed.dm === 'string' && /^D[A-Z0-9]+$/.test(parsed.dm) ? parsed.dm : null };
  } catch {
    return { dm: null };
  }
}

async function apologize(scope: RequestScope, respond: ButtonArgs['respond'], error: unknown, what: string): Promise<void> {
  scope.log.error({ err: error, errorId: scope.requestId }, what);
  await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...renderApology(scope.requestId) });
}

/** App Home → "Add a daily digest": the settings modal, with the user's time zone filled in. */
export function homeDigestAddCallback(deps: SlackDeps) {
  return async ({ ack, body, context, client }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    if (deps.digests === null) return;
    const { timeZone } = await defaultTimeZone(deps, scope, { client, userId: body.user.id });
    const view = renderDigestModal({ channelId: null, settings: { time: DEFAULT_DIGEST_TIME, timeZone, topic: null, postWhenEmpty: false } });
    await callSlack(scope.log, 'views.open', { user: body.user.id }, () => client.views.open({ trigger_id: body.trigger_id, view }));
  };
}

/** App Home → a digest's menu: change its settings (modal), or turn it off or on; the Home tab is then refreshed. */
export function homeDigestEditCallback(deps: SlackDeps) {
  return async ({ ack, action, body, context, client }: SlackActionMiddlewareArgs<BlockAction<OverflowAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const teamId = context.teamId ?? body.team?.id;
    const match = /^(edit|on|off):([CGD][A-Z0-9]+)$/.exec(action.selected_option.value);
    if (deps.digests === null || teamId === undefined || match === null) return;
    const [, verb, channelId] = match as unknown as [string, 'edit' | 'on' | 'off', string];
    const channel = { teamId, channelId };
    try {
      const { subscription } = await deps.digests.status(channel);
      if (subscription === undefined) return;
      if (verb === 'edit') {
        const view = renderDigestModal({ channelId, settings: subscription });
        await callSlack(scope.log, 'views.open', { user: body.user.id }, () => client.views.open({ trigger_id: body.trigger_id, view }));
        return;
      }
      if (verb === 'off') await deps.digests.unsubscribe(channel, body.user.id);
      else await deps.digests.subscribe(channel, subscription, body.user.id);
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, 'changing a digest from the App Home failed');
    }
    await publishHome(deps, scope, client, { userId: body.user.id, teamId, dmChannelId: null });
  };
}

/** One answer, one key: the question and the excerpts it showed (the same for every click on it). */
function feedbackAnswerKey(state: { question: string; excerpts: readonly string[] }): string {
  return `${state.question}\u0000${state.excerpts.join(' ')}`;
}

function voteNotice(vote: 'up' | 'down', outcome: VoteOutcome): string {
  if (outcome === 'withdrawn') return 'Your vote on this answer is withdrawn.';
  const thanks = vote === 'up' ? 'Thanks, glad it helped.' : 'Thanks for telling me; I will use it to do better.';
  return outcome === 'changed' ? `Vote changed to ${vote === 'up' ? '👍' : '👎'}. ${thanks}` : thanks;
}
