/**
 * Dates typed in follow-ups ("since May", "since 2021-05-01", "before last week"), parsed with
 * chrono-node into `YYYY-MM-DD` for the core's `since:`/`before:` filters.
 *
 * Dates without a year ("May", "3 May") are taken in the corpus's time: the latest such day on
 * or before the corpus's newest article (so "since May" in a 2021 corpus means 2021-05-01).
 * Dates with a year, and relative ones ("last week"), mean what they say.
 */
import * as chrono from 'chrono-node';

export type DateParseResult = { ok: true; date: string } | { ok: false; message: string };

export const DATE_FORMS_HELP = 'Try a date like `2021-05-01`, `May 2021`, `3 May` or `May`.';

/**
 * @param text what the user typed after "since"/"before"
 * @param corpusLatest the newest publication date in the corpus (`YYYY-MM-DD`), or null
 * @param now today, for relative dates
 */
export function parseDateInput(text: string, corpusLatest: string | null, now: Date = new Date()): DateParseResult {
  const input = text.trim().replace(/[.!?]+$/, '');
  if (input === '') return { ok: false, message: `I need a date. ${DATE_FORMS_HELP}` };
  if (/^\d{4}$/.test(input)) return validYear(Number(input), input);
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) {
    return isRealDay(input) ? { ok: true, date: input } : { ok: false, message: notADate(input) };
  }

  const [first] = chrono.parse(input, now, { forwardDate: false });
  if (first === undefined || !coversInput(input, first.index, first.text)) {
    return { ok: false, message: notADate(input) };
  }
  if (first.start.isCertain('year')) return { ok: true, date: isoDay(first.start.date()) };

  const reference = corpusLatest !== null && isRealDay(corpusLatest) ? localNoon(corpusLatest) : now;
  const [resolved] = chrono.parse(input, reference, { forwardDate: false });
  if (resolved === undefined) return { ok: false, message: notADate(input) };
  const date = resolved.start.date();
  if (date.getTime() > reference.getTime()) {
    // The latest such day not after the reference.
    if (resolved.start.isCertain('month')) date.setFullYear(date.getFullYear() - 1);
    else date.setDate(date.getDate() - 7);
  }
  return { ok: true, date: isoDay(date) };
}

function coversInput(input: string, index: number, matched: string): boolean {
  const rest = (input.slice(0, index) + input.slice(index + matched.length)).replace(/\b(?:the|of|on|in)\b/gi, '');
  return rest.replace(/[\s,.]/g, '') === '';
}

function validYear(year: number, input: string): DateParseResult {
  return year >= 1900 && year <= 2999 ? { ok: true, date: `${input}-01-01` } : { ok: false, message: notADate(input) };
}

function notADate(input: string): string {
  return `I couldn't read “${input}” as a date. ${DATE_FORMS_HELP}`;
}

function isRealDay(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

function localNoon(iso: string): Date {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 12);
}

function isoDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
