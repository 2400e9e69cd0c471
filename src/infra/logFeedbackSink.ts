/**
 * Feedback (👍/👎): applied to the store (one vote per user per answer) and written to the logs as
 * one structured line per click, with what the click did.
 */
import type { Logger } from 'pino';
import type { Feedback, FeedbackSink, VoteOutcome } from '../core/ports.js';

export class LogFeedbackSink implements FeedbackSink {
  constructor(
    private readonly logger: Logger,
    private readonly store: FeedbackSink,
  ) {}

  async record(feedback: Feedback): Promise<VoteOutcome> {
    const outcome = await this.store.record(feedback);
    this.logger.info({ feedback: { ...feedback, at: feedback.at.toISOString() }, outcome }, `feedback ${feedback.vote} ${outcome}`);
    return outcome;
  }
}
