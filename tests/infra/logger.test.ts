import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, requestLogger } from '../../src/infra/logger.js';
import { LogFeedbackSink } from '../../src/infra/logFeedbackSink.js';
import { MemoryState } from '../../src/infra/storage/memory.js';
import { captureLogs } from '../helpers/logCapture.js';

const BOT = 'xoxb-1234567890-abcdefghijklmnop';
const SECRET = '8f14e45fceea167a5a36dedd4bea2543';

describe('logger', () => {
  it('redacts configured secrets and token-shaped strings wherever they appear', () => {
    const sink = captureLogs();
    const logger = createLogger({ level: 'info', secrets: [BOT, SECRET], destination: sink });
    logger.info({ token: 'anything', botToken: BOT, nested: { deeper: [`Bearer ${BOT}`], signingSecret: SECRET } }, `calling with ${BOT}`);
    logger.info({ headers: { authorization: `Bearer ${BOT}` } }, 'headers');
    logger.error({ err: new Error(`auth failed for ${BOT} with secret ${SECRET}`) }, 'failed');
    logger.warn({ unrelated: 'xoxp-9999-user-token-found-in-text', app: 'xapp-1-A1-2-abc' }, 'stray tokens');
    logger.child({ botToken: BOT, secretInBinding: SECRET }).info('child');

    const text = sink.text();
    expect(text).not.toContain(BOT);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/xox[bp]-|xapp-/);
    const [first] = sink.lines;
    expect(first).toMatchObject({ token: REDACTED, botToken: REDACTED, msg: `calling with ${REDACTED}` });
    expect(sink.lines[2]?.['err']).toMatchObject({ message: `auth failed for ${REDACTED} with secret ${REDACTED}` });
  });

  it('gives each request a child logger with a request id', () => {
    const sink = captureLogs();
    const logger = createLogger({ level: 'info', destination: sink });
    const first = requestLogger(logger, { user: 'U1' });
    const second = requestLogger(logger, { user: 'U2' });
    first.log.info('one');
    second.log.info('two');
    expect(first.requestId).toMatch(/^[0-9a-f]{10}$/);
    expect(first.requestId).not.toBe(second.requestId);
    expect(sink.lines[0]).toMatchObject({ requestId: first.requestId, user: 'U1', msg: 'one' });
    expect(sink.lines[1]).toMatchObject({ requestId: second.requestId, user: 'U2' });
  });

  it('respects the level', () => {
    const sink = captureLogs();
    const logger = createLogger({ level: 'warn', destination: sink });
    logger.info('hidden');
    logger.warn('shown');
    expect(sink.lines.map((line) => line['msg'])).toEqual(['shown']);
  });

  it('writes feedback as one structured line', async () => {
    const sink = captureLogs();
    const feedback = new LogFeedbackSink(createLogger({ level: 'info', destination: sink }), new MemoryState({ now: Date.now }).feedback);
    await feedback.record({ vote: 'up', answerKey: 'q d:1-2', teamId: 'T1', userId: 'U1', channelId: 'C1', question: 'q', excerpts: ['d:1-2'], at: new Date('2021-05-26T00:00:00Z') });
    expect(sink.lines[0]).toMatchObject({ msg: 'feedback up recorded', outcome: 'recorded', feedback: { vote: 'up', userId: 'U1', question: 'q', excerpts: ['d:1-2'], at: '2021-05-26T00:00:00.000Z' } });
  });
});
