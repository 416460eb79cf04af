// The host side of the backend worker: forwards calls, relays events, and turns a crashed worker
// into typed errors for the calls in flight instead of hanging them.
import { Worker } from 'node:worker_threads';
import type { ErrorValue, Result } from '../../preload/contract.ts';
import { AppError, appError } from '../errors.ts';
import { ownerOnlyUmask } from '../kernel/private-files.ts';
import { workerEntry } from '../kernel/worker-entry.ts';
import { restoreBackup, type RestoreResult } from '../ops/restore.ts';
import { join } from 'node:path';
import { LOCAL_SESSION, type Sender } from '../kernel/calls.ts';
import type { BackendOptions } from './backend.ts';
import type { WorkerRequest, WorkerResponse } from './backend-protocol.ts';
import type { ServableDocument } from '../kernel/document-tokens.ts';
import type { EventListener } from '../kernel/events.ts';
import type { PickInput } from '../kernel/picks.ts';

const workerCrashed: ErrorValue = {
  code: 'internal',
  message: {
    id: 'Proses latar Berkas berhenti tiba-tiba. Tutup dan buka kembali Berkas; data yang sudah tersimpan aman.',
    en: 'The Berkas background process stopped unexpectedly. Close and reopen Berkas; saved data is safe.',
  },
};

export class BackendClient {
  #worker!: Worker;
  readonly #options: BackendOptions;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #documents = new Map<number, (document: ServableDocument | null) => void>();
  readonly #answers = new Map<number, (value: unknown) => void>();
  readonly #sessionListeners = new Set<(open: readonly string[]) => void>();
  #openSessions: readonly string[] = [];
  readonly #listeners = new Set<EventListener>();
  #nextId = 1;
  #alive = true;
  #activity: { busy: boolean; reason?: string } = { busy: false };
  ready!: Promise<void>;

  constructor(options: BackendOptions) {
    // Files the backend writes (database, store, exports, backups) are owner-only from the start.
    ownerOnlyUmask();
    this.#options = options;
    this.#start();
  }

