/**
 * Exactly one reply per question, whatever Slack redelivers:
 * - the same `event_id` twice (Events API retries, Socket Mode redeliveries) is handled once;
 * - a retry sent because the first delivery timed out (`x-slack-retry-reason: http_timeout` over HTTP,
 *   `retry_reason: timeout` in Socket Mode) means the first one reached us, so it is dropped even
 *   when this process no longer remembers it;
 * - the same message seen twice as different events (a `message` and an `app_mention` for one
 *   mention) is handled once, keyed by team/channel/ts.
 * Retries for other reasons (the first delivery never arrived) are handled as first deliveries.
 */
import { RecentKeys } from './recentKeys.js';

export interface Delivery {
  eventId?: string | undefined;
  retryNum?: number | undefined;
  retryReason?: string | undefined;
  /** `team:channel:ts` of the message the event is about. */
  messageKey?: string | undefined;
}

/** Retry reasons that mean "the first delivery arrived but was not acknowledged in time". */
const TIMEOUT_REASONS = new Set(['http_timeout', 'timeout']);

export type GateDecision = { admitted: true } | { admitted: false; reason: string };

export class DeliveryGate {
  private readonly events: RecentKeys;
  private readonly messages: RecentKeys;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.events = new RecentKeys({ ttlMs, now: options.now });
    this.messages = new RecentKeys({ ttlMs, now: options.now });
  }

  admit(delivery: Delivery): GateDecision {
    if (delivery.eventId !== undefined && !this.events.firstTime(delivery.eventId)) {
      return { admitted: false, reason: 'event already handled (same event_id)' };
    }
    if ((delivery.retryNum ?? 0) > 0 && TIMEOUT_REASONS.has(delivery.retryReason ?? '')) {
      return { admitted: false, reason: 'retry after a timeout: the first delivery was received' };
    }
    if (delivery.messageKey !== undefined && !this.messages.firstTime(delivery.messageKey)) {
      return { admitted: false, reason: 'message already handled (another event for the same message)' };
    }
    return { admitted: true };
  }
}
