/**
 * `/tesla <question>`: ack at once, then answer privately through the response_url.
 * `/tesla help` (or nothing) explains usage; `/tesla sources` lists the corpus;
 * `/tesla digest …` sets up the channel's daily digest (see `digest.ts`).
 */
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderApology, renderNotice } from '../../blocks/notices.js';
import { PAGE_SIZE } from '../../conversation/conversation.js';
import { MAX_QUESTION_LENGTH, parseRequest, plainText } from '../../conversation/requestText.js';
import type { SlackDeps } from '../../deps.js';
import { askAndSend, enginePage, renderPlanMessage, respondOutput, respondSafely } from '../../replies.js';
import { scopeOf } from '../../requestScope.js';
import { handleDigestCommand } from './digest.js';

export const COMMAND = '/tesla';

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, teslaCommandCallback(deps));
}

export function teslaCommandCallback(deps: SlackDeps) {
  return async ({ ack, command, respond, context, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const scope = scopeOf(context, deps.logger);
    const request = parseRequest(plainText(command.text));
    try {
      if (request.kind === 'help' || request.kind === 'sources') {
        await respondSafely(scope, respond, { response_type: 'ephemeral', ...renderPlanMessage(deps, request) });
        return;
      }
      if (request.kind === 'digest') {
        await handleDigestCommand(deps, scope, {
          text: request.text,
          channel: { teamId: command.team_id, channelId: command.channel_id },
          userId: command.user_id,
          client,
          respond,
        });
        return;
      }
      if (request.kind === 'tooLong') {
        const notice = renderNotice(`That question is ${request.length} characters long; please ask in at most ${MAX_QUESTION_LENGTH}.`);
        await respondSafely(scope, respond, { response_type: 'ephemeral', ...notice });
        return;
      }
      await askAndSend(
        deps,
        scope,
        {
          teamId: command.team_id,
          userId: command.user_id,
          counts: true,
          page: enginePage(deps, request.question, 0, PAGE_SIZE),
          render: { surface: 'ephemeral', firstSeen: 0 },
          what: 'answering /tesla',
        },
        respondOutput(scope, respond),
      );
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, request.kind === 'digest' ? '/tesla digest failed' : 'answering /tesla failed');
      await respondSafely(scope, respond, { response_type: 'ephemeral', ...renderApology(scope.requestId) });
    }
  };
}
