// The browser shell's stand-in for the Electron preload: the same window.berkas, carried over
// HTTP (calls) and server-sent events (events) to the loopback shell. The shell serves this file
// as a classic script before the renderer's module, so it must have no imports at run time.
import type { BerkasApi } from './api-types.ts';

type Listener = (payload: unknown) => void;

(() => {
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;

  function connect(): void {
    // The session cookie set by the shell authenticates this stream; it needs a logged-in,
    // unlocked session, and the shell ends it on lock and logout. Once refused, it stays closed
    // until the next login or unlock (below).
    source = new EventSource('/api/events');
    source.onmessage = (message) => {
      const { name, payload } = JSON.parse(message.data as string) as { name: string; payload: unknown };
      for (const listener of listeners.get(name) ?? []) listener(payload);
    };
  }

  const OPENS_SESSION = new Set(['accounts.login', 'accounts.unlock', 'accounts.setup']);
  function reconnectIfClosed(): void {
    if (listeners.size === 0) return;
    if (source && source.readyState !== EventSource.CLOSED) source.close();
    connect();
  }

  const api: BerkasApi = {
    host: 'browser-shell',
    async invoke(channel, input) {
      try {
        const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        const result = (await response.json()) as { ok: boolean };
        if (result.ok && OPENS_SESSION.has(channel)) reconnectIfClosed();
        return result as never;
      } catch {
        // The shell's process or the department's server is gone (stopped, restarting, network).
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: {
              id: 'Berkas tidak dapat dihubungi (server dinas atau proses shell tidak menjawab). Isian Anda belum tersimpan dan tetap di layar; coba simpan lagi sebentar lagi.',
              en: 'Berkas cannot be reached (the department server or the shell process does not answer). What you entered is not saved yet and stays on screen; try saving again in a moment.',
            },
          },
        };
      }
    },
    async filesToHandles(files) {
      const handles: string[] = [];
      for (const file of files) {
        const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
        const response = await fetch(`/api/upload?name=${encodeURIComponent(relative)}`, {
          method: 'POST',
          body: file,
          credentials: 'same-origin',
        });
        if (!response.ok) throw new Error(`upload failed: ${response.status}`);
        handles.push(((await response.json()) as { handle: string }).handle);
      }
      return handles;
    },
    on(event, listener) {
      if (!source) connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
  Object.defineProperty(window, 'berkas', { value: Object.freeze(api), writable: false });
})();
