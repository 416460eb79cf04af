// Watches the user's own activity (keys, pointer, wheel) and: tells the main process the session
// is in use (accounts.touch, at most once a minute), and locks it (accounts.lock) once the idle time
// has passed. The main process expires an idle session on its own too; this makes the screen
// follow at once instead of at the next call.
import { useEffect } from 'react';
import { call } from '../../api.ts';
import { useSession } from './store.ts';

const TOUCH_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 15_000;

export function useIdleLock(active: boolean, idleMinutes: number): void {
  useEffect(() => {
    if (!active) return;
    let lastActivity = Date.now();
    let lastTouch = Date.now();
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now - lastActivity > idleMinutes * 60_000) {
        void useSession.getState().run(() => call('accounts.lock', {}));
        return;
      }
      if (lastActivity > lastTouch && now - lastTouch >= TOUCH_EVERY_MS) {
        lastTouch = now;
        call('accounts.touch', {}).catch(() => void useSession.getState().refresh());
      }
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
      window.clearInterval(timer);
    };
  }, [active, idleMinutes]);
}
