// The importer's handle on text extraction: one long-lived extract-worker, documents queued one at a
// time, a time limit per document, and a crashed or stuck worker replaced for the next document.
// A bad file must never throw, hang or take the caller down: it comes back as a status. This module
// never parses files itself and never keeps or logs a password.
import { Worker } from 'node:worker_threads';
import { appError } from '../errors.ts';
import { workerEntry } from '../kernel/worker-entry.ts';
import type { ExtractMessage, ExtractRequest, ExtractStatus } from './extract-protocol.ts';

export type { ExtractStatus } from './extract-protocol.ts';

export interface PageText {
  page: number;
  text: string;
}

export interface ExtractResult {
  status: ExtractStatus;
  /** Pages in the document (also when only some were extracted); null when it could not be opened. */
  pages: number | null;
  /** Why, for the log and the import report: pdf.js's reason, limits hit, 'wrong password'. */
  detail: string | null;
  /** The worker's V8 heap when the document finished, and its highest sample since the worker started (diagnostics). */
  heapUsed?: number;
  peakHeapUsed?: number;
}

export interface ExtractorOptions {
  /** Per document, from the moment the worker starts on it. Default 60 000. */
  timeoutMs?: number;
  /** Pages beyond this are not extracted (the result says so). Default 5000. */
  maxPages?: number;
  /** The worker's V8 old-space limit; past it the worker dies and the document is 'unreadable'. Default 512. */
  workerHeapMb?: number;
}

export interface ExtractOptions {
  mime: string;
  /** Tried once; never stored. A wrong one yields status 'password', detail 'wrong password'. */
  password?: string;
  /**
   * Called in page order as pages arrive, so text can be stored without holding the document. Pages
   * come even when the final status is 'no-text' (empty or noise) or 'timeout' (the pages done so far).
   */
  onPage(page: PageText): void;
  /** Overrides the extractor's limit for this document (very large scans, tests). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_PAGES = 5000;
/** pdf.js on a hostile file can allocate without bound; this turns that into a status, not a dead app. */
const DEFAULT_WORKER_HEAP_MB = 512;
/** Starting a worker (loading pdf.js) is not the document's time; this bounds it separately. */
const STARTUP_TIMEOUT_MS = 30_000;

/** The extract-worker entry, from source or from the bundle (see kernel/worker-entry.ts). */
export function extractWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return workerEntry(moduleUrl, 'extract-worker');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

const cancelled = () =>
  appError(
    'cancelled',
    'Ekstraksi teks dibatalkan karena pengekstrak ditutup.',
    'Text extraction was cancelled because the extractor was closed.',
  );

/** One worker thread and the job it is serving; the listeners stay attached for the worker's whole life. */
class WorkerSlot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  onMessage: ((message: ExtractMessage) => void) | null = null;
  onExit: ((why: string) => void) | null = null;
  exited = false;
  #lastError: unknown = null;

  constructor(entry: URL, heapMb: number) {
    this.worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    // An idle worker must not keep a CLI process alive; it is ref'd while it works.
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: ExtractMessage) => {
        if (message.type === 'ready') resolve();
        else this.onMessage?.(message);
      });
      this.worker.on('error', (error) => {
        this.#lastError = error;
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        const why = this.#lastError ? describe(this.#lastError) : `exit code ${code}`;
        reject(new Error(why));
        this.onExit?.(why);
      });
    });
    this.ready.catch(() => undefined);
  }
}

export class Extractor {
  readonly #entry: URL;
  readonly #timeoutMs: number;
  readonly #maxPages: number;
  readonly #heapMb: number;
  #slot: WorkerSlot | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #cancelCurrent: (() => void) | null = null;
  readonly #terminating = new Set<Promise<unknown>>();
  #nextId = 1;

  constructor(options: ExtractorOptions = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    const heapMb = options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB;
    if (!(timeoutMs > 0) || !Number.isInteger(maxPages) || maxPages < 1 || !(heapMb > 0)) {
      throw new RangeError(`Extractor: timeoutMs and workerHeapMb must be > 0 and maxPages a positive integer`);
    }
    this.#timeoutMs = timeoutMs;
    this.#maxPages = maxPages;
    this.#heapMb = heapMb;
    this.#entry = extractWorkerEntry();
  }

  /** Extracts one document after those already queued. Rejects only if the extractor is closed or onPage throws. */
  extract(file: string, options: ExtractOptions): Promise<ExtractResult> {
    return this.#enqueue(() => this.#run(file, options));
  }

