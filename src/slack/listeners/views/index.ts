/**
 * Views: the App Home tab, published for the user whenever they open it (and after they change a
 * digest there), with what the bot knows right now, example questions and the workspace's daily
 * digests; and the digest settings modal's submission.
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { parseTime, resolveTimeZone, unknownTimeZoneMessage, MAX_TOPIC_LENGTH } from '../../../core/digest/index.js';
import { DIGEST_MODAL_CALLBACK, DIGEST_MODAL_FIELDS, type DigestModalMetadata } from '../../blocks/digestHome.js';
import { renderHome } from '../../blocks/home.js';
import type { SlackDeps } from '../../deps.js';
import { scopeOf, type RequestScope } from '../../requestScope.js';
import { callSlack } from '../../slackCalls.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', appHomeOpenedCallback(deps));
  app.view<ViewSubmitAction>(DIGEST_MODAL_CALLBACK, digestModalSubmitCallback(deps));
}

export function appHomeOpenedCallback(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    const scope = scopeOf(context, deps.logger);
    if (event.tab !== undefined && event.tab !== 'home') return;
    const decision = await deps.gate.admit({ eventId: body.event_id, retryNum: context.retryNum, retryReason: context.retryReason });
    if (!decision.admitted) {
      scope.log.info({ reason: decision.reason }, 'dropped a repeated delivery');
      return;
    }
    await publishHome(deps, scope, client, { userId: event.user, teamId: context.teamId ?? body.team_id, dmChannelId: event.channel ?? null });
  };
}

/** Renders and publishes the Home tab for one user; failures are logged, never thrown. */
export async function publishHome(
  deps: SlackDeps,
  scope: RequestScope,
  client: AllMiddlewareArgs['client'],
  target: { userId: string; teamId: string | undefined; dmChannelId: string | null },
): Promise<void> {
  try {
    const digests = deps.digests !== null && target.teamId !== undefined ? await deps.digests.list(target.teamId) : undefined;
    const view = renderHome({
      stats: deps.engine.stats(),
      documents: deps.engine.documents(),
      indexedAt: deps.indexedAt(),
      dmChannelId: target.dmChannelId,
      skipped: deps.engine.skippedFiles?.() ?? [],
      ...(digests === undefined ? {} : { digests }),
    });
    await callSlack(scope.log, 'views.publish', { user: target.userId }, () => client.views.publish({ user_id: target.userId, view }));
  } catch (error) {
    scope.log.error({ err: error, errorId: scope.requestId }, 'rendering the App Home failed');
  }
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Saves the settings from the modal (same checks as `/tesla digest on`), then refreshes the Home tab. */
export function digestModalSubmitCallback(deps: SlackDeps) {
  return async ({ ack, view, body, context, client }: ViewArgs): Promise<void> => {
    const scope = scopeOf(context, deps.logger);
    const F = DIGEST_MODAL_FIELDS;
    const values = view.state.values;
    const metadata = parseMetadata(view.private_metadata);
    const channelId = metadata.channelId ?? values[F.channel]?.[F.value]?.selected_conversation ?? null;
    const rawTime = values[F.time]?.[F.value]?.selected_time ?? '';
    const rawZone = (values[F.timeZone]?.[F.value]?.value ?? '').trim();
    const topic = (values[F.topic]?.[F.value]?.value ?? '').trim();
    const postWhenEmpty = (values[F.options]?.[F.value]?.selected_options ?? []).some((option) => option.value === F.postWhenEmpty);

    const errors: Record<string, string> = {};
    const time = parseTime(rawTime);
    if (!time.ok) errors[F.time] = time.message;
    const timeZone = resolveTimeZone(rawZone);
    if (timeZone === null) errors[F.timeZone] = unknownTimeZoneMessage(rawZone).replace(/`/g, '');
    if (channelId === null) errors[F.channel] = 'Pick the channel that should get the digest.';
    if (topic.length > MAX_TOPIC_LENGTH) errors[F.topic] = `Keep the topic under ${MAX_TOPIC_LENGTH} characters.`;
    if (Object.keys(errors).length > 0 || !time.ok || timeZone === null || channelId === null || deps.digests === null) {
      await ack({ response_action: 'errors', errors: Object.keys(errors).length > 0 ? errors : { [F.time]: 'Daily digests are not available.' } });
      return;
    }
    await ack();
    const teamId = context.teamId ?? body.team?.id;
    if (teamId === undefined) return;
    try {
      await deps.digests.subscribe({ teamId, channelId }, { time: time.time, timeZone, topic: topic === '' ? null : topic, postWhenEmpty }, body.user.id);
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, 'saving digest settings from the App Home failed');
    }
    await publishHome(deps, scope, client, { userId: body.user.id, teamId, dmChannelId: null });
  };
}

function parseMetadata(raw: string | undefined): DigestModalMetadata {
  try {
    const parsed = JSON.parse(raw ?? '{}') as Partial<DigestModalMetadata>;
    return { channelId: typeof parsed.channelId === 'string' && /^[CGD][A-Z0-9]+$/.test(parsed.channelId) ? parsed.channelId : null };
  } catch {
    return { channelId: null };
  }
}
