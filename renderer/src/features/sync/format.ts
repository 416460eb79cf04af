// How the Sinkronisasi screen reads times: a clerk wants "pukul 14:05" for today and the date only
// when it is another day. Formatting only; the times themselves come from main.
import { format, isSameDay, parseISO } from 'date-fns';
import { enUS, id as idLocale } from 'date-fns/locale';
import { i18next } from '../../i18n/index.ts';
import './i18n.ts';

const locale = () => (i18next.language === 'en' ? enUS : idLocale);

export function clock(value: string | null | undefined, now = new Date()): string {
  if (!value) return '—';
  try {
    const at = parseISO(value);
    return format(at, isSameDay(at, now) ? 'HH:mm' : 'd MMM HH:mm', { locale: locale() });
  } catch {
    return value;
  }
}

export function count(n: number): string {
  return n.toLocaleString(i18next.language === 'en' ? 'en-US' : 'id-ID');
}

/** What the portal itself said, unless the reason already quotes it word for word. */
export function portalWords(reason: { id: string; en: string; portal?: string | undefined } | null, shown: string): string | null {
  if (!reason?.portal) return null;
  return shown.includes(reason.portal) ? null : reason.portal;
}

/** A message in both languages from one key, for toasts (which show the user's language when they appear). */
export function both(key: string, options: Record<string, unknown> = {}): { id: string; en: string } {
  return { id: i18next.getFixedT('id')(key, options), en: i18next.getFixedT('en')(key, options) };
}
