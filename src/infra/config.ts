/**
 * Configuration of the Slack app, parsed once from the environment with zod.
 *
 * A missing or malformed variable stops start-up with one {@link ConfigError} that lists
 * every problem and says where to get each value. Secret values are never echoed back.
 *
 * With no Slack variable at all (a fresh clone), the app runs in **local mode**: the playground
 * (`src/playground`) plays Slack's side on `PORT`. A partial Slack configuration (a bot token
 * without an app token or signing secret, say) is a mistake, and still stops start-up.
 *
 * @example
 * const config = loadConfig(process.env);
 * if (config.slack.mode === 'socket') { ... }
 * const playground = loadConfig(process.env, { local: true }); // `npm run playground`
 */
import { z } from 'zod';
import { resolveTimeZone } from '../core/digest/settings.js';
import { DEFAULT_MAX_FILE_MB, isHttpUrl } from '../core/index.js';

/** Pino log levels accepted by `LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Socket Mode: Slack is reached over a websocket opened with the app-level token. */
export interface SocketModeSlackConfig {
  mode: 'socket';
  botToken: string;
  appToken: string;
  /** Optional in Socket Mode; kept so that secrets can be redacted from logs. */
  signingSecret: string | null;
  /** Port for `GET /healthz` (Socket Mode needs no inbound port otherwise). */
  port: number;
}

/** HTTP mode: Slack posts to `POST /slack/events`, verified with the signing secret. */
export interface HttpModeSlackConfig {
  mode: 'http';
  botToken: string;
  signingSecret: string;
  port: number;
}

/** A real Slack workspace: Socket Mode or HTTP mode. */
export type SlackConfig = SocketModeSlackConfig | HttpModeSlackConfig;

/**
 * Local mode: no Slack workspace. The playground serves a page shaped like a Slack channel on
 * `port` and plays Slack's side (payloads in, Web API out) for the same Bolt app.
 */
export interface LocalModeConfig {
  mode: 'local';
  port: number;
  /** `unconfigured`: no Slack variable is set; `requested`: local mode was asked for (`npm run playground`). */
  reason: 'unconfigured' | 'requested';
  /** Names (never values) of Slack variables that are set but ignored in requested local mode. */
  ignored: string[];
}

export interface Config {
  slack: SlackConfig | LocalModeConfig;
  /** Web API base URL, always ending in `/` (Slack's own unless `SLACK_API_URL` says otherwise). */
  slackApiUrl: string;
  corpusDir: string;
  dataDir: string;
  /**
   * PostgreSQL shared by several instances (`DATABASE_URL`); null: SQLite in `dataDir`. Not used
   * in local mode (the playground keeps its state in memory).
   */
  databaseUrl: string | null;
  /** Corpus files larger than this many MB are skipped with a warning (`MAX_FILE_MB`, default 5). */
  maxFileMB: number;
  logLevel: LogLevel;
  /** Time zone of digests when the user states none and Slack does not tell theirs (`DIGEST_TZ`, default UTC). */
  digestTimeZone: string;
}

/** Thrown by {@link loadConfig}; `problems` holds one line per bad or missing variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], hint?: string) {
    super(
      `config: the Slack app cannot start; fix these environment variables (in .env or the shell):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        (hint === undefined ? '' : `\n${hint}`),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';


/** Where a team finds each value; appended to every problem with that variable. */
const WHERE_TO_GET: Record<string, string> = {
  SLACK_BOT_TOKEN:
    'get it at https://api.slack.com/apps → your app → OAuth & Permissions → "Bot User OAuth Token" (install the app to the workspace first)',
  SLACK_APP_TOKEN:
    'get it at https://api.slack.com/apps → your app → Basic Information → App-Level Tokens → generate one with the scope connections:write',
  SLACK_SIGNING_SECRET:
    'get it at https://api.slack.com/apps → your app → Basic Information → App Credentials → "Signing Secret"',
  PORT: 'use a whole number from 0 to 65535 (default 3000)',
  SLACK_API_URL: 'leave it unset to use https://slack.com/api/; tests point it at a local fake',
  LOG_LEVEL: `use one of ${LOG_LEVELS.join(', ')} (default info)`,
  CORPUS_DIR: 'a folder of articles (default seeds)',
  DATA_DIR: 'a folder for state (default data)',
  DATABASE_URL: 'use postgres://user:password@host:5432/database, or leave it unset to keep state in SQLite under DATA_DIR',
  MAX_FILE_MB: 'use a number of megabytes greater than 0, such as 5 (the default) or 20',
  DIGEST_TZ: 'use an IANA time zone name such as Europe/Berlin or America/New_York (default UTC)',
};

