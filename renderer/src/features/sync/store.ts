// State of the Sinkronisasi screen: the portal settings as main keeps them, one page of the
// per-record status with its filter, the acting user's roles, and what the live progress events
// say. Calls go through api.ts only; the screen never decides what may be sent.
import { create } from 'zustand';
import type { Bilingual, ConnectionResult, DrainSummary, PortalSettingsView, PortalStatus, RecordPortalState, RecordPortalStatus, Role } from '../../../../preload/contract.ts';
import { ApiError, call, subscribe } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { i18next } from '../../i18n/index.ts';
import { clock } from './format.ts';
import './i18n.ts';

export const PAGE_SIZE = 50;
/** How many held-back records the "needs attention" list shows above the table. */
export const ATTENTION_SIZE = 10;

export function messageOf(error: unknown): Bilingual {
  if (error instanceof ApiError) return error.value.message;
  return { id: `Terjadi kesalahan: ${String(error)}`, en: `Something went wrong: ${String(error)}` };
}

interface SyncState {
  loaded: boolean;
  settings: PortalSettingsView | null;
  status: PortalStatus | null;
  /** Held-back records, listed above the table so they are not lost at the bottom of it. */
  parked: RecordPortalStatus[];
  roles: readonly Role[];
  filter: RecordPortalState | null;
  offset: number;
  /** A push run is going on (from the progress events, or the status's lock). */
  running: boolean;
  /** A person pressed "send now": the next run's end is announced. */
  manual: boolean;
  busy: boolean;
  error: Bilingual | null;
  test: ConnectionResult | null;
  load(): Promise<void>;
  refresh(): Promise<void>;
  pushNow(): Promise<void>;
  setFilter(filter: RecordPortalState | null): void;
  setOffset(offset: number): void;
  setSettings(settings: PortalSettingsView): void;
  setTest(test: ConnectionResult | null): void;
  /** Runs a call, shows its error, refreshes the status afterwards. Returns the value or null. */
  run<T>(fn: () => Promise<T>): Promise<T | null>;
  clearError(): void;
  /** Follows portal.progress; returns the unsubscribe function. */
  listen(): () => void;
}

export const useSync = create<SyncState>((set, get) => ({
  loaded: false,
  settings: null,
  status: null,
  parked: [],
  roles: [],
  filter: null,
  offset: 0,
  running: false,
  manual: false,
  busy: false,
  error: null,
  test: null,
  async load() {
    try {
      const [settings, account] = await Promise.all([call('portal.settings', {}), call('accounts.status', {})]);
      set({ settings, roles: account.session?.user.roles ?? [] });
      await get().refresh();
    } catch (error) {
      set({ error: messageOf(error) });
    } finally {
      set({ loaded: true });
    }
  },
  async refresh() {
    const { filter, offset } = get();
    try {
      const status = await call('portal.status', { ...(filter ? { states: [filter] } : {}), limit: PAGE_SIZE, offset });
      // A page past the end (items moved to another state): go back to the first page.
      if (offset > 0 && status.items.length === 0 && status.matching > 0) {
        set({ offset: 0 });
        return get().refresh();
      }
      const parked =
        status.counts.parked > 0 && filter !== 'parked' ? (await call('portal.status', { states: ['parked'], limit: ATTENTION_SIZE })).items : [];
      set({ status, parked, running: get().running || status.lockedBy !== null });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
  async pushNow() {
    // A pause the portal itself asked for (Retry-After) is overridden only after the user says so.
    const status = get().status;
    let overrideRetryAfter = false;
    if (status?.pausedUntil && status.pauseReason === 'retry-after') {
      if (!window.confirm(i18next.t('sync.pushOverride', { time: clock(status.pausedUntil) }))) return;
      overrideRetryAfter = true;
    }
    set({ manual: true });
    const started = await get().run(() => call('portal.pushNow', overrideRetryAfter ? { overrideRetryAfter } : {}));
    if (started === null) set({ manual: false });
  },
  setFilter(filter) {
    set({ filter, offset: 0 });
    void get().refresh();
  },
  setOffset(offset) {
    set({ offset: Math.max(0, offset) });
    void get().refresh();
  },
  setSettings(settings) {
    set({ settings });
  },
  setTest(test) {
    set({ test });
  },
  async run(fn) {
    set({ busy: true, error: null });
    try {
      return await fn();
    } catch (error) {
      set({ error: messageOf(error) });
      return null;
    } finally {
      set({ busy: false });
      await get().refresh();
    }
  },
  clearError() {
    set({ error: null });
  },
  listen() {
    // Items arrive one by one (thousands on a first push): re-read the page at most a few times a second.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void get().refresh();
      }, 400);
    };
    const off = subscribe('portal.progress', (event) => {
      if (event.type === 'run-start') set({ running: true });
      if (event.type === 'run-end' || event.type === 'error') {
        set({ running: false });
        if (event.type === 'error') set({ error: event.message, manual: false });
        if (event.type === 'run-end' && get().manual) {
          set({ manual: false });
          announce(event.summary);
        }
        void get().refresh();
        return;
      }
      soon();
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  },
}));

/** Tells the person who pressed "send now" what came of it, in both languages. */
function announce(summary: DrainSummary): void {
  const say = (locale: 'id' | 'en') => {
    const t = i18next.getFixedT(locale);
    if (summary.problem) return t('sync.banner.problem', { problem: summary.problem[locale] });
    if (summary.stoppedBy === 'locked') return t('sync.done.locked');
    if (summary.attempted === 0 && summary.stoppedBy === 'paused' && summary.pausedUntil) return t('sync.done.paused', { time: clock(summary.pausedUntil) });
    if (summary.attempted === 0) return t('sync.done.nothing');
    if (summary.stoppedBy === 'failures' && summary.published + summary.withdrawn === 0) return t('sync.done.unreachable');
    const parts = (
      [
        ['published', summary.published],
        ['withdrawn', summary.withdrawn],
        ['retried', summary.retried],
        ['parked', summary.parked + summary.refused],
      ] as const
    )
      .filter(([, n]) => n > 0)
      .map(([key, n]) => t(`sync.done.${key}`, { n }));
    return parts.length ? t('sync.done.summary', { parts: parts.join(', ') }) : t('sync.done.nothing');
  };
  const level = summary.problem ? 'error' : summary.retried + summary.parked + summary.refused > 0 ? 'warning' : 'success';
  toast(level, { id: say('id'), en: say('en') });
}

export function hasRole(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role);
}
