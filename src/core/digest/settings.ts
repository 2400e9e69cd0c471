/**
 * Digest settings as people type them: `/tesla digest on [HH:MM] [time zone] [topic words…]
 * [--always]`, `off`, `status`, `now`. Times and time zones are checked here, with messages
 * that say what to type instead. Pure (time zones come from the runtime's `Intl`).
 *
 * @example
 * parseDigestCommand('on 7:30 europe/berlin battery recall')
 * // { kind: 'on', time: '07:30', timeZone: 'Europe/Berlin', topic: 'battery recall', postWhenEmpty: false }
 */

export const DEFAULT_DIGEST_TIME = '09:00';
/** The longest topic kept (in characters). */
export const MAX_TOPIC_LENGTH = 200;
/** The flag that asks for a "nothing new" line on quiet days. */
export const ALWAYS_FLAG = '--always';

export type DigestCommand =
  | { kind: 'on'; time: string | null; timeZone: string | null; topic: string | null; postWhenEmpty: boolean }
  | { kind: 'off' }
  | { kind: 'status' }
  | { kind: 'now' }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string };

/** Usage of `/tesla digest`, for help and error messages. */
export const DIGEST_USAGE =
  '`/tesla digest on [HH:MM] [time zone] [topic words…] [--always]` · `/tesla digest off` · `/tesla digest status` · `/tesla digest now` (a private preview)';

/** Parses what follows `digest`. */
export function parseDigestCommand(text: string): DigestCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [verb, ...rest] = words;
  switch (verb?.toLowerCase()) {
    case undefined:
    case 'help':
      return { kind: 'help' };
    case 'off':
    case 'stop':
    case 'unsubscribe':
      return rest.length === 0 ? { kind: 'off' } : { kind: 'invalid', message: `\`digest off\` takes nothing after it. ${usage()}` };
    case 'status':
      return { kind: 'status' };
    case 'now':
    case 'preview':
      return { kind: 'now' };
    case 'on':
    case 'subscribe':
      return parseOn(rest);
    default:
      return { kind: 'invalid', message: `I don't know \`digest ${verb}\`. ${usage()}` };
  }
}

function parseOn(words: string[]): DigestCommand {
  let postWhenEmpty = false;
  const remaining: string[] = [];
  for (const word of words) {
    if (word.toLowerCase() === ALWAYS_FLAG) postWhenEmpty = true;
    else remaining.push(word);
  }
  let time: string | null = null;
  let timeZone: string | null = null;
  // Time, then time zone, in either order, at the start; everything after is the topic.
  for (let i = 0; i < 2 && remaining.length > 0; i++) {
    const word = remaining[0]!;
    if (time === null && looksLikeTime(word)) {
      const parsed = parseTime(word);
      if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
      time = parsed.time;
      remaining.shift();
      continue;
    }
    if (timeZone === null && looksLikeTimeZone(word)) {
      const zone = resolveTimeZone(word);
      if (zone === null) return { kind: 'invalid', message: unknownTimeZoneMessage(word) };
      timeZone = zone;
      remaining.shift();
      continue;
    }
    break;
  }
  const misplaced = remaining.find((word) => looksLikeTime(word) && /\d[:.h]\d/.test(word));
  if (misplaced !== undefined) {
    return { kind: 'invalid', message: `Put the time first: \`/tesla digest on ${misplaced} …\`. ${usage()}` };
  }
  const topic = remaining.join(' ').trim();
  if (topic.length > MAX_TOPIC_LENGTH) {
    return { kind: 'invalid', message: `That topic is ${topic.length} characters long; keep it under ${MAX_TOPIC_LENGTH}.` };
  }
  return { kind: 'on', time, timeZone, topic: topic === '' ? null : topic, postWhenEmpty };
}

/** True for words that are meant as a time of day (`9`, `09:00`, `7.30`, `9am`, `21h30`). */
export function looksLikeTime(word: string): boolean {
  return /^\d{1,2}(?:[:.h]\d{1,2})?\s*(?:am|pm|h)?$/i.test(word) || /^\d{1,2}:\d*$/.test(word);
}

/** `HH:MM` (24-hour) from what a person typed, or why it is not a time. */
export function parseTime(text: string): { ok: true; time: string } | { ok: false; message: string } {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|h)?$/i.exec(text.trim());
  const bad = {
    ok: false as const,
    message: `“${text}” is not a time of day. Use 24-hour HH:MM, e.g. \`09:00\` or \`17:30\` (or \`9am\`, \`5:30pm\`).`,
  };
  if (match === null) return bad;
  let hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  const suffix = match[3]?.toLowerCase();
  if (suffix === 'am' || suffix === 'pm') {
    if (hours < 1 || hours > 12) return bad;
    hours = (hours % 12) + (suffix === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return bad;
  return { ok: true, time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** True for words meant as a time zone: `Area/City`, or a UTC/GMT name. */
export function looksLikeTimeZone(word: string): boolean {
  return word.includes('/') || /^(?:utc|gmt|z|zulu)$/i.test(word);
}

let zoneIndex: Map<string, string> | undefined;

function zones(): Map<string, string> {
  if (zoneIndex === undefined) {
    const names = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'GMT'];
    zoneIndex = new Map(names.map((name) => [name.toLowerCase(), name]));
  }
  return zoneIndex;
}

/** The canonical IANA name of a time zone (any case), or null when there is no such zone. */
export function resolveTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (/^(?:utc|z|zulu)$/i.test(trimmed)) return 'UTC';
  const known = zones().get(trimmed.toLowerCase());
  if (known !== undefined) return known;
  // Zones the runtime accepts but does not list (aliases such as Asia/Calcutta).
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Why a time zone was refused, with close names when there are some. */
export function unknownTimeZoneMessage(name: string): string {
  const lower = name.toLowerCase();
  const city = lower.split('/').at(-1) ?? lower;
  const close = [...zones().values()]
    .filter((zone) => zone.toLowerCase().split('/').at(-1)!.includes(city.slice(0, 4)) && city.length >= 3)
    .slice(0, 3);
  const hint = close.length > 0 ? ` Did you mean ${close.map((z) => `\`${z}\``).join(', ')}?` : '';
  return `“${name}” is not a time zone I know. Use an IANA name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.${hint}`;
}

/** `Tue 12 Mar 2024, 09:00` in `timeZone`. */
export function formatLocalTime(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
}

/** The local date `YYYY-MM-DD` of an instant in `timeZone`. */
export function localDate(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function usage(): string {
  return `Usage: ${DIGEST_USAGE}`;
}
