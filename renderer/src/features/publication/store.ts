// State of the Publikasi screen: the open tab, the DIP-change notices, and a version number that
// every panel reloads on (bumped by the backend's publication.changed event and by our own actions).
import { create } from 'zustand';
import type { Bilingual, DipChange } from '../../../../preload/contract.ts';
import { ApiError, call, subscribe } from '../../api.ts';
import { i18next } from '../../i18n/index.ts';
import './i18n.ts';

export const TABS = ['usulan', 'terbit', 'klasifikasi', 'berkala', 'dip', 'dik', 'riwayat'] as const;
export type Tab = (typeof TABS)[number];

interface PublicationState {
  tab: Tab;
  version: number;
  notices: { changes: DipChange[]; lapsed: number; berkalaDue: number } | null;
  message: { ok: boolean; text: Bilingual } | null;
  setTab(tab: Tab): void;
  bump(): void;
  loadNotices(): Promise<void>;
  say(ok: boolean, text: Bilingual): void;
  /** Runs an action; a failure becomes the screen's message (the main process's own words). */
  attempt<T>(work: () => Promise<T>, done?: Bilingual): Promise<T | undefined>;
  clearMessage(): void;
}

export const usePublication = create<PublicationState>((set, get) => ({
  tab: 'usulan',
  version: 0,
  notices: null,
  message: null,
  setTab: (tab) => set({ tab, message: null }),
  bump: () => {
    set({ version: get().version + 1 });
    void get().loadNotices();
  },
  async loadNotices() {
    try {
      set({ notices: await call('publication.notices', {}) });
    } catch {
      // The notice is a convenience; the panels show their own errors.
    }
  },
  say: (ok, text) => set({ message: { ok, text } }),
  async attempt(work, done) {
    try {
      const value = await work();
      if (done) set({ message: { ok: true, text: done } });
      get().bump();
      return value;
    } catch (error) {
      set({ message: { ok: false, text: error instanceof ApiError ? error.value.message : { id: String(error), en: String(error) } } });
      return undefined;
    }
  },
  clearMessage: () => set({ message: null }),
}));

/** Reloads the screen whenever main says publication state changed (a decision, a lapse). */
export function listenForPublicationChanges(): () => void {
  return subscribe('publication.changed', () => usePublication.getState().bump());
}

/** Bilingual text from the two i18n strings of a key, so a message follows a language switch. */
export function both(key: string, options: Record<string, unknown> = {}): Bilingual {
  return { id: i18next.getFixedT('id')(key, options), en: i18next.getFixedT('en')(key, options) };
}
