// A pool of ocr-worker threads: pages are handed to free workers, a page that takes too long or
// crashes its worker fails alone (the worker is replaced for the next page), and the pool's size
// can change while it runs (the machine's cores minus one during bulk work, one while the user is
// at the keyboard). It never touches the database; callers store what comes back.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../kernel/worker-entry.ts';
import type { OcrLanguage } from './languages.ts';
import type { OcrMessage, OcrPageResult, OcrRequest, RenditionPage } from './ocr-protocol.ts';

export interface PageJob {
  file: string;
  mime: string;
  page: number;
  dpi: number;
  languages: OcrLanguage[];
}

export interface RenditionJob {
  file: string;
  mime: string;
  target: string;
  pages: RenditionPage[];
}

export interface OcrPoolOptions {
  /** Workers at most (default: cores − 1, at least 1). */
  size?: number;
  /** Per page, from the moment a worker starts on it. Default 180 000. */
  pageTimeoutMs?: number;
  /** A worker's V8 old-space limit; a page that needs more fails alone. Default 1024. */
  workerHeapMb?: number;
}

/** Why a page failed: shown to the user as the page's reason, so in plain words. */
export class PageFailure extends Error {
  readonly kind: 'timeout' | 'crash' | 'error' | 'cancelled';
  constructor(message: string, kind: PageFailure['kind']) {
    super(message);
    this.kind = kind;
  }
}

/** cores − 1, at least 1: the user's own work keeps one core. */
export function bulkPoolSize(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

const STARTUP_TIMEOUT_MS = 60_000;

export function ocrWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return workerEntry(moduleUrl, 'ocr-worker');
}

type Task =
  | { kind: 'page'; job: PageJob; resolve: (r: OcrPageResult) => void; reject: (e: PageFailure) => void; signal?: AbortSignal }
  | { kind: 'rendition'; job: RenditionJob; resolve: (pages: number) => void; reject: (e: PageFailure) => void; signal?: AbortSignal };

class Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  busy = false;
  exited = false;
  lastFile: string | null = null;
  onMessage: ((m: OcrMessage) => void) | null = null;
  onExit: ((why: string) => void) | null = null;
  #error: unknown = null;

  constructor(entry: URL, heapMb: number) {
    this.worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: OcrMessage) => {
        if (m.type === 'ready') resolve();
        else this.onMessage?.(m);
      });
      this.worker.on('error', (error) => {
        this.#error = error;
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        const why = this.#error instanceof Error ? this.#error.message : this.#error ? String(this.#error) : `exit code ${code}`;
        reject(new Error(why));
        this.onExit?.(why);
      });
    });
    this.ready.catch(() => undefined);
  }
}

export class OcrPool {
  readonly #entry: URL;
  readonly #timeoutMs: number;
  readonly #heapMb: number;
  #size: number;
  readonly #slots = new Set<Slot>();
  readonly #waiting: Task[] = [];
  #nextId = 1;
  #closed = false;
  readonly #exiting = new Set<Promise<unknown>>();

  constructor(options: OcrPoolOptions = {}) {
    this.#size = Math.max(1, Math.floor(options.size ?? bulkPoolSize()));
    this.#timeoutMs = options.pageTimeoutMs ?? 180_000;
    this.#heapMb = options.workerHeapMb ?? 1024;
    this.#entry = ocrWorkerEntry();
  }

  get size(): number {
    return this.#size;
  }

  /** Workers beyond the new size finish their page and then stop. */
  setSize(size: number): void {
    this.#size = Math.max(1, Math.floor(size));
    this.#pump();
  }

  /** Pages waiting for a worker plus pages being read. */
  get load(): number {
    return this.#waiting.length + [...this.#slots].filter((s) => s.busy).length;
  }

