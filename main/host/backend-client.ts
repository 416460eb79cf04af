// The host side of the backend worker: forwards calls, relays events, and turns a crashed worker
// into typed errors for the calls in flight instead of hanging them.
import { Worker } from 'node:worker_threads';
import type { ErrorValue, Result } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { ownerOnlyUmask } from '../kernel/private-files.ts';
import { toErrorValue } from '../ipc/router.ts';
import { workerEntry } from '../kernel/worker-entry.ts';
import { restoreBackup, type RestoreResult } from '../ops/restore.ts';
import { join } from 'node:path';
import type { Sender } from '../ipc/router.ts';
import type { BackendOptions } from './backend.ts';
import type { WorkerRequest, WorkerResponse } from './backend-protocol.ts';
import type { ServableDocument } from './document-tokens.ts';
import type { EventListener } from './events.ts';

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
  resolveDocument(token: string): Promise<ServableDocument | null> {
    if (!this.#alive) return Promise.resolve(null);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#documents.set(id, resolve);
      this.#worker.postMessage({ type: 'resolve-document', id, token } satisfies WorkerRequest);
    });
  }

  /** Hands the portal token to the backend in memory (never through the database); null forgets it. */
  setPortalToken(token: string | null): void {
    if (this.#alive) this.#worker.postMessage({ type: 'set-portal-token', token } satisfies WorkerRequest);
  }

  /** Whether an import, a backup, a destruction run or a push is running (kept current by the worker). */
  activity(): { busy: boolean; reason?: string } {
    return this.#activity;
  }

  onEvent(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Replaces the archive with a verified backup generation (admin only): the role is checked by
   * the router through backup.verify, the backend is closed (a restore swaps the archive folder),
   * restored, and started again on the restored archive. Whoever was logged in logs in again.
   */
  async restore(name: string, force: boolean, sender: Sender): Promise<Result<RestoreResult>> {
    const check = await this.call('backup.verify', { name }, sender);
    if (!check.ok) return check;
    const list = await this.call('backup.list', {}, sender);
    if (!list.ok) return list;
    const { root } = list.value as { root: string };
    if (!force) {
      // Decide before closing anything: a refusal must not cost the user their session.
      const health = await this.call('backup.archiveHealth', {}, sender);
      if (!health.ok) return health;
      if ((health.value as { intact: boolean }).intact) {
        return {
          ok: false,
          error: {
            code: 'conflict',
            message: {
              id: 'Arsip sekarang masih utuh. Memulihkan akan menggantinya dengan isi cadangan yang lebih lama; centang "tetap pulihkan" bila memang itu maksudnya (arsip sekarang tetap disimpan di sampingnya).',
              en: 'The current archive is intact. Restoring would replace it with the older backup; tick "restore anyway" if that is what you want (the current archive is kept beside it).',
            },
          },
        };
      }
    }
    const who = await this.call('accounts.status', {}, sender);
    const actor = who.ok ? ((who.value as { session: { user: { name: string } } | null }).session?.user.name ?? 'admin') : 'admin';
    await this.close();
    try {
      const result = await restoreBackup(join(root, name), this.#options.archiveDir, { force, actor });
      return { ok: true, value: result };
    } catch (error) {
      return { ok: false, error: error instanceof AppError ? error.toValue() : toErrorValue(error, 'restore') };
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
