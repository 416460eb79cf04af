// Opaque handles for files and folders the user picked — in the native dialog, by dropping them on
// the window, or by uploading them to the browser shell. The renderer only ever holds a handle; the
// host registers the real path here and a channel (import, JRA import) takes it back, once. So a
// renderer that was tricked into asking cannot name /etc/passwd or ~/.ssh: it can only hand back
// what the user chose. A handle belongs to the session it was made in (dies on lock, logout, user
// change), lives 30 minutes, and works once. Upload copies are deleted when their handle is used
// up or expires. Never invents a path and never reads one.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { appError } from '../errors.ts';

export interface PickInput {
  path: string;
  kind: 'file' | 'folder';
  /** A copy made for this pick (a browser-shell upload): this folder is removed after use. */
  cleanup?: string;
}

export interface Pick extends PickInput {
  handle: string;
}

const TTL_MS = 30 * 60 * 1000;
const MAX_PICKS = 20_000;
export const PICK_HANDLE = /^pk_[A-Za-z0-9_-]{22}$/;

export class Picks {
  readonly #picks = new Map<string, { pick: Pick; expires: number; session: number; key: string }>();
  readonly #session: (key: string) => number | null;

  /** `session` gives a session key's open generation (Sessions.openGeneration), null while it is not open. */
  constructor(session: (key: string) => number | null) {
    this.#session = session;
  }

  /** Handles for what the person of session `key` picked; only that session can take them back. */
  register(inputs: readonly PickInput[], key: string, now = Date.now()): string[] {
    this.#sweep(now);
    const session = this.#session(key);
    if (session === null) {
      Picks.discard(inputs.map((input) => ({ ...input, handle: '' })));
      throw appError('unauthenticated', 'Silakan masuk terlebih dahulu, lalu pilih berkasnya lagi.', 'Please log in first, then choose the files again.');
    }
    return inputs.map((input) => {
      const handle = `pk_${randomBytes(16).toString('base64url')}`;
      this.#picks.set(handle, { pick: { ...input, handle }, expires: now + TTL_MS, session, key });
      return handle;
    });
  }

  /** Gives back what the handles stand for and forgets them; refuses the lot if any is unknown. */
  take(handles: readonly string[], key: string, now = Date.now()): Pick[] {
    this.#sweep(now);
    const session = this.#session(key);
    const entries = handles.map((h) => this.#picks.get(h));
    if (session === null || entries.some((e) => !e || e.session !== session)) {
      throw appError(
        'not-found',
        'Pilihan berkas sudah tidak berlaku (kedaluwarsa, sudah dipakai, atau sesi berganti). Pilih atau seret berkasnya lagi.',
        'The chosen files are no longer valid (expired, already used, or the session changed). Choose or drop the files again.',
      );
    }
    for (const h of handles) this.#picks.delete(h);
    return entries.map((e) => e!.pick);
  }

  /** Removes an upload copy once its import is over (success or not). */
  static discard(picks: readonly Pick[]): void {
    for (const pick of picks) if (pick.cleanup) rmSync(pick.cleanup, { recursive: true, force: true });
  }

  #sweep(now: number): void {
    for (const [handle, entry] of this.#picks) {
      const stale = entry.expires < now || entry.session !== this.#session(entry.key) || this.#picks.size > MAX_PICKS;
      if (stale) {
        this.#picks.delete(handle);
        Picks.discard([entry.pick]);
      }
    }
  }

  /** Forgets every pick and deletes every upload copy (the backend is closing). */
  clear(): void {
    for (const entry of this.#picks.values()) Picks.discard([entry.pick]);
    this.#picks.clear();
  }
}
