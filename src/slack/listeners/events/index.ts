/**
 * Mentions and DMs. `@tesla <question>` is answered in the thread (the mention's thread, or a
 * new one under the mention); follow-ups there refine the question. DMs get the same answers
 * in the DM. The bot ignores its own messages, other bots, edits, deletions and other subtypes,
 * and answers each message once whatever Slack redelivers.
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { plainText, stripBotMention } from '../../conversation/requestText.js';
import type { SlackDeps } from '../../deps.js';
import { replyInConversation } from '../../replies.js';
import { scopeOf } from '../../requestScope.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', appMentionCallback(deps));
  app.message(directMessageCallback(deps));
}

export function appMentionCallback(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const scope = scopeOf(context, deps.logger);
    if (event.bot_id !== undefined || event.user === undefined || event.user === context.botUserId) {
      scope.log.debug('ignored a mention from a bot');
      return;
    }
    const teamId = context.teamId ?? body.team_id;
    if (!(await admitOnce(deps, scope, context, body.event_id, `${teamId}:${event.channel}:${event.ts}`))) return;
    const text = plainText(stripBotMention(event.text, context.botUserId));
    await replyInConversation(
      deps,
      scope,
      {
        client,
        teamId,
        channelId: event.channel,
        userId: event.user,
        threadTs: event.thread_ts ?? event.ts,
        isDirectMessage: event.channel.startsWith('D'),
      },
      text,
    );
  };
}

export function directMessageCallback(deps: SlackDeps) {
  return async ({ message, body, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const scope = scopeOf(context, deps.logger);
    if (message.channel_type !== 'im') return;
    // Edits (message_changed), deletions, bot messages, joins…: every subtype is something other than a question.
    if (message.subtype !== undefined) {
      scope.log.debug({ subtype: message.subtype }, 'ignored a message subtype');
      return;
    }
    if (message.bot_id !== undefined || message.user === context.botUserId) {
      scope.log.debug('ignored a message from a bot');
      return;
    }
    const teamId = context.teamId ?? body.team_id;
    if (!(await admitOnce(deps, scope, context, body.event_id, `${teamId}:${message.channel}:${message.ts}`))) return;
    const text = plainText(stripBotMention(message.text ?? '', context.botUserId));
    await replyInConversation(
      deps,
      scope,
      {
        client,
        teamId,
        channelId: message.channel,
        userId: message.user,
        threadTs: message.thread_ts ?? null,
        isDirectMessage: true,
      },
      text,
    );
  };
}

/**
 * True the first time a message is delivered; false (and logged) for Slack's retries, repeated
 * event ids and the second event (`message` + `app_mention`) for one message.
 */
async function admitOnce(
  deps: SlackDeps,
  scope: ReturnType<typeof scopeOf>,
  context: AllMiddlewareArgs['context'],
  eventId: string,
  messageKey: string,
): Promise<boolean> {
  const decision = await deps.gate.admit({ eventId, retryNum: context.retryNum, retryReason: context.retryReason, messageKey });
  if (!decision.admitted) scope.log.info({ reason: decision.reason, retryNum: context.retryNum }, 'dropped a repeated delivery');
  return decision.admitted;
}
