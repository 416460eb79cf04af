// The retention clock: pure functions from a file's dates, its JRA terms and its records' stage to
// the dates its next steps fall due. No database, no Date objects in local time, no "now": callers
// pass the day they ask about, so a time zone can never move a due date and tests can walk time.
//
// Rules of counting, chosen to match how JRAs are written and read:
//  - Retention is in whole years. A period of N years that starts on D ends on D's N-th anniversary
//    and the next step is due from that day on (asOf >= dueAt).
//  - 29 February + N years lands on 28 February when the target year is not a leap year (the period
//    ends on the last day of the month, as statutory periods do; never in March, which would stretch
//    the period past N years of months).
//  - The clock starts at the file's close (files.closed_at). When the rule names an event ("2 tahun
//    setelah tidak berlaku"), it starts at files.trigger_date instead; without that date the file
//    waits for the event and is never due. One event is knowable without a date: "setelah tahun
//    anggaran berakhir" — the Indonesian fiscal year is the calendar year, so it starts on
//    31 December of the year the file was closed (never earlier than the real fiscal year end).
//  - A file that was never closed is never due, whatever its dates say.
//  - Inactive period 0: no transfer; the final disposition is due when the active period ends.
//  - A re-appraisal restarts the clock: the final step becomes due `extendYears` after the decision,
//    with the disposition the decision chose — but never before the end the JRA gives (jraUntil):
//    a re-appraisal only keeps a file longer, it never makes it due early.

export type Disposition = 'musnah' | 'permanen' | 'dinilai-kembali';
export type NextAction = 'transfer' | 'destroy' | 'handover' | 'reappraise' | 'none';
export type FinalAction = 'destroy' | 'handover' | 'reappraise';

export interface RetentionTerms {
  readonly activeYears: number;
  readonly inactiveYears: number;
  /** The event the rule counts from, as the JRA words it; null when it counts from the close. */
  readonly trigger: string | null;
  readonly disposition: Disposition;
  /** "musnah, kecuali …": a person decides at disposition time whether the exception applies. */
  readonly conditional: boolean;
}

export interface ReappraisalTerms {
  readonly decidedAt: string;
  readonly extendYears: number;
  readonly disposition: Disposition;
}

export interface ClockFile {
  readonly closedAt: string | null;
  readonly triggerDate: string | null;
}

/** Where a file's records stand: still active, already transferred, or disposed of (nothing left to do). */
export type Stage = 'aktif' | 'inaktif' | 'done';

export type ScheduleState = 'scheduled' | 'open' | 'awaiting-event' | 'no-rule' | 'done';

export interface Schedule {
  readonly state: ScheduleState;
  readonly startsAt: string | null;
  readonly basis: 'closed' | 'trigger' | 'fiscal-year-end' | null;
  readonly activeUntil: string | null;
  readonly inactiveUntil: string | null;
  /** The end of retention under the JRA row alone; a re-appraisal can move the end later, never earlier. */
  readonly jraUntil: string | null;
  readonly finalAction: FinalAction | null;
  readonly nextAction: NextAction;
  readonly dueAt: string | null;
  readonly needsDecision: boolean;
  readonly reappraised: boolean;
  /** Active + inactive years (or the re-appraisal's extension added): sets the approval path for destruction. */
  readonly totalYears: number | null;
}

// ---------- calendar dates as strings ----------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`no such day: ${date}`);
  return { year, month, day };
}

