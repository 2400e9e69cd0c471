/**
 * Posting digests to Slack, with the failures a scheduled post meets handled one by one:
 * - `not_in_channel`: join the channel once (public channels) and post again; if joining is not
 *   possible (a private channel) or does not help, the channel cannot receive digests;
 * - `channel_not_found`, `is_archived`: the channel cannot receive digests (the scheduler turns
 *   the subscription off with the reason, shown in status);
 * - `invalid_auth`, `token_revoked` (and other dead-token errors): unauthorized (the scheduler
 *   stops and logs loudly);
 * - rate limits: wait `Retry-After` (on the injected clock) and post again, a few times;
 * - anything else (network, Slack's own errors): transient, retried by the next tick.
 *
 * The Web API client here rejects rate-limited calls instead of queueing them silently and does
 * not retry on its own, so every wait and retry is decided, and logged, here.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Digest } from '../../core/digest/index.js';
import type { ChannelRef, Clock, DigestPublisher, DigestSettings, PublishOutcome } from '../../core/ports.js';
import { boltLogger } from '../boltLogger.js';
import { renderDigest } from '../blocks/digest.js';
import type { RenderedMessage } from '../blocks/kit.js';
import { NO_UNFURL } from '../replies.js';
import { slackErrorDetails } from '../slackCalls.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackDigestPublisherOptions {
  client: WebClient;
  clock: Clock;
  logger: Logger;
  /** Rate-limit waits per message before giving up until the next tick (default 3). */
  maxRateLimitWaits?: number;
  /** Longest single wait, in seconds (default 300). */
  maxRetryAfterSeconds?: number;
}

/** Errors meaning the bot token no longer works. */
export const UNAUTHORIZED_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
  'account_inactive',
  'no_permission',
  'team_access_not_granted',
]);

type PostResult = { ok: true; ts: string } | { ok: false; outcome: Exclude<PublishOutcome, { kind: 'sent' }> };

export class SlackDigestPublisher implements DigestPublisher {
  private readonly client: WebClient;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly maxRateLimitWaits: number;
  private readonly maxRetryAfterSeconds: number;

  constructor(options: SlackDigestPublisherOptions) {
    this.client = options.client;
    this.clock = options.clock;
    this.log = options.logger.child({ component: 'digest-publisher' });
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 3;
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 300;
  }

  async publish(channel: ChannelRef, digest: Digest, settings: DigestSettings, onFirstMessage: (ts: string) => Promise<void>): Promise<PublishOutcome> {
    const rendered = renderDigest(digest, settings);
    const state = { joinTried: false };
    const first = await this.post(channel, rendered.overview, null, state);
    if (!first.ok) return first.outcome;
    await onFirstMessage(first.ts);
    let failed = 0;
    for (const part of rendered.thread) {
      const reply = await this.post(channel, part, first.ts, state);
      if (!reply.ok) {
        failed += 1;
        this.log.error({ channel: channel.channelId, threadTs: first.ts, reason: reply.outcome.reason }, 'a digest thread reply could not be posted');
        if (reply.outcome.kind === 'unauthorized' || reply.outcome.kind === 'channelUnavailable') {
          failed += rendered.thread.length - rendered.thread.indexOf(part) - 1;
          break;
        }
      }
    }
    const note = failed === 0 ? null : `${failed} of ${rendered.thread.length} thread replies could not be posted`;
    return { kind: 'sent', ts: first.ts, note };
  }

