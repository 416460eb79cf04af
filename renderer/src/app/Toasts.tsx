// Finished background work (imports, pushes) announces itself here, politely for screen readers.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Bilingual } from '../../../preload/contract.ts';
import { subscribe } from '../api.ts';
import { pick } from '../i18n/index.ts';

type Level = 'info' | 'success' | 'warning' | 'error';
interface Toast {
  id: number;
  level: Level;
  message: Bilingual;
}

interface ToastState {
  toasts: Toast[];
  push(level: Level, message: Bilingual): void;
  dismiss(id: number): void;
}

let next = 1;
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(level, message) {
    const id = next++;
    set({ toasts: [...get().toasts.slice(-3), { id, level, message }] });
    setTimeout(() => get().dismiss(id), level === 'error' ? 12_000 : 6_000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export function toast(level: Level, message: Bilingual): void {
  useToasts.getState().push(level, message);
}

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  useEffect(() => subscribe('app.toast', (t) => toast(t.level, t.message)), []);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.level}`}>
          <span>{pick(t.message)}</span>
          <button type="button" aria-label="×" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
