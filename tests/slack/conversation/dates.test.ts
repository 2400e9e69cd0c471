import { describe, expect, it } from 'vitest';
import { parseDateInput } from '../../../src/slack/conversation/dates.js';

const now = new Date(2025, 2, 10, 12); // 10 March 2025

describe('parseDateInput', () => {
  it('reads explicit dates as they are', () => {
    expect(parseDateInput('2021-05-01', null, now)).toEqual({ ok: true, date: '2021-05-01' });
    expect(parseDateInput('May 3rd, 2021', null, now)).toEqual({ ok: true, date: '2021-05-03' });
    expect(parseDateInput('May 2021', null, now)).toEqual({ ok: true, date: '2021-05-01' });
    expect(parseDateInput('2021', null, now)).toEqual({ ok: true, date: '2021-01-01' });
  });

  it('takes dates without a year in the corpus’s time', () => {
    expect(parseDateInput('May', '2021-05-26', now)).toEqual({ ok: true, date: '2021-05-01' });
    expect(parseDateInput('3 May', '2021-05-26', now)).toEqual({ ok: true, date: '2021-05-03' });
    // June has not come yet in a corpus ending in May 2021: the June before.
    expect(parseDateInput('June', '2021-05-26', now)).toEqual({ ok: true, date: '2020-06-01' });
    // Without dated articles, the present is the reference.
    expect(parseDateInput('January', null, now)).toEqual({ ok: true, date: '2025-01-01' });
  });

  it('reads relative dates against today', () => {
    expect(parseDateInput('yesterday', '2021-05-26', now)).toEqual({ ok: true, date: '2025-03-09' });
  });

  it('explains what it accepts when it cannot read a date', () => {
    for (const input of ['the flood', '2021-02-30', '', 'May and then some']) {
      const result = parseDateInput(input, null, now);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/2021-05-01/);
    }
  });
});
