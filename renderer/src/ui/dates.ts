// Dates as a clerk types and reads them: day first ("01/12/2026" is 1 December), month names in
// Indonesian or English ("1 Des 2026", "Desember 2026"), and partial knowledge kept as it is (a
// letter number that says only 2025 gives the date "2025", never an invented 1 January).
// Values travel as ISO 8601 calendar dates: YYYY-MM-DD, or YYYY-MM / YYYY where partial dates
// are allowed. No Date objects: a time zone must never move a day.

const MONTHS: Record<string, number> = {};
(
  [
    ['januari', 'jan', 'january'],
    ['februari', 'feb', 'pebruari', 'peb', 'february'],
    ['maret', 'mar', 'march'],
    ['april', 'apr'],
    ['mei', 'may'],
    ['juni', 'jun', 'june'],
    ['juli', 'jul', 'july'],
    ['agustus', 'agu', 'agt', 'ags', 'aug', 'august'],
    ['september', 'sep', 'sept'],
    ['oktober', 'okt', 'oct', 'october'],
    ['november', 'nov', 'nop', 'nopember'],
    ['desember', 'des', 'dec', 'december'],
  ] as const
).forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

export type DateParse = { ok: true; value: string | null } | { ok: false; reason: 'format' | 'invalid' | 'partial' };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** A two-digit year is this century unless that would be more than a year ahead. */
function fullYear(text: string, todayYear: number): number {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  const century = Math.floor(todayYear / 100) * 100;
  return century + yy > todayYear + 1 ? century - 100 + yy : century + yy;
}

function build(year: number, month: number | null, day: number | null, partial: boolean): DateParse {
  if (year < 1800 || year > 2999) return { ok: false, reason: 'invalid' };
  if (month === null) return partial ? { ok: true, value: String(year) } : { ok: false, reason: 'partial' };
  if (month < 1 || month > 12) return { ok: false, reason: 'invalid' };
  if (day === null) return partial ? { ok: true, value: `${year}-${pad(month)}` } : { ok: false, reason: 'partial' };
  if (day < 1 || day > daysIn(year, month)) return { ok: false, reason: 'invalid' };
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * Reads what a user typed. Accepts "1/12/2026", "01-12-2026", "1.12.26", "2026-12-01",
 * "1 Desember 2026", "1 des 2026"; with `partial`, also "12/2026", "Desember 2026" and "2026".
 * Empty text is a valid "no date".
 */
export function parseTypedDate(text: string, options: { partial?: boolean; todayYear?: number } = {}): DateParse {
  const partial = options.partial ?? false;
  const todayYear = options.todayYear ?? new Date().getFullYear();
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return { ok: true, value: null };
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(s); // ISO, as pasted from elsewhere
  if (m) return build(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null, partial);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) return build(fullYear(m[3]!, todayYear), Number(m[2]), Number(m[1]), partial);
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return build(Number(m[2]), Number(m[1]), null, partial);
  m = /^(?:(\d{1,2})\s*)?([a-z]+)\.?\s*(\d{4})$/.exec(s);
  if (m && MONTHS[m[2]!]) return build(Number(m[3]), MONTHS[m[2]!]!, m[1] ? Number(m[1]) : null, partial);
  m = /^(\d{4})$/.exec(s);
  if (m) return build(Number(m[1]), null, null, partial);
  return { ok: false, reason: 'format' };
}

/** How a stored date reads in an input: "01/12/2026", "12/2026", "2026". */
export function toTypedDate(value: string | null | undefined): string {
  if (!value) return '';
  const [y, mo, d] = value.split('-');
  if (d) return `${d}/${mo}/${y}`;
  if (mo) return `${mo}/${y}`;
  return y ?? '';
}

/** The date as the first day it can mean, for comparisons ("2025" → "2025-01-01"). */
export function earliestDay(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
}

/** Today as YYYY-MM-DD in the user's own calendar (not UTC). */
export function todayLocal(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
