/**
 * Structured logs with pino. Secrets never reach the output: known secret values (the tokens
 * and signing secret from the config) and anything shaped like a Slack token are replaced by
 * `[redacted]` wherever they appear (message, fields, nested objects, error messages), and
 * fields named like credentials are censored by path.
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
  return pino(
    {
      level: options.level,
      base: { app: 'tesla', ...options.base },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: (error: unknown) => scrub(pino.stdSerializers.err(error as Error)) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrub(arg)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log: (object) => scrub(object) as Record<string, unknown>,
        bindings: (bindings) => scrub(bindings) as Record<string, unknown>,
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
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

/**
 * Returns a function that deep-copies a value with every secret and token-shaped string
 * replaced. Cycles are cut; class instances other than plain objects, arrays and errors are kept as is.
 */
function makeScrubber(secrets: readonly string[]): (value: unknown) => unknown {
  const exact = secrets.filter((secret) => secret.length >= 6);
  const scrubString = (text: string): string => {
    let result = text;
    for (const secret of exact) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result.replace(SLACK_TOKEN_PATTERN, REDACTED);
  };
  const visit = (value: unknown, seen: WeakSet<object>, depth: number): unknown => {
    if (typeof value === 'string') return scrubString(value);
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => visit(item, seen, depth + 1));
    if (value instanceof Error) {
      const copy = new Error(scrubString(value.message));
      copy.name = value.name;
      copy.stack = value.stack === undefined ? undefined : scrubString(value.stack);
      for (const [key, item] of Object.entries(value)) {
        (copy as unknown as Record<string, unknown>)[key] = visit(item, seen, depth + 1);
      }
      return copy;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = visit(item, seen, depth + 1);
    return copy;
  };
  return (value) => visit(value, new WeakSet(), 0);
}
