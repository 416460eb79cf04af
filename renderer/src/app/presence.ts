// Tells main that someone is using the app, at most every few seconds, so background work (OCR in
// idle-time mode, bulk extraction) gives way to them. Keyboard and pointer input count; mere
// mouse movement over the window does not.
import { call } from '../api.ts';

const EVERY_MS = 5_000;

export function reportPresence(): () => void {
  let last = 0;
  const seen = () => {
    const now = Date.now();
    if (now - last < EVERY_MS) return;
    last = now;
    void call('presence.active', {}).catch(() => undefined);
  };
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  for (const e of events) window.addEventListener(e, seen, { passive: true, capture: true });
  return () => {
    for (const e of events) window.removeEventListener(e, seen, { capture: true });
  };
}
