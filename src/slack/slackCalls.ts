/**
 * Calls to Slack that must not take the process down: an API error (rate limited, channel
 * not found, not in channel, an expired response_url, a network failure) is logged with its
 * context and reported as `undefined` to the caller, who decides whether to tell the user.
 */
import type { Logger } from 'pino';

export interface SlackErrorDetails {
  /** Slack's error code (`channel_not_found`, `not_in_channel`, `ratelimited`, …) or the client's. */
  slackError: string;
  code?: string;
  status?: number;
  /** For a rate limit: seconds to wait (Slack's `Retry-After`, else 5). */
  retryAfterSeconds?: number;
}

/** Runs `call`; on failure logs `what` with `context` and the Slack error, and returns undefined. */
export async function callSlack<T>(
  log: Logger,
  what: string,
  context: Record<string, unknown>,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const details = slackErrorDetails(error);
    const level = details.retryAfterSeconds !== undefined ? 'warn' : 'error';
    log[level]({ slackCall: what, ...context, ...details, err: error }, `Slack call failed: ${what} (${details.slackError})`);
    return undefined;
  }
}

/**
 * The one reading of a failed Slack call (Web API error, rate limit, HTTP status, network
 * failure, a response_url's error) that every caller uses: Slack's error code, the client's
 * code, the HTTP status and, for rate limits, how long to wait.
 */
export function slackErrorDetails(error: unknown): SlackErrorDetails {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const data = (typeof record['data'] === 'object' && record['data'] !== null ? record['data'] : {}) as Record<string, unknown>;
  const code = typeof record['code'] === 'string' ? record['code'] : undefined;
  const slackError =
    typeof data['error'] === 'string'
      ? data['error']
      : code === 'slack_webapi_rate_limited_error'
        ? 'ratelimited'
        : (code ?? (error instanceof Error ? error.message : 'unknown'));
  const status = typeof record['statusCode'] === 'number' ? record['statusCode'] : undefined;
  const retryAfter = record['retryAfter'];
  const rateLimited = slackError === 'ratelimited' || slackError === 'rate_limited' || typeof retryAfter === 'number';
  const retryAfterSeconds = !rateLimited ? undefined : typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? Math.max(1, retryAfter) : 5;
  return {
    slackError,
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}