/** The variables that configure a Slack workspace; with none of them set, the app runs locally. */
export const SLACK_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL'] as const;

export interface LoadConfigOptions {
  /** Local mode whatever the Slack variables say (`npm run playground`); they are then ignored. */
  local?: boolean;
}

/** Treats unset and blank the same: `FOO=` in a .env file means "not set". */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

function token(prefix: string) {
  return optionalText.refine((value) => value === undefined || (value.startsWith(prefix) && value.length > prefix.length + 8), {
    message: `does not look like a token starting with "${prefix}" (the value is not shown)`,
  });
}

const maxFileMBSchema = optionalText
  .refine((value) => value === undefined || (/^\d+(\.\d+)?$/.test(value) && Number(value) > 0), { message: 'is not a number of megabytes greater than 0' })
  .transform((value) => (value === undefined ? DEFAULT_MAX_FILE_MB : Number(value)));

/**
 * `MAX_FILE_MB` alone (the command-line tools read no other setting of the app's).
 *
 * @throws ConfigError when it is not a number of megabytes greater than 0
 */
export function readMaxFileMB(env: Readonly<Record<string, string | undefined>>): number {
  const parsed = maxFileMBSchema.safeParse(env['MAX_FILE_MB']);
  if (!parsed.success) throw new ConfigError([describe('MAX_FILE_MB', parsed.error.issues[0]?.message ?? 'is not valid')]);
  return parsed.data;
}

const envSchema = z.object({
  SLACK_BOT_TOKEN: token('xoxb-'),
  SLACK_APP_TOKEN: token('xapp-'),
  SLACK_SIGNING_SECRET: optionalText.refine((value) => value === undefined || /^\S{8,}$/.test(value), {
    message: 'is too short or contains spaces (the value is not shown)',
  }),
  PORT: optionalText
    .refine((value) => value === undefined || /^\d{1,5}$/.test(value), { message: 'is not a whole number' })
    .transform((value) => (value === undefined ? 3000 : Number(value)))
    .refine((port) => port >= 0 && port <= 65535, { message: 'is out of range' }),
  SLACK_API_URL: optionalText
    .refine((value) => value === undefined || isHttpUrl(value), { message: 'is not an http(s) URL' })
    .transform((value) => (value === undefined ? DEFAULT_SLACK_API_URL : value.endsWith('/') ? value : `${value}/`)),
  CORPUS_DIR: optionalText.transform((value) => value ?? 'seeds'),
  DATA_DIR: optionalText.transform((value) => value ?? 'data'),
  DATABASE_URL: optionalText
    .refine((value) => value === undefined || isPostgresUrl(value), { message: 'is not a postgres:// URL (the value is not shown)' })
    .transform((value) => value ?? null),
  MAX_FILE_MB: maxFileMBSchema,
  DIGEST_TZ: optionalText
    .refine((value) => value === undefined || resolveTimeZone(value) !== null, { message: 'is not a time zone' })
    .transform((value) => (value === undefined ? 'UTC' : (resolveTimeZone(value) as string))),
  LOG_LEVEL: optionalText
    .transform((value) => value?.toLowerCase())
    .refine((value) => value === undefined || (LOG_LEVELS as readonly string[]).includes(value), {
      message: 'is not a log level',
    })
    .transform((value) => (value ?? 'info') as LogLevel),
});

/** Local mode reads everything but the Slack variables. */
const localSchema = envSchema.omit({ SLACK_BOT_TOKEN: true, SLACK_APP_TOKEN: true, SLACK_SIGNING_SECRET: true, SLACK_API_URL: true });

/** One line per zod issue, naming the variable and where to get a good value. */
function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => describe(String(issue.path[0] ?? 'environment'), issue.message));
}