export function isValidDate(date: string): boolean {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** D + N years; 29 Feb into a common year gives 28 Feb. */
export function addYears(date: string, years: number): string {
  const { year, month, day } = parseDate(date);
  const target = year + years;
  return formatDate(target, month, Math.min(day, daysInMonth(target, month)));
}

/** First day of the month `months` after the month of `date` ('2026-11-15', 2 → '2027-01-01'). */
export function addMonthsToMonthStart(date: string, months: number): string {
  const { year, month } = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  return formatDate(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** Lexical order of YYYY-MM-DD is calendar order. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar date a wall clock shows in the machine's zone (the kernel's one definition). */
export { localToday } from '../kernel/clock.ts';

// ---------- the clock ----------

const FISCAL_YEAR_END = /tahun\s+anggaran\s+berakhir/i;

export function finalActionFor(disposition: Disposition): FinalAction {
  switch (disposition) {
    case 'musnah':
      return 'destroy';
    case 'permanen':
      return 'handover';
    case 'dinilai-kembali':
      return 'reappraise';
  }
}

const EMPTY: Omit<Schedule, 'state'> = {
  startsAt: null,
  basis: null,
  activeUntil: null,
  inactiveUntil: null,
  jraUntil: null,
  finalAction: null,
  nextAction: 'none',
  dueAt: null,
  needsDecision: false,
  reappraised: false,
  totalYears: null,
};

function clockStart(file: ClockFile, terms: RetentionTerms): { startsAt: string; basis: Schedule['basis'] } | null {
  if (!file.closedAt) return null;
  if (!terms.trigger) return { startsAt: file.closedAt, basis: 'closed' };
  if (file.triggerDate) return { startsAt: file.triggerDate, basis: 'trigger' };
  if (FISCAL_YEAR_END.test(terms.trigger)) {
    return { startsAt: formatDate(parseDate(file.closedAt).year, 12, 31), basis: 'fiscal-year-end' };
  }
  return null;
}

/** A file's schedule under `terms` (null: no rule covers its code). */
export function computeSchedule(
  file: ClockFile,
  terms: RetentionTerms | null,
  stage: Stage,
  reappraisal: ReappraisalTerms | null = null,
): Schedule {
  if (!terms && !reappraisal) return { ...EMPTY, state: 'no-rule' };
  if (!file.closedAt) return { ...EMPTY, state: 'open' };
  // A re-appraised file whose code lost its rule still has the decision to go by.
  const base: RetentionTerms = terms ?? { activeYears: 0, inactiveYears: 0, trigger: null, disposition: reappraisal!.disposition, conditional: false };
  const start = clockStart(file, base);
  if (!start) return { ...EMPTY, state: 'awaiting-event' };
  const activeUntil = addYears(start.startsAt, base.activeYears);
  const jraUntil = terms ? addYears(activeUntil, base.inactiveYears) : null;
  const reappraisedUntil = reappraisal ? addYears(reappraisal.decidedAt, reappraisal.extendYears) : null;
  const inactiveUntil =
    reappraisedUntil === null ? jraUntil! : jraUntil !== null && compareDates(jraUntil, reappraisedUntil) > 0 ? jraUntil : reappraisedUntil;
  const disposition = reappraisal ? reappraisal.disposition : base.disposition;
  const finalAction = finalActionFor(disposition);
  const totalYears = base.activeYears + base.inactiveYears + (reappraisal ? reappraisal.extendYears : 0);
  const common = {
    startsAt: start.startsAt,
    basis: start.basis,
    activeUntil,
    inactiveUntil,
    jraUntil,
    finalAction,
    needsDecision: !reappraisal && base.conditional,
    reappraised: reappraisal !== null,
    totalYears,
  };
  if (stage === 'done') return { ...common, state: 'done', nextAction: 'none', dueAt: null };
  if (stage === 'aktif' && compareDates(inactiveUntil, activeUntil) > 0) {
    return { ...common, state: 'scheduled', nextAction: 'transfer', dueAt: activeUntil };
  }
  // Inactive period 0, records already transferred, or a re-appraisal whose new date comes before
  // the end of the active period: the final step is next, with no transfer first.
  return { ...common, state: 'scheduled', nextAction: finalAction, dueAt: inactiveUntil };
}

export function isDue(schedule: Schedule, asOf: string): boolean {
  return schedule.state === 'scheduled' && schedule.dueAt !== null && compareDates(schedule.dueAt, asOf) <= 0;
}
