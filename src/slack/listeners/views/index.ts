/**
 * Views: the App Home tab, published for the user whenever they open it, with what the bot
 * knows right now (documents, outlets, date range, when it was indexed) and example questions.
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderHome } from '../../blocks/home.js';
import type { SlackDeps } from '../../deps.js';
import { scopeOf } from '../../requestScope.js';
import { callSlack } from '../../slackCalls.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', appHomeOpenedCallback(deps));
}

export function appHomeOpenedCallback(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    const scope = scopeOf(context, deps.logger);
    if (event.tab !== undefined && event.tab !== 'home') return;
    const decision = deps.gate.admit({ eventId: body.event_id, retryNum: context.retryNum, retryReason: context.retryReason });
    if (!decision.admitted) {
      scope.log.info({ reason: decision.reason }, 'dropped a repeated delivery');
      return;
    }
    try {
      const view = renderHome({
        stats: deps.engine.stats(),
        documents: deps.engine.documents(),
        indexedAt: deps.indexedAt,
        dmChannelId: event.channel ?? null,
      });
      await callSlack(scope.log, 'views.publish', { user: event.user }, () => client.views.publish({ user_id: event.user, view }));
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, 'rendering the App Home failed');
    }
  };
}
