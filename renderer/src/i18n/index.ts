// Bahasa Indonesia first, English second. The choice is remembered on this machine.
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
