// State of the Retensi screen: which tab, the as-of day the lists are read for, the dashboard and
// queues as main computed them, the open case, and the last error. Calls go through api.ts only.
import { create } from 'zustand';
import type { Bilingual, CaseKind, CaseSummary, CaseView, Queues, RetentionDashboard } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';

export const TABS = ['ringkasan', 'antrean', 'pemusnahan', 'pemindahan', 'penyerahan', 'penahanan', 'daftar', 'jra'] as const;
export type Tab = (typeof TABS)[number];

export const KIND_OF_TAB: Partial<Record<Tab, CaseKind>> = { pemusnahan: 'destruction', pemindahan: 'transfer', penyerahan: 'handover' };

/** Today on this computer as YYYY-MM-DD (the calendar date the user sees). */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function messageOf(error: unknown): Bilingual {
  if (error instanceof ApiError) return error.value.message;
  return { id: `Terjadi kesalahan: ${String(error)}`, en: `Something went wrong: ${String(error)}` };
}

interface RetentionState {
  tab: Tab;
  asOf: string;
  loaded: boolean;
  dashboard: RetentionDashboard | null;
  queues: Queues | null;
  cases: CaseSummary[];
  openCase: CaseView | null;
  error: Bilingual | null;
  busy: boolean;
  setTab(tab: Tab): void;
  setAsOf(asOf: string): void;
  load(): Promise<void>;
  loadCases(): Promise<void>;
  showCase(id: number | null): Promise<void>;
  setCase(view: CaseView): void;
  /** Runs a call, showing its error; reloads the lists after a change. Returns the value or null. */
  run<T>(fn: () => Promise<T>, options?: { reload?: boolean }): Promise<T | null>;
  clearError(): void;
}

export const useRetention = create<RetentionState>((set, get) => ({
  tab: 'ringkasan',
  asOf: todayLocal(),
  loaded: false,
  dashboard: null,
  queues: null,
  cases: [],
  openCase: null,
  error: null,
  busy: false,
  setTab(tab) {
    set({ tab, openCase: null });
    if (KIND_OF_TAB[tab]) void get().loadCases();
  },
  setAsOf(asOf) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return;
    set({ asOf });
    void get().load();
  },
  async load() {
    const { asOf } = get();
    try {
      const [dashboard, queues] = await Promise.all([call('retention.dashboard', { asOf }), call('retention.queues', { asOf })]);
      set({ dashboard, queues, loaded: true });
    } catch (error) {
      set({ error: messageOf(error), loaded: true });
    }
  },
  async loadCases() {
    const kind = KIND_OF_TAB[get().tab];
    try {
      const cases = await call('retention.cases.list', { kind, includeClosed: true });
      set({ cases });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
  async showCase(id) {
    if (id === null) {
      set({ openCase: null });
      return;
    }
    try {
      set({ openCase: await call('retention.cases.get', { id }) });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
  setCase(view) {
    set({ openCase: view });
  },
  async run(fn, options = {}) {
    set({ busy: true, error: null });
    try {
      const value = await fn();
      if (options.reload !== false) {
        await get().load();
        if (KIND_OF_TAB[get().tab]) await get().loadCases();
      }
      return value;
    } catch (error) {
      set({ error: messageOf(error) });
      return null;
    } finally {
      set({ busy: false });
    }
  },
  clearError() {
    set({ error: null });
  },
}));
