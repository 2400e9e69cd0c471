/**
 * `/tesla digest on [HH:MM] [time zone] [topic…] [--always] | off | status | now`, for the
 * channel the command is typed in. Answers are private. Defaults: 09:00; the user's time zone
 * when Slack tells it (`users.info`), else `DIGEST_TZ`, else UTC.
 */
import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import { DEFAULT_DIGEST_TIME, parseDigestCommand, resolveTimeZone } from '../../../core/digest/index.js';
import { renderDigestPreview } from '../../blocks/digest.js';
import { renderDigestStatus, renderDigestUsage, renderSubscribed, renderUnsubscribed, type TimeZoneSource } from '../../blocks/digestStatus.js';
import { renderNotice } from '../../blocks/notices.js';
import type { SlackDeps } from '../../deps.js';
import type { ChannelRef, DigestSettings } from '../../ports.js';
import { respondSafely } from '../../replies.js';
import type { RequestScope } from '../../requestScope.js';
import { callSlack } from '../../slackCalls.js';

export interface DigestRequest {
  text: string;
  channel: ChannelRef;
  userId: string;
  client: AllMiddlewareArgs['client'];
  respond: RespondFn;
}

export async function handleDigestCommand(deps: SlackDeps, scope: RequestScope, request: DigestRequest): Promise<void> {
  const reply = (message: { text: string; blocks: unknown[] }) =>
    respondSafely(scope, request.respond, { response_type: 'ephemeral', text: message.text, blocks: message.blocks as never });
  const { digests } = deps;
  if (digests === null) {
    await reply(renderNotice('Daily digests are not available in this deployment.'));
    return;
  }
  const command = parseDigestCommand(request.text);
  scope.log.info({ digestCommand: command.kind, channel: request.channel.channelId }, 'digest command');
  switch (command.kind) {
    case 'help':
      await reply(renderDigestUsage());
      return;
    case 'invalid':
      await reply(renderNotice(command.message));
      return;
    case 'off':
      await reply(renderUnsubscribed(await digests.unsubscribe(request.channel, request.userId)));
      return;
    case 'status':
      await reply(renderDigestStatus(await digests.status(request.channel)));
      return;
    case 'now': {
      const { timeZone } = await defaultTimeZone(deps, scope, request);
      const defaults: DigestSettings = { time: DEFAULT_DIGEST_TIME, timeZone, topic: null, postWhenEmpty: true };
      const { digest, settings } = await digests.preview(request.channel, defaults);
      await reply(renderDigestPreview(digest, settings));
      return;
    }
    case 'on': {
      const zone = command.timeZone === null ? await defaultTimeZone(deps, scope, request) : { timeZone: command.timeZone, source: 'command' as const };
      const settings: DigestSettings = {
        time: command.time ?? DEFAULT_DIGEST_TIME,
        timeZone: zone.timeZone,
        topic: command.topic,
        postWhenEmpty: command.postWhenEmpty,
      };
      const status = await digests.subscribe(request.channel, settings, request.userId);
      await reply(renderSubscribed(status, zone.source));
      return;
    }
  }
}

/** The user's time zone from Slack (`users.info`), else `DIGEST_TZ`, else UTC. */
export async function defaultTimeZone(
  deps: SlackDeps,
  scope: RequestScope,
  request: Pick<DigestRequest, 'client' | 'userId'>,
): Promise<{ timeZone: string; source: TimeZoneSource }> {
  const info = await callSlack(scope.log, 'users.info', { user: request.userId }, () => request.client.users.info({ user: request.userId }));
  const fromSlack = typeof info?.user?.tz === 'string' ? resolveTimeZone(info.user.tz) : null;
  if (fromSlack !== null) return { timeZone: fromSlack, source: 'slack' };
  const fallback = deps.digests?.defaultTimeZone ?? 'UTC';
  return { timeZone: fallback, source: fallback === 'UTC' ? 'utc' : 'default' };
}
