/**
 * When digests are due, with `croner` (a maintained cron library) doing the calendar work:
 * time zones, and days when clocks change. A time that does not exist on a spring-forward day
 * (02:30 in Berlin on the last Sunday of March) runs at the first valid minute after it; a time
 * that exists twice on a fall-back day runs once, at its first occurrence.
 *
 * @example
 * previousOccurrence({ time: '09:00', timeZone: 'Europe/Berlin' }, Date.parse('2024-03-31T12:00:00Z'))
 * // Date.parse('2024-03-31T07:00:00Z'): 09:00 summer time
 */
import { Cron } from 'croner';
import { localDate } from './settings.js';

/** A daily time in a time zone. */
export interface DailyTime {
  /** `HH:MM`, 24-hour. */
  time: string;
  timeZone: string;
}

const jobs = new Map<string, Cron>();

function jobOf(daily: DailyTime): Cron {
  const key = `${daily.time}|${daily.timeZone}`;
  let job = jobs.get(key);
  if (job === undefined) {
    const match = /^(\d{2}):(\d{2})$/.exec(daily.time);
    if (match === null) throw new Error(`digest schedule: "${daily.time}" is not HH:MM`);
    // A paused job only computes times; it never runs anything.
    job = new Cron(`0 ${Number(match[2])} ${Number(match[1])} * * *`, { timezone: daily.timeZone, paused: true });
    if (jobs.size > 1_000) jobs.clear();
    jobs.set(key, job);
  }
  return job;
}

/** The latest scheduled instant at or before `at`. */
export function previousOccurrence(daily: DailyTime, at: number): number {
  const [previous] = jobOf(daily).previousRuns(1, new Date(at + 1));
  if (previous === undefined) throw new Error(`digest schedule: no occurrence of ${daily.time} ${daily.timeZone} before ${new Date(at).toISOString()}`);
  return previous.getTime();
}

/** The first scheduled instant after `at`. */
export function nextOccurrence(daily: DailyTime, at: number): number {
  const next = jobOf(daily).nextRun(new Date(at));
  if (next === null) throw new Error(`digest schedule: no occurrence of ${daily.time} ${daily.timeZone} after ${new Date(at).toISOString()}`);
  return next.getTime();
}

/** The local date a scheduled instant belongs to: one digest per channel per local day. */
export function runDateOf(daily: DailyTime, scheduledFor: number): string {
  return localDate(scheduledFor, daily.timeZone);
}

/** How far back a digest looks when a channel has had none since it was turned on: one day. */
export const FIRST_DIGEST_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/**
 * Where a channel's next digest period starts (articles first indexed after it are new): after
 * the last digest delivered, but never earlier than a day before the subscription was (last)
 * turned on, so a new subscription's first digest covers the last 24 hours, as a preview does.
 * Without a subscription (a preview), `enabledAt` is now.
 */
export function digestPeriodStart(lastDeliveredEnd: number | undefined, enabledAt: number): number {
  return Math.max(lastDeliveredEnd ?? Number.NEGATIVE_INFINITY, enabledAt - FIRST_DIGEST_LOOKBACK_MS);
}
