/**
 * Replayed and future-dated requests, refused before Bolt sees them (HTTP mode and local mode).
 *
 * Bolt verifies each request's signature and refuses one timestamped more than five minutes in
 * the past, but accepts a timestamp in the future, and the same signed request any number of times
 * within the five minutes. Here, in front of Bolt's `HTTPReceiver.requestListener`:
 * - a request timestamped more than five minutes ahead of this clock is refused (401), like a stale one;
 * - a signed request is admitted once: its signature (an HMAC of its timestamp and body, so unique
 *   to it) is claimed in the shared {@link DeliveryLedger}, and a copy within the window (on any
 *   instance, before or after a restart) gets an empty 200 and nothing else.
 *
 * The body is read and verified with Bolt's own `HTTPModuleFunctions.parseAndVerifyHTTPRequest`,
 * which leaves it buffered on the request, so the receiver reuses it instead of reading the stream
 * again (`tests/slack/reliability/requestGuard.test.ts` fails if a Bolt upgrade changes that).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTPModuleFunctions } from '@slack/bolt';
import type { Logger } from 'pino';
import type { DeliveryLedger } from '../../core/ports.js';

/** Slack's window: a request more than this far from our clock (either way) is refused. */
export const REQUEST_WINDOW_MS = 5 * 60 * 1000;
/** A signature is remembered while a copy of its request could still be inside the window. */
const REPLAY_MEMORY_MS = 2 * REQUEST_WINDOW_MS;

export interface RequestGuardOptions {
  signingSecret: string;
  /** Where signatures already seen are kept (the shared store). */
  deliveries: DeliveryLedger;
  logger: Logger;
  /** The path Bolt receives Slack's requests on. */
  endpoint?: string;
  /** Real time (default `Date.now`), the clock Bolt's own staleness check uses. */
  now?: () => number;
}

/** Wraps the receiver's request listener; requests to other paths go straight through. */
export function guardRequests(listener: RequestListener, options: RequestGuardOptions): RequestListener {
  const endpoint = options.endpoint ?? '/slack/events';
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: 'request-guard' });

  const admit = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp * 1000 > now() + REQUEST_WINDOW_MS) {
      log.warn({ timestamp, aheadBySeconds: Math.round(timestamp - now() / 1000) }, 'refused a request timestamped more than five minutes in the future');
      HTTPModuleFunctions.buildNoBodyResponse(response, 401);
      return false;
    }
    try {
      await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ enabled: true, signingSecret: options.signingSecret }, request);
    } catch (error) {
      // The receiver answers what it cannot verify (401) or parse (413) itself, once the body is read.
      if (HTTPModuleFunctions.isBufferedIncomingMessage(request)) return true;
      log.warn({ err: error }, 'could not read a request body');
      HTTPModuleFunctions.buildNoBodyResponse(response, HTTPModuleFunctions.isRawBodyError(error) ? 413 : 400);
      return false;
    }
    const signature = request.headers['x-slack-signature'];
    // ssl_check requests are unsigned and carry nothing to answer.
    if (typeof signature !== 'string') return true;
    let first: boolean;
    try {
      first = await options.deliveries.claimOnce(`request:${signature}`, now(), REPLAY_MEMORY_MS);
    } catch (error) {
      log.error({ err: error }, 'could not check a request against those already handled (storage error); Slack will retry it');
      HTTPModuleFunctions.buildNoBodyResponse(response, 503);
      return false;
    }
    if (!first) {
      log.info({ timestamp }, 'dropped a replayed request (same signature already handled)');
      HTTPModuleFunctions.buildNoBodyResponse(response, 200);
      return false;
    }
    return true;
  };

  return (request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'POST' || path !== endpoint) {
      listener(request, response);
      return;
    }
    void (async () => {
      try {
        if (await admit(request, response)) listener(request, response);
      } catch (error) {
        log.error({ err: error }, 'request guard failed');
        if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 500);
      }
    })();
  };
}