  /** The worker's heap after a forced collection when possible: for memory tests and diagnostics. */
  debugHeap(): Promise<{ heapUsed: number; collected: boolean }> {
    return this.#enqueue(async () => {
      const slot = await this.#readySlot();
      if (this.#closed) throw cancelled();
      if (typeof slot === 'string') throw new Error(`extract-worker did not start: ${slot}`);
      return new Promise((resolve, reject) => {
        slot.onMessage = (message) => {
          if (message.type !== 'heap') return;
          slot.onMessage = slot.onExit = null;
          slot.worker.unref();
          resolve({ heapUsed: message.heapUsed, collected: message.collected });
        };
        slot.onExit = (why) => {
          if (this.#slot === slot) this.#slot = null;
          reject(new Error(`extract-worker stopped: ${why}`));
        };
        slot.worker.postMessage({ type: 'heap' } satisfies ExtractRequest);
      });
    });
  }

  /** Cancels the current and queued documents (they reject with 'cancelled') and stops the worker. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#cancelCurrent?.();
    this.#kill();
    await Promise.all(this.#terminating);
    await this.#queue;
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(cancelled());
    const run = this.#queue.then(() => (this.#closed ? Promise.reject(cancelled()) : job()));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #kill(): void {
    const slot = this.#slot;
    if (!slot) return;
    this.#slot = null;
    slot.onMessage = slot.onExit = null;
    const exited = slot.worker.terminate().catch(() => undefined);
    this.#terminating.add(exited);
    void exited.then(() => this.#terminating.delete(exited));
  }

  /** A started worker, ref'd until the caller's job ends, or the reason one could not be started. */
  async #readySlot(): Promise<WorkerSlot | string> {
    if (this.#slot?.exited) this.#slot = null;
    if (!this.#slot) this.#slot = new WorkerSlot(this.#entry, this.#heapMb);
    const slot = this.#slot;
    slot.worker.ref();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        slot.ready,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${seconds(STARTUP_TIMEOUT_MS)}`)), STARTUP_TIMEOUT_MS);
        }),
      ]);
      return slot;
    } catch (error) {
      this.#kill();
      return describe(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async #run(file: string, options: ExtractOptions): Promise<ExtractResult> {
    const slot = await this.#readySlot();
    if (this.#closed) throw cancelled(); // close() may have stopped the worker while it was starting
    if (typeof slot === 'string') return { status: 'unreadable', pages: null, detail: `extraction worker did not start: ${slot}` };
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const id = this.#nextId++;

    return new Promise<ExtractResult>((resolve, reject) => {
      let pages: number | null = null;
      let seen = 0;
      let settled = false;
      const progress = () => `${seen} of ${pages ?? 'an unknown number of'} pages extracted`;
      const timer = setTimeout(() => {
        this.#kill();
        finish({ result: { status: 'timeout', pages, detail: `timed out after ${seconds(timeoutMs)} (${progress()})` } });
      }, timeoutMs);
      const finish = (outcome: { result: ExtractResult } | { error: unknown }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#cancelCurrent = null;
        if (this.#slot === slot) {
          slot.onMessage = slot.onExit = null;
          slot.worker.unref();
        }
        if ('result' in outcome) resolve(outcome.result);
        else reject(outcome.error);
      };

      slot.onMessage = (message) => {
        if (!('id' in message) || message.id !== id) return;
        switch (message.type) {
          case 'opened':
            pages = message.pages;
            break;
          case 'page':
            seen++;
            try {
              options.onPage({ page: message.page, text: message.text });
            } catch (error) {
              // The caller's storage failed: stop working on a document nobody can keep.
              this.#kill();
              finish({ error });
            }
            break;
          case 'done':
            finish({
              result: {
                status: message.status,
                pages: message.pages,
                detail: message.detail,
                heapUsed: message.heapUsed,
                peakHeapUsed: message.peakHeapUsed,
              },
            });
            break;
        }
      };
      slot.onExit = (why) => {
        if (this.#slot === slot) this.#slot = null;
        finish({ result: { status: 'unreadable', pages, detail: `extraction worker stopped: ${why} (${progress()})` } });
      };
      this.#cancelCurrent = () => {
        this.#kill();
        finish({ error: cancelled() });
      };

      const request: ExtractRequest = { type: 'extract', id, file, mime: options.mime, maxPages: this.#maxPages };
      if (options.password !== undefined) request.password = options.password;
      slot.worker.postMessage(request);
    });
  }
}
