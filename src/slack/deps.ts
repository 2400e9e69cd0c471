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
}
