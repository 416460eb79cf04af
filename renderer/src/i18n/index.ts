// Bahasa Indonesia first, English second. The choice is remembered on this machine. Holds the
// shell's own texts (id.ts, en.ts); each feature keeps its texts in its own folder and registers
// them here (registerTexts), so features depend on i18n/ and never the other way round.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Bilingual, Locale } from '../../../preload/contract.ts';
import { en } from './en.ts';
import { id } from './id.ts';

const STORAGE_KEY = 'berkas.locale';

export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'id';
}

void i18next.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: initialLocale(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
});

/** Adds a feature's texts under `section` in both languages (the feature's i18n.ts calls it once,
 *  when it is first imported); `en` has the same shape as `id`, checked by the type. */
export function registerTexts<T extends Record<string, unknown>>(section: string, texts: { id: T; en: NoInfer<T> }): void {
  i18next.addResourceBundle('id', 'translation', { [section]: texts.id }, true, true);
  i18next.addResourceBundle('en', 'translation', { [section]: texts.en }, true, true);
}

export function setLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  void i18next.changeLanguage(locale);
}

/** Picks the user's language from a message main sent in both. */
export function pick(message: Bilingual): string {
  return i18next.language === 'en' ? message.en : message.id;
}

export { i18next };
