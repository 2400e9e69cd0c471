/**
 * Exactly one reply per question, whatever Slack redelivers, and whichever instance receives it:
 * - the same `event_id` twice (Events API retries, Socket Mode redeliveries) is handled once;
 * - a retry sent because the first delivery timed out (`x-slack-retry-reason: http_timeout` over HTTP,
 *   `retry_reason: timeout` in Socket Mode) means the first one reached us, so it is dropped even
 *   when the first delivery is no longer remembered;
 * - the same message seen twice as different events (a `message` and an `app_mention` for one
 *   mention) is handled once, keyed by team/channel/ts;
 * Retries for other reasons (the first delivery never arrived) are handled as first deliveries.
 *
 * Slash commands and button presses are not redelivered by Slack; a replayed signed request (of any
 * kind) is refused before it gets here (`requestGuard.ts`).
 *
 * What was handled is kept in a {@link DeliveryLedger}: the shared store (SQLite, or PostgreSQL
 * for several instances), so a restart or another instance remembers it too.
 */
import type { DeliveryLedger } from '../../core/ports.js';

export interface Delivery {
  eventId?: string | undefined;
  retryNum?: number | undefined;
  retryReason?: string | undefined;
  /** `team:channel:ts` of the message the event is about. */
  messageKey?: string | undefined;
}

/** Retry reasons that mean "the first delivery arrived but was not acknowledged in time". */
const TIMEOUT_REASONS = new Set(['http_timeout', 'timeout']);

/** How long a delivery is remembered: Slack retries an event for about an hour at most. */
export const DELIVERY_MEMORY_MS = 60 * 60 * 1000;

export type GateDecision = { admitted: true } | { admitted: false; reason: string };

export interface DeliveryGateOptions {
  ledger: DeliveryLedger;
  ttlMs?: number;
  now?: () => number;
}

export class DeliveryGate {
  private readonly ledger: DeliveryLedger;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: DeliveryGateOptions) {
    this.ledger = options.ledger;
    this.ttlMs = options.ttlMs ?? DELIVERY_MEMORY_MS;
    this.now = options.now ?? Date.now;
  }

  async admit(delivery: Delivery): Promise<GateDecision> {
    const at = this.now();
    if (delivery.eventId !== undefined && !(await this.ledger.claimOnce(`event:${delivery.eventId}`, at, this.ttlMs))) {
      return { admitted: false, reason: 'event already handled (same event_id)' };
    }
    if ((delivery.retryNum ?? 0) > 0 && TIMEOUT_REASONS.has(delivery.retryReason ?? '')) {
      return { admitted: false, reason: 'retry after a timeout: the first delivery was received' };
    }
    if (delivery.messageKey !== undefined && !(await this.ledger.claimOnce(`message:${delivery.messageKey}`, at, this.ttlMs))) {
      return { admitted: false, reason: 'message already handled (another event for the same message)' };
    }
    return { admitted: true };
  }
}
