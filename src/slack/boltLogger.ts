/** Bolt's logger interface on top of pino, so Bolt's own messages are structured and redacted too. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

export function boltLogger(logger: Logger): BoltLogger {
  let log = logger.child({ component: 'bolt' });
  let level: LogLevel = toBoltLevel(logger.level);
  const write = (method: 'debug' | 'info' | 'warn' | 'error', messages: unknown[]) => {
    const errors = messages.filter((message): message is Error => message instanceof Error);
    const text = messages
      .filter((message) => !(message instanceof Error))
      .map((message) => (typeof message === 'string' ? message : safeJson(message)))
      .join(' ');
    if (errors[0] !== undefined) log[method]({ err: errors[0] }, text || errors[0].message);
    else log[method](text);
  };
  return {
    debug: (...messages: unknown[]) => write('debug', messages),
    info: (...messages: unknown[]) => write('info', messages),
    warn: (...messages: unknown[]) => write('warn', messages),
    error: (...messages: unknown[]) => write('error', messages),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (name: string) => {
      log = logger.child({ component: name });
    },
  };
}

function toBoltLevel(level: string): LogLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
