/**
 * `/tesla <question>`: ack at once, then answer privately through the response_url.
 * `/tesla help` (or nothing) explains usage; `/tesla sources` lists the corpus;
 * `/tesla digest …` sets up the channel's daily digest (see `digest.ts`).
 */
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderAnswer } from '../../blocks/answer.js';
import { renderApology, renderNotice } from '../../blocks/notices.js';
import { PAGE_SIZE } from '../../conversation/conversation.js';
import { MAX_QUESTION_LENGTH, parseRequest, plainText } from '../../conversation/requestText.js';
import type { SlackDeps } from '../../deps.js';
import { rateLimitRefusal, renderPlanMessage, respondSafely } from '../../replies.js';
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
      const refusal = await rateLimitRefusal(deps, command.team_id, command.user_id);
      if (refusal !== null) {
        scope.log.info('rate limited');
        await respondSafely(scope, respond, { response_type: 'ephemeral', ...refusal });
        return;
      }
      scope.log.info({ question: request.question }, 'answering /tesla');
      const answer = await deps.engine.answer(request.question, { offset: 0, limit: PAGE_SIZE });
      const rendered = renderAnswer({ answer, offset: 0 }, { surface: 'ephemeral' });
      await respondSafely(scope, respond, { response_type: 'ephemeral', text: rendered.text, blocks: rendered.blocks });
    } catch (error) {
      scope.log.error({ err: error, errorId: scope.requestId }, request.kind === 'digest' ? '/tesla digest failed' : 'answering /tesla failed');
      await respondSafely(scope, respond, { response_type: 'ephemeral', ...renderApology(scope.requestId) });
    }
  };
}
