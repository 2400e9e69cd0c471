/** `/tesla digest …` as typed, times and time zones, and the schedule math (croner). */
import { describe, expect, it } from 'vitest';
import {
  formatLocalTime,
  localDate,
  nextOccurrence,
  parseDigestCommand,
  parseTime,
  previousOccurrence,
  resolveTimeZone,
  runDateOf,
} from '../../../src/core/digest/index.js';

describe('parseDigestCommand', () => {
  it('reads on with time, zone, topic and --always in any usual form', () => {
    expect(parseDigestCommand('on')).toEqual({ kind: 'on', time: null, timeZone: null, topic: null, postWhenEmpty: false });
    expect(parseDigestCommand('on 7:30 europe/berlin battery recall')).toEqual({ kind: 'on', time: '07:30', timeZone: 'Europe/Berlin', topic: 'battery recall', postWhenEmpty: false });
    expect(parseDigestCommand('on UTC 9pm --always')).toEqual({ kind: 'on', time: '21:00', timeZone: 'UTC', topic: null, postWhenEmpty: true });
    expect(parseDigestCommand('ON cameras China')).toMatchObject({ kind: 'on', time: null, timeZone: null, topic: 'cameras China' });
    expect(parseDigestCommand('on 18 America/New_York')).toMatchObject({ time: '18:00', timeZone: 'America/New_York' });
  });

  it('reads off, status, now and help', () => {
    expect(parseDigestCommand('off')).toEqual({ kind: 'off' });
    expect(parseDigestCommand('status')).toEqual({ kind: 'status' });
    expect(parseDigestCommand('now')).toEqual({ kind: 'now' });
    expect(parseDigestCommand('')).toEqual({ kind: 'help' });
  });

  it('explains bad times, zones and words', () => {
    expect(parseDigestCommand('on 25:00')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('“25:00” is not a time of day') });
    expect(parseDigestCommand('on 9:75')).toMatchObject({ kind: 'invalid' });
    expect(parseDigestCommand('on 13pm')).toMatchObject({ kind: 'invalid' });
    expect(parseDigestCommand('on 09:00 Europe/Berlim')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Did you mean `Europe/Berlin`') });
    expect(parseDigestCommand('on cameras 09:00')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Put the time first') });
    expect(parseDigestCommand('weekly')).toMatchObject({ kind: 'invalid', message: expect.stringContaining("I don't know `digest weekly`") });
    expect(parseDigestCommand('off now')).toMatchObject({ kind: 'invalid' });
    expect(parseDigestCommand(`on ${'word '.repeat(60)}`)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('keep it under 200') });
  });

  it('normalizes times and zones', () => {
    expect(parseTime('9')).toEqual({ ok: true, time: '09:00' });
    expect(parseTime('12am')).toEqual({ ok: true, time: '00:00' });
    expect(parseTime('12:15pm')).toEqual({ ok: true, time: '12:15' });
    expect(parseTime('21h30')).toEqual({ ok: true, time: '21:30' });
    expect(resolveTimeZone('asia/TOKYO')).toBe('Asia/Tokyo');
    expect(resolveTimeZone('z')).toBe('UTC');
    expect(resolveTimeZone('Mars/Base')).toBeNull();
  });
});

describe('schedule', () => {
  const berlin = { time: '09:00', timeZone: 'Europe/Berlin' };

  it('finds the previous and next 09:00 in Berlin across the spring-forward change', () => {
    expect(new Date(previousOccurrence(berlin, Date.parse('2024-03-31T07:00:00Z'))).toISOString()).toBe('2024-03-31T07:00:00.000Z');
    expect(new Date(previousOccurrence(berlin, Date.parse('2024-03-31T06:59:59Z'))).toISOString()).toBe('2024-03-30T08:00:00.000Z');
    expect(new Date(nextOccurrence(berlin, Date.parse('2024-03-30T08:00:00Z'))).toISOString()).toBe('2024-03-31T07:00:00.000Z');
    expect(new Date(nextOccurrence(berlin, Date.parse('2024-10-26T12:00:00Z'))).toISOString()).toBe('2024-10-27T08:00:00.000Z');
  });

  it('dates a run by the local day and formats local times', () => {
    const ny = { time: '23:30', timeZone: 'America/New_York' };
    expect(runDateOf(ny, Date.parse('2024-03-26T03:30:00Z'))).toBe('2024-03-25');
    expect(localDate(Date.parse('2024-03-25T23:30:00Z'), 'Asia/Tokyo')).toBe('2024-03-26');
    expect(formatLocalTime(Date.parse('2024-03-31T07:00:00Z'), 'Europe/Berlin')).toBe('Sun 31 Mar 2024, 09:00');
  });
});
