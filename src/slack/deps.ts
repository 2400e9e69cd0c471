/** Everything the listeners need, built once by the app factory. */
import type { Logger } from 'pino';
import type { Conversation } from './conversation/conversation.js';
import type { AnswerSource, DigestControl, FeedbackSink } from './ports.js';
import type { DeliveryGate } from './reliability/deliveryGate.js';
import type { RateLimiter } from './reliability/rateLimiter.js';

export interface SlackDeps {
  engine: AnswerSource;
  conversation: Conversation;
  gate: DeliveryGate;
  rateLimiter: RateLimiter;
  feedback: FeedbackSink;
  logger: Logger;
  /** When the index was built or loaded (shown on the App Home). */
  indexedAt: () => Date;
  /** Daily digests; null when this deployment runs without them. */
  digests: DigestControl | null;
  /** Replies under way (answered, posting, remembering): stopping the app waits for them. */
  inFlight: InFlight;
}

/**
 * The work a Slack request started after it was acknowledged. Stopping waits for it, so a reply
 * being posted is not cut off and what a thread has shown is stored before the state closes.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `start`, its work tracked until it settles. */
  track<T>(start: () => Promise<T>): Promise<T> {
    const work = start();
    this.pending.add(work);
    const forget = (): void => {
      this.pending.delete(work);
    };
    work.then(forget, forget);
    return work;
  }

  /** Resolves when everything tracked has settled, or after `timeoutMs`, whichever comes first. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.pending]).then(() => undefined), timeout]);
    clearTimeout(timer);
  }
}
