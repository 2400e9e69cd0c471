/** Feedback (👍/👎) written to the logs as one structured line each, until storage exists. */
import type { Logger } from 'pino';
import type { Feedback, FeedbackSink } from '../core/ports.js';

export class LogFeedbackSink implements FeedbackSink {
  constructor(private readonly logger: Logger) {}

  async record(feedback: Feedback): Promise<void> {
    this.logger.info({ feedback: { ...feedback, at: feedback.at.toISOString() } }, `feedback ${feedback.vote}`);
  }
}
