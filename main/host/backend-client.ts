// The host side of the backend worker: forwards calls, relays events, and turns a crashed worker
// into typed errors for the calls in flight instead of hanging them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorValue, Result } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import type { Sender } from '../ipc/router.ts';
import type { BackendOptions } from './backend.ts';
import type { WorkerRequest, WorkerResponse } from './backend-protocol.ts';
import type { ServableDocument } from './document-tokens.ts';
import type { EventListener } from './events.ts';

/** Finds a sibling entry: the bundled .js next to the built host, or the .ts source next to this file. */
export function siblingEntry(importMetaUrl: string, bundled: string, source: string): URL {
  if (!importMetaUrl.endsWith('.ts')) {
    // Bundled: the entry sits in out/main/, and this code in out/main/ or in a chunk below it.
    for (const candidate of [`./${bundled}`, `../${bundled}`]) {
      const url = new URL(candidate, importMetaUrl);
      if (existsSync(fileURLToPath(url))) return url;
    }
  }
  return new URL(`./${source}`, importMetaUrl);
}

const workerCrashed: ErrorValue = {
  code: 'internal',
  message: {
    id: 'Proses latar Berkas berhenti tiba-tiba. Tutup dan buka kembali Berkas; data yang sudah tersimpan aman.',
    en: 'The Berkas background process stopped unexpectedly. Close and reopen Berkas; saved data is safe.',
  },
};

export class BackendClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #documents = new Map<number, (document: ServableDocument | null) => void>();
  readonly #listeners = new Set<EventListener>();
  #nextId = 1;
  #alive = true;
  #activity: { busy: boolean; reason?: string } = { busy: false };
  readonly ready: Promise<void>;

  constructor(options: BackendOptions) {
    const entry = siblingEntry(import.meta.url, 'backend-worker.js', 'backend-worker.ts');
    this.#worker = new Worker(entry, { workerData: options });
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

  async close(): Promise<void> {
    if (!this.#alive) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage({ type: 'close' } satisfies WorkerRequest);
    const timer = setTimeout(() => void this.#worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
