/**
 * Buttons on answers and on the App Home. Every callback acks first.
 * - Share in channel: posts every page the user has seen publicly ("asked by @user") and removes
 *   the private copy.
 * - More: the next excerpts, where the answer is (replacing a private answer, privately under a
 *   shared one, or in the thread/DM of a conversation answer).
 * - Show in context: a modal with the paragraphs around an excerpt.
 * - 👍/👎: one vote per user and answer through the feedback sink; the answer shows it.
 * - Home example questions: answered in the user's DM with the app.
 */
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, OverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { DEFAULT_DIGEST_TIME } from '../../../core/digest/index.js';
import {
  ACTION_IDS,
  decodeContextState,
  decodeFeedbackState,
  decodePageState,
  type PageButtonState,
} from '../../blocks/actions.js';
import { renderContextModal } from '../../blocks/contextModal.js';
import { DIGEST_ACTION_IDS, renderDigestModal } from '../../blocks/digestHome.js';
import type { HomeMetadata } from '../../blocks/home.js';
import { renderApology, renderNotice } from '../../blocks/notices.js';
import { PAGE_SIZE, threadKey, type AskPlan } from '../../conversation/conversation.js';
import type { SlackDeps } from '../../deps.js';
import type { VoteOutcome } from '../../ports.js';
import { askAndSend, enginePage, replyInConversation, respondOutput, respondSafely } from '../../replies.js';
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
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.showContext, showContextCallback(deps));
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_IDS.homeExample}_\\d+$`), homeExampleCallback(deps));
  app.action<BlockAction<ButtonAction>>(DIGEST_ACTION_IDS.add, homeDigestAddCallback(deps));
  app.action<BlockAction<OverflowAction>>(DIGEST_ACTION_IDS.edit, homeDigestEditCallback(deps));
}

/** Most excerpts one shared message carries (the engine's largest page). */
const MAX_SHARED_EXCERPTS = 20;

const EXPIRED = renderNotice('This button no longer works (it may come from an older version of me). Please ask again.');

export function shareCallback(deps: SlackDeps) {
  return async ({ ack, action, body, respond, context }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const state = decodePageState(action.value);
    if (state === null) return void (await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...EXPIRED }));
    // Every page the user has seen of this answer (More replaced the earlier ones), not only the last.
    const seen = Math.min(MAX_SHARED_EXCERPTS, Math.max(1, state.offset + state.shown - state.firstSeen));
    const shared = await askAndSend(
      deps,
      scope,
      {
        teamId: context.teamId ?? body.team?.id,
        userId: body.user.id,
        counts: false,
        page: enginePage(deps, state.question, state.firstSeen, seen),
        render: { surface: 'shared', askedBy: body.user.id },
        what: 'sharing an answer in the channel',
      },
      {
        send: (message) =>
          respondSafely(scope, respond, { response_type: 'in_channel', replace_original: false, text: message.text, blocks: message.blocks }, 'response_url (share)'),
        refuse: async () => undefined,
      },
    );
    if (shared !== null) await respondSafely(scope, respond, { delete_original: true }, 'response_url (remove private copy)');
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
    if (state.surface === 'conversation' && channelId !== undefined) {
      let plan: AskPlan;
      try {
        plan = await continuationPlan(deps, threadKey(teamId, channelId, state.threadTs), state);
      } catch (error) {
        return apologize(scope, respond, error, 'showing more failed');
      }
      await replyInConversation(
        deps,
        scope,
        { client, teamId, channelId, userId: body.user.id, threadTs: state.threadTs, isDirectMessage: channelId.startsWith('D') },
        'more',
        plan,
      );
      return;
    }
    // A private answer is replaced by its next page (Share on it then shares every page seen);
    // under a shared answer, the clicker gets a private page of their own.
    const replace = state.surface === 'ephemeral';
    await askAndSend(
      deps,
      scope,
      {
        teamId,
        userId: body.user.id,
        counts: true,
        page: enginePage(deps, state.question, state.nextOffset, PAGE_SIZE),
        render: { surface: 'ephemeral', firstSeen: replace ? state.firstSeen : state.nextOffset },
        what: 'showing more',
      },
      respondOutput(scope, respond, { replace_original: replace }),
    );
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

/**
 * 👍/👎: one vote per user per answer (the other button changes it, the same one withdraws it).
 * On a private answer the message itself shows the user's vote (the button marked, a line under
 * it); on a shared or conversation answer, which everyone sees, the user is told privately.
 */
export function feedbackCallback(deps: SlackDeps, vote: 'up' | 'down') {
  return async ({ ack, action, body, respond, context }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const state = decodeFeedbackState(action.value);
    if (state === null) return void (await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...EXPIRED }));
    let outcome: VoteOutcome;
    try {
      outcome = await deps.feedback.record({
        vote,
        answerKey: feedbackAnswerKey(state),
        teamId: context.teamId ?? body.team?.id ?? null,
        userId: body.user.id,
        channelId: body.channel?.id ?? null,
        question: state.question,
        excerpts: state.excerpts,
        at: new Date(),
      });
    } catch (error) {
      return apologize(scope, respond, error, 'recording feedback failed');
    }
    scope.log.info({ vote, outcome }, 'vote');
    const note = voteNote(vote, outcome);
    const page = state.page;
    const onPrivateAnswer = page !== null && page.surface === 'ephemeral' && body.container['is_ephemeral'] === true;
    if (onPrivateAnswer) {
      const shown = await askAndSend(
        deps,
        scope,
        {
          teamId: context.teamId ?? body.team?.id,
          userId: body.user.id,
          counts: false,
          page: enginePage(deps, page.question, page.offset, Math.max(1, page.shown)),
          render: { surface: 'ephemeral', firstSeen: page.firstSeen, vote: { vote: outcome === 'withdrawn' ? null : vote, note } },
          what: 'showing a vote on a private answer',
        },
        respondOutput(scope, respond, { replace_original: true }),
      );
      if (shown !== null) return;
    }
    await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...renderNotice(note) });
  };
}

/** "Show in context": the paragraphs around the excerpt, in a modal. */
export function showContextCallback(deps: SlackDeps) {
  return async ({ ack, action, body, respond, context, client }: ButtonArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const state = decodeContextState(action.value);
    if (state === null) return void (await respondSafely(scope, respond, { response_type: 'ephemeral', replace_original: false, ...EXPIRED }));
    try {
      const excerpt = await deps.engine.excerptContext(state.docId, state.start, state.end);
      scope.log.info({ docId: state.docId, found: excerpt !== null }, 'showing an excerpt in context');
      const view = renderContextModal(excerpt);
      await callSlack(scope.log, 'views.open', { user: body.user.id }, () => client.views.open({ trigger_id: body.trigger_id, view }));
    } catch (error) {
      await apologize(scope, respond, error, 'showing an excerpt in context failed');
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

/** What a click did to the user's vote, said once: thanks for a vote cast or changed, none for a withdrawal. */
export function voteNote(vote: 'up' | 'down', outcome: VoteOutcome): string {
  const emoji = vote === 'up' ? '👍' : '👎';
  if (outcome === 'withdrawn') return `You withdrew your ${emoji} vote on this answer.`;
  const thanks = vote === 'up' ? 'Thanks, glad it helped.' : 'Thanks for telling me; I will use it to do better.';
  const other = vote === 'up' ? '👎' : '👍';
  return `Your vote: ${emoji}${outcome === 'changed' ? ' (changed)' : ''}. ${thanks} Click ${emoji} again to withdraw it, or ${other} to change it.`;
}
