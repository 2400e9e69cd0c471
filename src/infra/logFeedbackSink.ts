/**
 * Feedback (👍/👎): stored (when a store is given, e.g. SQLite) and written to the logs as one
 * structured line each.
 */
import type { Logger } from 'pino';
import type { Feedback, FeedbackSink } from '../core/ports.js';

export class LogFeedbackSink implements FeedbackSink {
  constructor(
    private readonly logger: Logger,
    private readonly store?: FeedbackSink,
  ) {}

  async record(feedback: Feedback): Promise<void> {
    await this.store?.record(feedback);
    this.logger.info({ feedback: { ...feedback, at: feedback.at.toISOString() } }, `feedback ${feedback.vote}`);
  }
}
