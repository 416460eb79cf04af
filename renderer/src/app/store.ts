// App-frame state: which area is open, theme, language, the About panel.
import { create } from 'zustand';
import type { Locale, Role } from '../../../preload/contract.ts';
import { initialLocale, setLocale } from '../i18n/index.ts';

export const AREAS = ['arsip', 'retensi', 'publikasi', 'sinkronisasi', 'audit', 'pengaturan'] as const;
export type Area = (typeof AREAS)[number];

/**
 * Who may open each area: only areas whose channels the user's roles can call are shown (main
 * refuses the calls anyway; this keeps staff from screens that can only say "not for you").
 * Empty = every signed-in user.
 */
const AREA_ROLES: Record<Area, readonly Role[]> = {
  arsip: [],
  retensi: [],
  publikasi: [],
  sinkronisasi: ['supervisor', 'admin'],
  audit: ['supervisor'],
  pengaturan: ['admin'],
};

export function areasFor(roles: readonly Role[]): Area[] {
  return AREAS.filter((a) => AREA_ROLES[a].length === 0 || AREA_ROLES[a].some((r) => roles.includes(r)));
}
export type Theme = 'light' | 'dark';

const THEME_KEY = 'berkas.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface FrameState {
  area: Area;
  theme: Theme;
  locale: Locale;
  aboutOpen: boolean;
  go(area: Area): void;
  setTheme(theme: Theme): void;
  setLocale(locale: Locale): void;
  showAbout(open: boolean): void;
}

export const useFrame = create<FrameState>((set) => ({
  area: 'arsip',
  theme: initialTheme(),
  locale: initialLocale(),
  aboutOpen: false,
  go: (area) => set({ area }),
  setTheme: (theme) => {
    localStorage.setItem(THEME_KEY, theme);
    document.documentElement.dataset.theme = theme;
    set({ theme });
  },
  setLocale: (locale) => {
    setLocale(locale);
    set({ locale });
  },
  showAbout: (aboutOpen) => set({ aboutOpen }),
}));
