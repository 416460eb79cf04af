// How dates, sizes and statuses read to a user, in the user's language.
import { format, parseISO } from 'date-fns';
import { enUS, id as idLocale } from 'date-fns/locale';
import { i18next } from '../i18n/index.ts';
import { toTypedDate } from '../ui/dates.ts';

const locale = () => (i18next.language === 'en' ? enUS : idLocale);

/**
 * A date as people read it: "1 Desember 2026" / "1 December 2026"; partial dates stay partial
 * ("Desember 2026", "2026"); null → an em dash.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  try {
    if (/^\d{4}$/.test(value)) return value;
    if (/^\d{4}-\d{2}$/.test(value)) return format(parseISO(`${value}-01`), 'MMMM yyyy', { locale: locale() });
    return format(parseISO(value), 'd MMMM yyyy', { locale: locale() });
  } catch {
    return value;
  }
}

/** The same date in a narrow table cell: "01/12/2026", "12/2026", "2026" (day first, always). */
export function formatDateCompact(value: string | null | undefined): string {
  return value ? toTypedDate(value) : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  try {
    return format(parseISO(value), 'd MMM yyyy HH:mm', { locale: locale() });
  } catch {
    return value;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString(i18next.language === 'en' ? 'en-US' : 'id-ID');
}

export function formatDuration(seconds: number | null): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m < 60 ? `${m} m ${s} s` : `${Math.floor(m / 60)} j ${m % 60} m`;
}

/** Splits a snippet with \u0002…\u0003 markers into parts to render with <mark>. */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  // eslint-disable-next-line no-control-regex -- the search index marks hits with \u0002 … \u0003
  const re = /\u0002([^\u0003]*)\u0003/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1]!, hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}
