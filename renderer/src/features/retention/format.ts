// How retention dates and counts read on screen, in the user's language. Dates arrive as
// YYYY-MM-DD calendar days and are shown as such: no time zone is applied to them.
import { i18next } from '../../i18n/index.ts';
import './i18n.ts';

const MONTHS_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-12" (or an ISO timestamp) → "12 Mar 2026"; null → an em dash. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const months = i18next.language === 'en' ? MONTHS_EN : MONTHS_ID;
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString(i18next.language === 'en' ? 'en-US' : 'id-ID');
}

/** "12, 14-16" → [12, 14, 15, 16]; anything else is ignored. */
export function parseIds(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(/[\s,;]+/)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      for (let i = Math.min(a, b); i <= Math.max(a, b) && ids.size < 10000; i++) ids.add(i);
    } else if (/^\d+$/.test(part) && Number(part) > 0) ids.add(Number(part));
  }
  return [...ids];
}
