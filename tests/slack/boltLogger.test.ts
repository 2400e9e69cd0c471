import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { boltLogger } from '../../src/slack/boltLogger.js';
import { slackErrorDetails } from '../../src/slack/slackCalls.js';
import { captureLogs } from '../helpers/logCapture.js';

describe('boltLogger', () => {
  it('sends Bolt’s messages to pino as structured, redacted lines', () => {
    const sink = captureLogs();
    const logger = boltLogger(createLogger({ level: 'debug', destination: sink, secrets: ['xoxb-secret-token-123'] }));
    logger.info('started', { port: 3000 });
    logger.error(new Error('failed with xoxb-secret-token-123'));
    logger.setName('receiver');
    logger.warn('named');
    expect(sink.lines[0]).toMatchObject({ level: 30, component: 'bolt', msg: 'started {"port":3000}' });
    expect(sink.lines[1]).toMatchObject({ level: 50, msg: 'failed with [redacted]', err: { message: 'failed with [redacted]' } });
    expect(sink.lines[2]).toMatchObject({ level: 40, component: 'receiver', msg: 'named' });
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
  });
});

describe('slackErrorDetails', () => {
  it('reads Slack’s error code from platform errors and the client’s code otherwise', () => {
    expect(slackErrorDetails(Object.assign(new Error('An API error occurred: channel_not_found'), { code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } }))).toEqual({
      slackError: 'channel_not_found',
      code: 'slack_webapi_platform_error',
    });
    expect(slackErrorDetails(Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error' }))).toMatchObject({ slackError: 'ratelimited' });
    expect(slackErrorDetails(Object.assign(new Error('Failed to respond'), { code: 'slack_bolt_respond_error', statusCode: 404 }))).toEqual({
      slackError: 'slack_bolt_respond_error',
      code: 'slack_bolt_respond_error',
      status: 404,
    });
    expect(slackErrorDetails('weird')).toEqual({ slackError: 'unknown' });
  });
});
