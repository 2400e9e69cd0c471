/**
 * Strict date reading for metadata lines and filters. Dates are ISO `YYYY-MM-DD` strings,
 * which compare correctly as strings.
 */

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return null;
  const index = MONTHS.findIndex((month) => month.startsWith(lower) && (lower.length >= 3));
  return index === -1 ? null : index + 1;
}

/** `YYYY-MM-DD` for a valid calendar date, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Finds the first full date in a text: `2021-05-26`, `May 26, 2021`, `26 May 2021`,
 * `Wednesday, 26 May 2021`. Returns `YYYY-MM-DD`, or null when the text states no full date.
 *
 * @example findDate('Published: May 26, 2021, 3:19 PM') === '2021-05-26'
 */
export function findDate(text: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthFirst = /\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/.exec(text);
  if (monthFirst) {
    const month = monthNumber(monthFirst[1]!);
    if (month) return isoDate(Number(monthFirst[3]), month, Number(monthFirst[2]));
  }
  const dayFirst = /\b(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})\b/.exec(text);
  if (dayFirst) {
    const month = monthNumber(dayFirst[2]!);
    if (month) return isoDate(Number(dayFirst[3]), month, Number(dayFirst[1]));
  }
  return null;
}

/**
 * Reads a date given by a user or a metadata field: `2021-05-01`, `2021-05` (first of the
 * month), `2021` (first of the year), or any form {@link findDate} reads. Null if none.
 */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  const yearMonth = /^(\d{4})-(\d{1,2})$/.exec(trimmed);
  if (yearMonth) return isoDate(Number(yearMonth[1]), Number(yearMonth[2]), 1);
  if (/^\d{4}$/.test(trimmed)) return isoDate(Number(trimmed), 1, 1);
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(trimmed);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  return findDate(trimmed);
}
