/**
 * One app instance as its own process, for the multi-instance end-to-end test: the real
 * `startBot` (config from the environment, so PostgreSQL when DATABASE_URL is set) and the real
 * signal handling of `npm start`, with digest timing shortened so a takeover is seen in seconds
 * (`TEST_STALE_CLAIM_MS`, `TEST_TICK_MS`). Tells its parent its port and instance id once ready.
 */
import { startBot, stopOnSignals } from '../../src/main.js';

const timing = (name: string): number | undefined => (process.env[name] === undefined ? undefined : Number(process.env[name]));

const bot = await startBot(process.env, {
  host: '127.0.0.1',
  ...(process.env['TEST_INSTANCE_ID'] === undefined ? {} : { instanceId: process.env['TEST_INSTANCE_ID'] }),
  digestTiming: {
    ...(timing('TEST_STALE_CLAIM_MS') === undefined ? {} : { staleClaimMs: timing('TEST_STALE_CLAIM_MS') }),
    ...(timing('TEST_TICK_MS') === undefined ? {} : { maxTickIntervalMs: timing('TEST_TICK_MS') }),
  },
});
stopOnSignals(bot);
process.send?.({ ready: true, port: bot.port, instanceId: bot.scheduler.instanceId });
