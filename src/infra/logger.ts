/**
 * Structured logs with pino. Secrets never reach the output: fields named like credentials are
 * censored by path, and every finished line is scrubbed of the known secret values (the tokens
 * and signing secret from the config) and of anything shaped like a Slack token, wherever they
 * appear (message, fields, child bindings, error messages and stacks).
 *
 * @example
 * const logger = createLogger({ level: 'info', secrets: secretsOf(config) });
 * const log = requestLogger(logger, { surface: 'command', user: 'U1' }); // adds a requestId
 */
import { randomBytes } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Exact secret values to scrub from every line (tokens, signing secret). */
  secrets?: readonly string[];
  /** Where lines go; stdout when omitted. Tests pass a stream they parse. */
  destination?: DestinationStream;
  /** Fields on every line. */
  base?: Record<string, unknown>;
}

export const REDACTED = '[redacted]';

/** Field paths censored whatever their value. */
const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'userToken',
  'signingSecret',
  'authorization',
  'password',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.userToken',
  '*.signingSecret',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
];

/** Slack token shapes: bot, user, app-level, config and refresh tokens. */
const SLACK_TOKEN_PATTERN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;

export function createLogger(options: LoggerOptions): Logger {
  const scrub = makeScrubber(options.secrets ?? []);
  const output = options.destination ?? pino.destination({ dest: 1, sync: true });
  // Every finished line is scrubbed, so nothing escapes: not messages, fields, child bindings or error stacks.
  const scrubbing: DestinationStream = { write: (line: string) => output.write(scrub(line)) };
  return pino(
    {
      level: options.level,
      base: { app: 'tesla', ...options.base },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    scrubbing,
  );
}

/** A short random id, printed in logs and shown to users with an apology. */
export function newRequestId(): string {
  return randomBytes(5).toString('hex');
}

/** A child logger for one incoming request; every line carries `requestId`. */
export function requestLogger(
  logger: Logger,
  fields: Record<string, unknown>,
  requestId: string = newRequestId(),
): { log: Logger; requestId: string } {
  return { log: logger.child({ requestId, ...fields }), requestId };
}

/** Returns a function that replaces every secret and token-shaped string in a line. */
function makeScrubber(secrets: readonly string[]): (line: string) => string {
  // JSON-escaped forms too, should a secret contain characters JSON escapes.
  const exact = [...new Set(secrets.filter((secret) => secret.length >= 6).flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))];
  return (line) => {
    let result = line;
    for (const secret of exact) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result.replace(SLACK_TOKEN_PATTERN, REDACTED);
  };
}
