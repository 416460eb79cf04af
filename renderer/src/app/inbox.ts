// What waits for the signed-in user, counted for the sidebar: proposals a supervisor may decide,
// files the retention schedule says are due. Refreshed when the user arrives, when publication
// changes, and every few minutes (the retention dashboard reads the whole schedule, so not on
// every poll).
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Role } from '../../../preload/contract.ts';
import { call, subscribe } from '../api.ts';
import type { Area } from './store.ts';

const REFRESH_MS = 3 * 60_000;

interface InboxState {
  counts: Partial<Record<Area, number>>;
  refresh(roles: readonly Role[]): Promise<void>;
}

export const useInbox = create<InboxState>((set) => ({
  counts: {},
  async refresh(roles) {
    const counts: Partial<Record<Area, number>> = {};
    const [proposals, dashboard, notices] = await Promise.allSettled([
      roles.includes('supervisor') ? call('publication.proposals', { states: ['proposed'], offset: 0, limit: 1 }) : Promise.resolve(null),
      call('retention.dashboard', {}),
      call('publication.notices', {}),
    ]);
    if (proposals.status === 'fulfilled' && proposals.value) counts.publikasi = proposals.value.total;
    // Berkala items not refreshed for six months wait for staff too.
    if (notices.status === 'fulfilled' && notices.value.berkalaDue > 0) counts.publikasi = (counts.publikasi ?? 0) + notices.value.berkalaDue;
    if (dashboard.status === 'fulfilled') {
      const due = dashboard.value.due;
      counts.retensi = due.transfer + due.destroy + due.handover + due.reappraise;
    }
    set({ counts });
  },
}));

/** Keeps the counts fresh while a user is signed in. */
export function useInboxRefresh(roles: readonly Role[]): void {
  const key = roles.join(',');
  useEffect(() => {
    const list = key ? (key.split(',') as Role[]) : [];
    const refresh = () => void useInbox.getState().refresh(list);
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    const off = subscribe('publication.changed', refresh);
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, [key]);
}