  recognise(job: PageJob, signal?: AbortSignal): Promise<OcrPageResult> {
    return new Promise((resolve, reject) => this.#submit({ kind: 'page', job, resolve, reject, signal }));
  }

  rendition(job: RenditionJob): Promise<number> {
    return new Promise((resolve, reject) => this.#submit({ kind: 'rendition', job, resolve, reject }));
  }

  /** Tells workers holding this file open to let it go (its last page is done). */
  release(file: string): void {
    for (const slot of this.#slots) {
      if (slot.lastFile === file && !slot.busy && !slot.exited) {
        slot.lastFile = null;
        slot.worker.postMessage({ type: 'release' } satisfies OcrRequest);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#waiting.splice(0)) task.reject(new PageFailure('OCR was stopped', 'cancelled'));
    for (const slot of [...this.#slots]) this.#kill(slot);
    // A terminating worker does not keep the event loop alive; without this a CLI could exit
    // before its workers are gone (and skip whatever follows close()).
    const keepAlive = setInterval(() => {}, 1000);
    try {
      await Promise.all(this.#exiting);
    } finally {
      clearInterval(keepAlive);
    }
  }

  #submit(task: Task): void {
    if (this.#closed) return task.reject(new PageFailure('OCR was stopped', 'cancelled'));
    if (task.signal?.aborted) return task.reject(new PageFailure('cancelled', 'cancelled'));
    task.signal?.addEventListener(
      'abort',
      () => {
        const at = this.#waiting.indexOf(task);
        if (at >= 0) {
          this.#waiting.splice(at, 1);
          task.reject(new PageFailure('cancelled', 'cancelled'));
        }
      },
      { once: true },
    );
    this.#waiting.push(task);
    this.#pump();
  }

  #kill(slot: Slot): void {
    this.#slots.delete(slot);
    slot.onMessage = slot.onExit = null;
    const exited = slot.worker.terminate().catch(() => undefined);
    this.#exiting.add(exited);
    void exited.then(() => this.#exiting.delete(exited));
  }

  #pump(): void {
    if (this.#closed) return;
    // Shrink: idle workers above the size go now; busy ones when their page is done.
    for (const slot of this.#slots) if (this.#slots.size > this.#size && !slot.busy) this.#kill(slot);
    while (this.#waiting.length > 0) {
      const idle = [...this.#slots].filter((s) => !s.busy && !s.exited);
      let slot: Slot | undefined;
      // A worker that has this file open renders its next page without parsing the file again.
      const task = this.#waiting[0]!;
      slot = idle.find((s) => s.lastFile === task.job.file) ?? idle[0];
      if (!slot) {
        if (this.#slots.size >= this.#size) return;
        slot = new Slot(this.#entry, this.#heapMb);
        this.#slots.add(slot);
      }
      this.#waiting.shift();
      void this.#run(slot, task);
    }
  }

  async #run(slot: Slot, task: Task): Promise<void> {
    slot.busy = true;
    slot.worker.ref();
    const finish = () => {
      slot.busy = false;
      slot.onMessage = slot.onExit = null;
      slot.worker.unref();
      if (slot.exited) this.#slots.delete(slot);
      this.#pump();
    };
    let startTimer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        slot.ready,
        new Promise((_, reject) => {
          startTimer = setTimeout(() => reject(new Error(`the OCR worker did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      clearTimeout(startTimer);
      this.#kill(slot);
      task.reject(new PageFailure(`the OCR worker could not start: ${(error as Error).message}`, 'crash'));
      finish();
      return;
    }
    clearTimeout(startTimer);
    if (this.#closed) {
      task.reject(new PageFailure('OCR was stopped', 'cancelled'));
      finish();
      return;
    }
    const id = this.#nextId++;
    await new Promise<void>((done) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        task.signal?.removeEventListener('abort', onAbort);
        fn();
        done();
      };
      const limit = (ms: number, what: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.#kill(slot);
          settle(() => task.reject(new PageFailure(`${what} after ${Math.round(ms / 1000)} s`, 'timeout')));
        }, ms);
      };
      // Loading the engine (first page, or new languages) has its own limit; the page's starts at 'begin'.
      limit(STARTUP_TIMEOUT_MS, 'the OCR engine did not load');
      const onAbort = () => {
        this.#kill(slot);
        settle(() => task.reject(new PageFailure('cancelled', 'cancelled')));
      };
      task.signal?.addEventListener('abort', onAbort, { once: true });
      slot.onMessage = (m) => {
        if (!('id' in m) || m.id !== id) return;
        if (m.type === 'begin') limit(this.#timeoutMs, 'timed out');
        else if (m.type === 'error') settle(() => task.reject(new PageFailure(m.reason, 'error')));
        else if (m.type === 'page' && task.kind === 'page') settle(() => task.resolve(m.result));
        else if (m.type === 'rendition' && task.kind === 'rendition') settle(() => task.resolve(m.pages));
      };
      slot.onExit = (why) => {
        this.#slots.delete(slot);
        settle(() => task.reject(new PageFailure(`the OCR worker stopped (${why})`, 'crash')));
      };
      slot.lastFile = task.job.file;
      const request: OcrRequest = task.kind === 'page' ? { type: 'page', id, ...task.job } : { type: 'rendition', id, ...task.job };
      slot.worker.postMessage(request);
    });
    finish();
  }
}
