/**
 * A request id and a child logger for every Slack request, set by a global middleware on
 * Bolt's context. Every log line about a request carries its `requestId`; users who see an
 * apology get the same id.
 */
import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import { requestLogger } from '../infra/logger.js';

export interface RequestScope {
  requestId: string;
  log: Logger;
}

const SCOPE_KEY = 'teslaRequestScope';

export function requestScopeMiddleware(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const { log, requestId } = requestLogger(logger, describeRequest(body as unknown as Record<string, unknown>));
    context[SCOPE_KEY] = { log, requestId } satisfies RequestScope;
    log.debug('slack request received');
    await next();
  };
}

/** The scope the middleware set; a fresh one (with a new id) if it is missing. */
export function scopeOf(context: Context, fallback: Logger): RequestScope {
  const scope = context[SCOPE_KEY] as RequestScope | undefined;
  if (scope !== undefined) return scope;
  const created = requestLogger(fallback, {});
  context[SCOPE_KEY] = created;
  return created;
}

/** The request id the middleware set, if it ran. */
export function requestIdOf(context: Context | undefined): string | undefined {
  return (context?.[SCOPE_KEY] as RequestScope | undefined)?.requestId;
}

/** Safe, useful fields of a request body: what kind, which team, user and channel. Never tokens or text. */
export function describeRequest(body: Record<string, unknown>): Record<string, unknown> {
  const event = asRecord(body['event']);
  const team = asRecord(body['team']);
  const user = asRecord(body['user']);
  const channel = asRecord(body['channel']);
  const actions = Array.isArray(body['actions']) ? body['actions'] : [];
  const firstAction = asRecord(actions[0]);
  const kind =
    stringOr(body['command']) ??
    (event === undefined ? undefined : `event:${stringOr(event['type']) ?? '?'}`) ??
    (firstAction === undefined ? undefined : `action:${stringOr(firstAction['action_id']) ?? '?'}`) ??
    stringOr(body['type']);
  return dropUndefined({
    kind,
    eventId: stringOr(body['event_id']),
    team: stringOr(body['team_id']) ?? stringOr(team?.['id']),
    user: stringOr(body['user_id']) ?? stringOr(user?.['id']) ?? stringOr(event?.['user']),
    channel: stringOr(body['channel_id']) ?? stringOr(channel?.['id']) ?? stringOr(event?.['channel']),
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
