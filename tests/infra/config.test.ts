import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SLACK_API_URL, describeConfig, loadConfig, readMaxFileMB, secretsOf } from '../../src/infra/config.js';

const BOT = 'xoxb-1234567890-abcdefghijkl';
const APP = 'xapp-1-A123-4567-abcdefabcdef';
const SECRET = '8f14e45fceea167a5a36dedd4bea2543';

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('chooses HTTP mode with a signing secret, with defaults for the rest', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toEqual({
      slack: { mode: 'http', botToken: BOT, signingSecret: SECRET, port: 3000 },
      slackApiUrl: DEFAULT_SLACK_API_URL,
      corpusDir: 'seeds',
      dataDir: 'data',
      databaseUrl: null,
      maxFileMB: 5,
      logLevel: 'info',
      digestTimeZone: 'UTC',
    });
  });

  it('reads MAX_FILE_MB (the size limit of corpus files) and refuses a value that is not a positive number', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, MAX_FILE_MB: '20' }).maxFileMB).toBe(20);
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, MAX_FILE_MB: '0.5' }).maxFileMB).toBe(0.5);
    for (const bad of ['0', '-1', 'five', '5MB']) {
      expect(() => loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, MAX_FILE_MB: bad })).toThrow(/MAX_FILE_MB is not a number of megabytes greater than 0/);
    }
    expect(readMaxFileMB({})).toBe(5);
    expect(() => readMaxFileMB({ MAX_FILE_MB: 'lots' })).toThrow(/MAX_FILE_MB/);
  });

  it('reads DIGEST_TZ as a canonical time zone and refuses one that does not exist', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, DIGEST_TZ: 'europe/berlin' }).digestTimeZone).toBe('Europe/Berlin');
    expect(() => loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, DIGEST_TZ: 'Mars/Olympus_Mons' })).toThrow(/DIGEST_TZ is not a time zone; use an IANA time zone name/);
  });

  it('chooses Socket Mode when an app-level token is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, PORT: '8080' });
    expect(config.slack).toEqual({ mode: 'socket', botToken: BOT, appToken: APP, signingSecret: null, port: 8080 });
  });

  it('reads every variable, normalizing the API URL and log level', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: '0',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      CORPUS_DIR: '/srv/corpus',
      DATA_DIR: '/srv/data',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({ slackApiUrl: 'http://127.0.0.1:9999/api/', corpusDir: '/srv/corpus', dataDir: '/srv/data', logLevel: 'debug' });
    expect(config.slack.port).toBe(0);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: '  ', PORT: '' }).slack).toMatchObject({ mode: 'http', port: 3000 });
  });

  it('lists every problem at once, each saying where to get the value', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user-token-not-a-bot', PORT: '70000', LOG_LEVEL: 'loud', SLACK_API_URL: 'ftp://x' });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN does not look like a token starting with "xoxb-".*OAuth & Permissions/);
    expect(problems.join('\n')).toMatch(/PORT is out of range/);
    expect(problems.join('\n')).toMatch(/SLACK_API_URL is not an http\(s\) URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL is not a log level; use one of fatal, error/);
    expect(problems.join('\n')).toMatch(/SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are both unset.*connections:write.*Signing Secret/);
  });

  it('runs in local mode when no Slack variable is set at all (blank counts as unset)', () => {
    expect(loadConfig({}).slack).toEqual({ mode: 'local', port: 3000, reason: 'unconfigured', ignored: [] });
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', PORT: '4000', DATA_DIR: '/tmp/x' })).toMatchObject({
      slack: { mode: 'local', port: 4000, reason: 'unconfigured' },
      dataDir: '/tmp/x',
    });
    expect(secretsOf(loadConfig({}))).toEqual([]);
  });

  it('still checks the other variables in local mode', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT is not a whole number[\s\S]*LOG_LEVEL is not a log level/);
  });

  it('stops on a partial Slack configuration with one message listing what is missing', () => {
    let message = '';
    try {
      loadConfig({ SLACK_BOT_TOKEN: BOT });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^config: the Slack app cannot start/);
    expect(message).toContain('SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are both unset');
    expect(message).toContain('npm run playground');
    expect(message).not.toContain(BOT);
    expect(problemsOf({ SLACK_SIGNING_SECRET: SECRET })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN is not set/)]);
    expect(problemsOf({ SLACK_API_URL: 'http://127.0.0.1:9/api/' })).toHaveLength(2);
  });

  it('runs in local mode when asked, ignoring (and naming, never showing) the Slack variables', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'not-a-token', PORT: '0' }, { local: true });
    expect(config.slack).toEqual({ mode: 'local', port: 0, reason: 'requested', ignored: ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'] });
    expect(JSON.stringify(describeConfig(config))).not.toContain(BOT);
    expect(describeConfig(config)).toMatchObject({ mode: 'local', ignoredSlackVariables: ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'] });
  });

  it('never repeats a secret in its messages', () => {
    const badToken = 'xoxp-very-secret-user-token-value';
    const badApp = 'xoxa-secret-app-value';
    const message = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: badToken, SLACK_APP_TOKEN: badApp, SLACK_SIGNING_SECRET: 'a b' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).not.toContain(badToken);
    expect(message).not.toContain(badApp);
    expect(message).toContain('SLACK_SIGNING_SECRET is too short or contains spaces');
  });

  it('names the secrets for redaction and describes the config without them', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET });
    expect(secretsOf(config).sort()).toEqual([APP, BOT, SECRET].sort());
    expect(JSON.stringify(describeConfig(config))).not.toMatch(/xox|xapp|8f14e45/);
  });

  it('keeps state in SQLite by default, and in PostgreSQL with DATABASE_URL, whose password is a secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }).databaseUrl).toBeNull();
    const url = 'postgres://tesla:p%40ss-w0rd@db.internal:5432/tesla';
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, DATABASE_URL: ` ${url} ` });
    expect(config.databaseUrl).toBe(url);
    expect(secretsOf(config)).toContain('p@ss-w0rd');
    expect(describeConfig(config)).toMatchObject({ storage: 'postgresql postgres://tesla:***@db.internal:5432/tesla' });
    expect(JSON.stringify(describeConfig(config))).not.toContain('w0rd');
  });

  it('refuses a DATABASE_URL that is not a postgres:// URL, without showing it', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, DATABASE_URL: 'mysql://root:hunter2@db/tesla' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL is not a postgres:\/\/ URL .*postgres:\/\/user:password@host:5432\/database/);
    expect(problems.join()).not.toContain('hunter2');
  });
});
