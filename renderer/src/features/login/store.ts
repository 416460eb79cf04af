// The renderer's view of the backend's one session: who is logged in, locked or not, the idle
// time. The main process is the authority; this store only mirrors accounts.status.
import { create } from 'zustand';
import type { AccountsStatus, Bilingual, Role } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';

interface SessionState {
  status: AccountsStatus | null;
  error: Bilingual | null;
  busy: boolean;
  refresh(): Promise<void>;
  /** Runs a session call (login, unlock, setup…) and adopts the status it returns. */
  run(action: () => Promise<AccountsStatus>): Promise<boolean>;
  clearError(): void;
}

export const useSession = create<SessionState>((set, get) => ({
  status: null,
  error: null,
  busy: false,
  async refresh() {
    try {
      const status = await call('accounts.status', {});
      const before = get().status;
      // Only replace when something changed, so screens do not re-render on every poll.
      if (JSON.stringify(before) !== JSON.stringify(status)) set({ status });
    } catch (error) {
      if (error instanceof ApiError) set({ error: error.value.message });
    }
  },
  async run(action) {
    set({ busy: true, error: null });
    try {
      const status = await action();
      set({ status, busy: false });
      return true;
    } catch (error) {
      set({ busy: false, error: error instanceof ApiError ? error.value.message : { id: String(error), en: String(error) } });
      return false;
    }
  },
  clearError: () => set({ error: null }),
}));

/** The logged-in user's roles (empty when nobody is logged in). */
export function useRoles(): readonly Role[] {
  return useSession((s) => s.status?.session?.user.roles ?? []);
}

export function useCurrentUser() {
  return useSession((s) => (s.status?.session && !s.status.session.locked ? s.status.session.user : null));
}