/**
 * Parses the environment once. Throws {@link ConfigError} listing every problem at once.
 *
 * Mode: local when no Slack variable is set (or `options.local`), else Socket Mode when
 * `SLACK_APP_TOKEN` is set, else HTTP mode on `PORT` with `SLACK_SIGNING_SECRET`.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, options: LoadConfigOptions = {}): Config {
  const raw = (name: string) => (env[name] ?? '').trim();
  const slackVariablesSet = SLACK_VARIABLES.filter((name) => raw(name) !== '');
  const local = options.local === true || slackVariablesSet.length === 0;
  if (local) {
    // The Slack variables are not used in local mode, so only the others are checked.
    const parsedLocal = localSchema.safeParse(env);
    if (!parsedLocal.success) throw new ConfigError(dedupe(problemsOf(parsedLocal.error)));
    return {
      slack: {
        mode: 'local',
        port: parsedLocal.data.PORT,
        reason: slackVariablesSet.length === 0 ? 'unconfigured' : 'requested',
        ignored: [...slackVariablesSet],
      },
      ...sharedSettings({ ...parsedLocal.data, SLACK_API_URL: DEFAULT_SLACK_API_URL }),
    };
  }
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : problemsOf(parsed.error);
  // Cross-field rules are checked on the raw values too, so that one run reports everything.
  if (raw('SLACK_BOT_TOKEN') === '') {
    problems.push(describe('SLACK_BOT_TOKEN', 'is not set'));
  }
  if (raw('SLACK_APP_TOKEN') === '' && raw('SLACK_SIGNING_SECRET') === '') {
    problems.push(
      'SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are both unset: set SLACK_APP_TOKEN for Socket Mode (' +
        `${WHERE_TO_GET['SLACK_APP_TOKEN']}), or SLACK_SIGNING_SECRET for HTTP mode (${WHERE_TO_GET['SLACK_SIGNING_SECRET']})`,
    );
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigError(
      dedupe(problems),
      `(${slackVariablesSet.join(', ')} ${slackVariablesSet.length === 1 ? 'is' : 'are'} set, so this is meant for a real Slack workspace. ` +
        'To try the bot without Slack instead, unset every SLACK_ variable, or run `npm run playground`.)',
    );
  }

  const values = parsed.data;
  // Both guaranteed by the checks above.
  const botToken = values.SLACK_BOT_TOKEN as string;
  const slack: SlackConfig =
    values.SLACK_APP_TOKEN !== undefined
      ? {
          mode: 'socket',
          botToken,
          appToken: values.SLACK_APP_TOKEN,
          signingSecret: values.SLACK_SIGNING_SECRET ?? null,
          port: values.PORT,
        }
      : { mode: 'http', botToken, signingSecret: values.SLACK_SIGNING_SECRET as string, port: values.PORT };

  return { slack, ...sharedSettings(values) };
}

/** Everything but the Slack workspace: the same in every mode. */
function sharedSettings(
  values: Pick<z.infer<typeof envSchema>, 'SLACK_API_URL' | 'CORPUS_DIR' | 'DATA_DIR' | 'DATABASE_URL' | 'MAX_FILE_MB' | 'LOG_LEVEL' | 'DIGEST_TZ'>,
): Omit<Config, 'slack'> {
  return {
    slackApiUrl: values.SLACK_API_URL,
    corpusDir: values.CORPUS_DIR,
    dataDir: values.DATA_DIR,
    databaseUrl: values.DATABASE_URL,
    maxFileMB: values.MAX_FILE_MB,
    logLevel: values.LOG_LEVEL,
    digestTimeZone: values.DIGEST_TZ,
  };
}

/** Every secret value in a config, for log redaction (in local mode only a database password: the playground makes up its own Slack secrets). */
export function secretsOf(config: Config): string[] {
  const { slack } = config;
  const databasePassword = config.databaseUrl === null ? '' : passwordOf(config.databaseUrl);
  const secrets = databasePassword === '' ? [] : [databasePassword];
  if (slack.mode === 'local') return secrets;
  secrets.push(slack.botToken);
  if (slack.mode === 'socket') {
    secrets.push(slack.appToken);
    if (slack.signingSecret !== null) secrets.push(slack.signingSecret);
  } else {
    secrets.push(slack.signingSecret);
  }
  return secrets;
}

/** What is safe to log about a config: the mode and settings, never a secret. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    mode: config.slack.mode,
    port: config.slack.port,
    ...(config.slack.mode === 'local' && config.slack.ignored.length > 0 ? { ignoredSlackVariables: config.slack.ignored } : {}),
    slackApiUrl: config.slackApiUrl,
    corpusDir: config.corpusDir,
    dataDir: config.dataDir,
    storage: config.slack.mode === 'local' ? 'memory (local mode)' : config.databaseUrl === null ? 'sqlite' : `postgresql ${redactUrl(config.databaseUrl)}`,
    maxFileMB: config.maxFileMB,
    logLevel: config.logLevel,
    digestTimeZone: config.digestTimeZone,
  };
}

function describe(name: string, problem: string): string {
  const where = WHERE_TO_GET[name];
  return where === undefined ? `${name} ${problem}` : `${name} ${problem}; ${where}`;
}


function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function passwordOf(databaseUrl: string): string {
  try {
    return decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    return '';
  }
}

/** A database URL without its password, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}