  private async post(channel: ChannelRef, message: RenderedMessage, threadTs: string | null, state: { joinTried: boolean }): Promise<PostResult> {
    const log = this.log.child({ team: channel.teamId, channel: channel.channelId });
    for (let rateLimitWaits = 0; ; ) {
      try {
        const result = await this.client.chat.postMessage({
          channel: channel.channelId,
          text: message.text,
          blocks: message.blocks,
          ...(threadTs === null ? {} : { thread_ts: threadTs }),
          ...NO_UNFURL,
        });
        return { ok: true, ts: String(result.ts) };
      } catch (error) {
        const { slackError, retryAfterSeconds: retryAfter } = slackErrorDetails(error);
        if (retryAfter !== undefined) {
          if (rateLimitWaits >= this.maxRateLimitWaits) {
            log.warn({ slackError, waits: rateLimitWaits }, 'digest still rate limited; leaving it for the next tick');
            return failure('transient', slackError, `rate limited by Slack ${rateLimitWaits + 1} times in a row`);
          }
          rateLimitWaits += 1;
          const seconds = Math.min(retryAfter, this.maxRetryAfterSeconds);
          log.warn({ slackError, retryAfterSeconds: seconds }, `digest rate limited; waiting ${seconds} s (Retry-After) before posting again`);
          await this.clock.sleep(seconds * 1000);
          continue;
        }
        if (slackError === 'not_in_channel') {
          if (state.joinTried) return failure('channelUnavailable', slackError, 'I am still not a member of this channel after joining it');
          state.joinTried = true;
          const joined = await this.join(channel, log);
          if (joined !== null) return { ok: false, outcome: joined };
          continue;
        }
        if (slackError === 'channel_not_found') {
          return failure('channelUnavailable', slackError, 'Slack says the channel does not exist (deleted, or private and I was never invited)');
        }
        if (slackError === 'is_archived') return failure('channelUnavailable', slackError, 'the channel is archived');
        if (UNAUTHORIZED_ERRORS.has(slackError)) {
          return failure('unauthorized', slackError, `Slack rejected the bot token (${slackError})`);
        }
        log.warn({ err: error, slackError }, 'posting a digest failed');
        return failure('transient', slackError, `posting failed (${slackError})`);
      }
    }
  }

  /** Joins a public channel; null when joined, else why the channel cannot receive digests. */
  private async join(channel: ChannelRef, log: Logger): Promise<Exclude<PublishOutcome, { kind: 'sent' }> | null> {
    for (let waits = 0; ; waits++) {
      try {
        await this.client.conversations.join({ channel: channel.channelId });
        log.info('joined the channel to post its digest');
        return null;
      } catch (error) {
        const { slackError, retryAfterSeconds: retryAfter } = slackErrorDetails(error);
        if (retryAfter !== undefined && waits < this.maxRateLimitWaits) {
          await this.clock.sleep(Math.min(retryAfter, this.maxRetryAfterSeconds) * 1000);
          continue;
        }
        if (retryAfter !== undefined) return failure('transient', slackError, 'rate limited while joining the channel').outcome;
        if (UNAUTHORIZED_ERRORS.has(slackError)) return failure('unauthorized', slackError, `Slack rejected the bot token (${slackError})`).outcome;
        log.warn({ slackError }, 'could not join the channel for its digest');
        const why =
          slackError === 'method_not_supported_for_channel_type'
            ? 'it is private'
            : slackError === 'missing_scope'
              ? 'the app lacks the channels:join scope'
              : slackError;
        return failure(
          'channelUnavailable',
          'not_in_channel',
          `I am not a member of this channel and cannot join it (${why}); invite me with /invite @tesla, then turn the digest on again`,
        ).outcome;
      }
    }
  }
}

function failure(kind: Exclude<PublishOutcome['kind'], 'sent'>, error: string, reason: string): { ok: false; outcome: Exclude<PublishOutcome, { kind: 'sent' }> } {
  return { ok: false, outcome: { kind, error, reason } };
}

/** A Web API client for digests: rate limits are reported (not queued), no hidden retries. */
export function createDigestPublisher(options: { botToken: string; slackApiUrl: string; clock: Clock; logger: Logger }): SlackDigestPublisher {
  const client = new webApi.WebClient(options.botToken, {
    slackApiUrl: options.slackApiUrl,
    logger: boltLogger(options.logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
  return new SlackDigestPublisher({ client, clock: options.clock, logger: options.logger });
}