  #start(): void {
    const entry = workerEntry(import.meta.url, 'backend-worker');
    this.#worker = new Worker(entry, { workerData: this.#options });
    this.#alive = true;
    this.ready = new Promise((resolve, reject) => {
      this.#worker.on('message', (message: WorkerResponse) => {
        switch (message.type) {
          case 'ready':
            resolve();
            break;
          case 'fatal':
            reject(new AppError(message.error.code, message.error.message, message.error.details));
            break;
          case 'result':
            this.#pending.get(message.id)?.(message.result);
            this.#pending.delete(message.id);
            break;
          case 'document':
            this.#documents.get(message.id)?.(message.document);
            this.#documents.delete(message.id);
            break;
          case 'event':
            for (const listener of this.#listeners) listener(message.event);
            break;
          case 'activity':
            this.#activity = message.state;
            break;
          case 'picks':
            this.#answers.get(message.id)?.(message.result);
            this.#answers.delete(message.id);
            break;
          case 'session-open':
            this.#answers.get(message.id)?.(message.open);
            this.#answers.delete(message.id);
            break;
          case 'sessions':
            this.#openSessions = message.open;
            for (const listener of this.#sessionListeners) listener(message.open);
            break;
          case 'closed':
            break;
        }
      });
      this.#worker.on('error', (error) => {
        reject(error);
        this.#failAll();
      });
      this.#worker.on('exit', () => {
        this.#alive = false;
        reject(new Error('backend worker exited before it was ready'));
        this.#failAll();
      });
    });
  }

  #failAll(): void {
    for (const resolve of this.#pending.values()) resolve({ ok: false, error: workerCrashed });
    this.#pending.clear();
    for (const resolve of this.#documents.values()) resolve(null);
    this.#documents.clear();
    for (const resolve of this.#answers.values()) resolve(undefined);
    this.#answers.clear();
  }

  call(channel: string, input: unknown, sender: Sender): Promise<Result<unknown>> {
    if (!this.#alive) return Promise.resolve({ ok: false, error: workerCrashed });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#worker.postMessage({ type: 'call', id, channel, input, sender } satisfies WorkerRequest);
    });
  }

  /** Maps a document token (issued by documents.url) to the file to serve, or null. */
  resolveDocument(token: string, session = LOCAL_SESSION): Promise<ServableDocument | null> {
    if (!this.#alive) return Promise.resolve(null);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#documents.set(id, resolve);
      this.#worker.postMessage({ type: 'resolve-document', id, token, session } satisfies WorkerRequest);
    });
  }

  /**
   * Registers files and folders the user picked in this host (a native dialog, a drop, an upload)
   * and returns the opaque handles the renderer may pass to import.start — never the paths.
   */
  registerPicks(picks: PickInput[], session = LOCAL_SESSION): Promise<Result<string[]>> {
    if (!this.#alive) return Promise.resolve({ ok: false, error: workerCrashed });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#answers.set(id, (value) => resolve((value as Result<string[]> | undefined) ?? { ok: false, error: workerCrashed }));
      this.#worker.postMessage({ type: 'register-picks', id, picks, session } satisfies WorkerRequest);
    });
  }

  /** Whether a user is logged in in that session and it is not locked. */
  sessionOpen(session = LOCAL_SESSION): Promise<boolean> {
    if (!this.#alive) return Promise.resolve(false);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#answers.set(id, (value) => resolve(value === true));
      this.#worker.postMessage({ type: 'session-open', id, session } satisfies WorkerRequest);
    });
  }

  /** Told which sessions are open whenever that changes (lock, idle lock, logout, login, unlock). */
  onSessions(listener: (open: readonly string[]) => void): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  /** Hands the portal token to the backend in memory (never through the database); null forgets it. */
  setPortalToken(token: string | null): void {
    if (this.#alive) this.#worker.postMessage({ type: 'set-portal-token', token } satisfies WorkerRequest);
  }

  /** Whether an import, a backup, a destruction run or a push is running (kept current by the worker). */
  activity(): { busy: boolean; reason?: string } {
    return this.#activity;
  }

  /** The sessions open at the last change the worker reported. */
  openSessions(): readonly string[] {
    return this.#openSessions;
  }

  onEvent(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Replaces the archive with a verified backup generation (the `backup.restore` host channel;
   * admin only, checked by the host router and again by the backend through backup.verify): the
   * backend is closed (a restore swaps the archive folder), restored, and started again on the
   * restored archive. Whoever was logged in logs in again. Refusals throw their typed error.
   */
  async restore(name: string, force: boolean, sender: Sender): Promise<RestoreResult> {
    const ask = async <T>(channel: string, input: unknown): Promise<T> => {
      const result = await this.call(channel, input, sender);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as T;
    };
    await ask('backup.verify', { name });
    const { root } = await ask<{ root: string }>('backup.list', {});
    if (!force) {
      // Decide before closing anything: a refusal must not cost the user their session.
      const health = await ask<{ intact: boolean }>('backup.archiveHealth', {});
      if (health.intact) {
        throw appError(
          'conflict',
          'Arsip sekarang masih utuh. Memulihkan akan menggantinya dengan isi cadangan yang lebih lama; centang "tetap pulihkan" bila memang itu maksudnya (arsip sekarang tetap disimpan di sampingnya).',
          'The current archive is intact. Restoring would replace it with the older backup; tick "restore anyway" if that is what you want (the current archive is kept beside it).',
        );
      }
    }
    const who = await this.call('accounts.status', {}, sender);
    const actor = who.ok ? ((who.value as { session: { user: { name: string } } | null }).session?.user.name ?? 'admin') : 'admin';
    await this.close();
    try {
      return await restoreBackup(join(root, name), this.#options.archiveDir, { force, actor, ...(this.#options.auditKey ? { auditKey: Buffer.from(this.#options.auditKey, 'base64') } : {}) });
    } finally {
      this.#start();
      await this.ready.catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.#alive) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage({ type: 'close' } satisfies WorkerRequest);
    const timer = setTimeout(() => void this.#worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
