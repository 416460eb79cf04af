// The OCR queue: reads the pages text extraction found without text, through the worker pool, and
// stores each page as it comes (its text into the search index, its words with boxes into
// ocr_pages) in one transaction per page, so a crash loses at most the pages being read and a
// restart carries on from the database. It decides each document's OCR status, builds the
// searchable preview of a finished scan, sizes the pool (cores − 1 during bulk work, one worker
// while the user is active) and holds back entirely in idle-time mode while someone works.
// It never rewrites an original file and never reads a destroyed document.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { OcrProgress, OcrQueue } from '../../preload/contract/ocr.ts';
import type { Archive } from '../archive/open.ts';
import { setOcrState, setRenditionBuilt } from '../archive/documents.ts';
import { ocrDocument, scansNeverRead, type OcrDocumentRow } from '../archive/queries.ts';
import { objectPath } from '../archive/store.ts';
import { indexPage } from '../search/search.ts';
import type { OcrLanguage } from './languages.ts';
import { isOcrable, ocrSummary, pageKey, pendingPageCount, pendingPages, pendingQueueCounts, planOcr, plannedPageCount, renditionPages, requeueFailed, storePageFailure, storePageResult, type PendingPage } from './pages.ts';
import { bulkPoolSize, PageFailure, type OcrPool } from './pool.ts';
import { ocrSettings } from './settings.ts';

/** Tesseract's own advice: about 300 dpi; less loses small print, more only costs time. */
export const DEFAULT_OCR_DPI = 300;
/** Documents longer than this are read up to here (the status says so). */
const MAX_OCR_PAGES = 2000;
/** How often a run held back for idle time looks again whether the user has gone. */
const IDLE_RECHECK_MS = 2000;

export interface OcrRunnerOptions {
  /** True while a person is using the app: the pool shrinks to one worker, idle-time mode waits. */
  userActive?: () => boolean;
  /** Workers during bulk work (default cores − 1, at least 1). */
  bulkSize?: number;
  dpi?: number;
  onProgress?: (progress: OcrProgress) => void;
  log?: (message: string, error?: unknown) => void;
}

type DocRow = OcrDocumentRow;

export class OcrRunner {
  readonly #archive: Archive;
  readonly #pool: OcrPool;
  readonly #userActive: () => boolean;
  readonly #bulkSize: number;
  readonly #dpi: number;
  readonly #onProgress: (p: OcrProgress) => void;
  readonly #log: (message: string, error?: unknown) => void;
  readonly #inFlight = new Map<string, { documentId: number; controller: AbortController }>();
  readonly #renditions = new Map<number, Promise<string | null>>();
  #waiting: OcrQueue['waiting'] = null;
  #recheck: NodeJS.Timeout | null = null;
  #closed = false;
  #idleWaiters: (() => void)[] = [];

  constructor(archive: Archive, pool: OcrPool, options: OcrRunnerOptions = {}) {
    this.#archive = archive;
    this.#pool = pool;
    this.#userActive = options.userActive ?? (() => false);
    this.#bulkSize = options.bulkSize ?? bulkPoolSize();
    this.#dpi = options.dpi ?? DEFAULT_OCR_DPI;
    this.#onProgress = options.onProgress ?? (() => {});
    this.#log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  }

  /**
   * Called by the indexer inside the transaction that stores a document's extraction result:
   * queues the pages that came without text. Returns the number of pages queued.
   */
  planAfterExtraction(documentId: number, mime: string, status: string, pages: number | null, textless: readonly number[]): number {
    if (!isOcrable(mime) || !ocrSettings(this.#archive.db).enabled) return 0;
    if (status !== 'ok' && status !== 'no-text') return 0;
    const wanted = mime === 'application/pdf' ? textless : range(pages ?? 1);
    return planOcr(this.#archive.db, documentId, wanted.filter((p) => p <= MAX_OCR_PAGES));
  }

  /** Queues scans stored before OCR existed or while it was off, then starts reading. */
  start(): void {
    const { db } = this.#archive;
    if (ocrSettings(db).enabled) {
      const docs = scansNeverRead(db);
      db.transaction(() => {
        for (const d of docs) planOcr(db, d.id, range(Math.min(d.pages ?? 1, MAX_OCR_PAGES)));
      })();
    }
    this.kick();
  }

  /** Looks for work now (after an import, a retry, a settings change). */
  kick(): void {
    if (this.#closed) return;
    queueMicrotask(() => this.#pump());
  }

  queue(): OcrQueue {
    const { db } = this.#archive;
    const counts = pendingQueueCounts(db);
    return { ...counts, reading: this.#inFlight.size, workers: this.#pool.size, waiting: this.#waiting };
  }

  /** Stops reading a document; pages already read stay searchable. */
  cancel(documentId: number): boolean {
    const { db } = this.#archive;
    const doc = this.#doc(documentId);
    if (!doc || doc.ocr_status !== 'pending') return false;
    setOcrState(db, documentId, { status: 'cancelled', detail: 'cancelled by a user' });
    for (const [, flight] of this.#inFlight) if (flight.documentId === documentId) flight.controller.abort();
    this.#emit(documentId);
    this.kick();
    return true;
  }

  /** Reads a document's failed, cancelled or never-read pages again. Returns the pages queued. */
  retry(documentId: number): number {
    const { db } = this.#archive;
    const doc = this.#doc(documentId);
    if (!doc || doc.content_removed_at || !isOcrable(doc.mime)) return 0;
    const queued = db.transaction(() => {
      let n = requeueFailed(db, documentId);
      const known = plannedPageCount(db, documentId);
      // Never planned (OCR was off, or an old archive): every page of a scan, or of an image.
      if (known === 0) n += planOcr(db, documentId, range(Math.min(doc.pages ?? 1, MAX_OCR_PAGES)));
      const pending = pendingPageCount(db, documentId);
      if (pending > 0) setOcrState(db, documentId, { status: 'pending' });
      return pending > 0 ? Math.max(n, pending) : 0;
    })();
    if (queued > 0) {
      this.#emit(documentId);
      this.kick();
    }
    return queued;
  }

  /** Resolves when nothing is being read and nothing readable is waiting (tests, the CLI). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * The file the preview should serve for a document: its searchable rendition when one exists or
   * can be built (scans with OCR words; every TIFF, which browsers cannot show), else null.
   */
  async rendition(documentId: number): Promise<string | null> {
    const doc = this.#doc(documentId);
    if (!doc || doc.content_removed_at) return null;
    const target = this.#renditionPath(documentId);
    const wanted = doc.mime === 'image/tiff' || doc.rendition_at !== null;
    if (!wanted) return null;
    if (doc.rendition_at !== null && existsSync(target)) return target;
    return this.#buildRendition(doc);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#recheck) clearTimeout(this.#recheck);
    for (const [, flight] of this.#inFlight) flight.controller.abort();
    await Promise.allSettled([...this.#renditions.values()]);
    this.#resolveIdle(true);
  }

  // ---- internals -----------------------------------------------------------------------------

  #doc(documentId: number): DocRow | undefined {
    return ocrDocument(this.#archive.db, documentId);
  }

  #renditionPath(documentId: number): string {
    return join(this.#archive.layout.renditions, `${documentId}.pdf`);
  }

  #isIdle(): boolean {
    if (this.#inFlight.size > 0 || this.#renditions.size > 0) return false;
    if (this.#closed || !this.#archive.db.open) return true;
    return this.#waiting !== null || pendingPages(this.#archive.db, 1, new Set()).length === 0;
  }

  #resolveIdle(force = false): void {
    if (!force && !this.#isIdle()) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #pump(): void {
    if (this.#closed || !this.#archive.db.open) return this.#resolveIdle(true);
    const settings = ocrSettings(this.#archive.db);
    const active = this.#userActive();
    this.#waiting = !settings.enabled ? 'disabled' : settings.when === 'idle' && active ? 'user-active' : null;
    if (this.#waiting === 'user-active') this.#scheduleRecheck();
    if (this.#waiting) return this.#resolveIdle();
    const target = active ? 1 : this.#bulkSize;
    this.#pool.setSize(target);
    // While someone works the queue keeps to one worker, so it looks again once they stop.
    if (active) this.#scheduleRecheck();
    const free = target - this.#inFlight.size;
    if (free > 0) {
      for (const page of pendingPages(this.#archive.db, free, new Set(this.#inFlight.keys()))) this.#read(page, settings.languages);
    }
    this.#resolveIdle();
  }

  #scheduleRecheck(): void {
    if (this.#recheck) return;
    this.#recheck = setTimeout(() => {
      this.#recheck = null;
      this.#pump();
    }, IDLE_RECHECK_MS);
    this.#recheck.unref();
  }

  #read(page: PendingPage, languages: OcrLanguage[]): void {
    const key = pageKey(page.documentId, page.page);
    const controller = new AbortController();
    this.#inFlight.set(key, { documentId: page.documentId, controller });
    const file = objectPath(this.#archive.layout, page.sha256);
    const job = { file, mime: page.mime, page: page.page, dpi: this.#dpi, languages };
    void this.#pool
      .recognise(job, controller.signal)
      .then(
        (result) => this.#store(page, () => {
          const { db } = this.#archive;
          storePageResult(db, page.documentId, result, new Date().toISOString());
          indexPage(db, page.recordId, page.documentId, page.page, result.text);
        }),
        (error: unknown) => {
          // A cancelled page stays pending: a retry or a restart reads it again.
          if (error instanceof PageFailure && error.kind === 'cancelled') return;
          const reason = error instanceof Error ? error.message : String(error);
          this.#store(page, () => storePageFailure(this.#archive.db, page.documentId, page.page, `page ${page.page}: ${reason}`, new Date().toISOString()));
        },
      )
      .catch((error: unknown) => this.#log(`OCR of document ${page.documentId} page ${page.page} could not be stored`, error))
      .finally(() => {
        this.#inFlight.delete(key);
        void this.#finishDocument(page.documentId, file);
        this.#pump();
      });
  }

  /** Stores a page's outcome unless the document was destroyed or cancelled meanwhile. */
  #store(page: PendingPage, write: () => void): void {
    const { db } = this.#archive;
    if (!db.open) return;
    db.transaction(() => {
      const doc = this.#doc(page.documentId);
      if (!doc || doc.content_removed_at || doc.ocr_status !== 'pending') return;
      write();
    })();
    this.#emit(page.documentId);
  }

  async #finishDocument(documentId: number, file: string): Promise<void> {
    const { db } = this.#archive;
    if (!db.open) return;
    for (const flight of this.#inFlight.values()) if (flight.documentId === documentId) return;
    const doc = this.#doc(documentId);
    if (!doc) return;
    const summary = ocrSummary(db, documentId);
    if (doc.ocr_status === 'pending' && summary.pending > 0) return;
    this.#pool.release(file);
    if (doc.ocr_status !== 'pending') return;
    const languages = ocrSettings(db).languages.join('+');
    if (summary.done > 0) {
      const detail = summary.failed > 0 ? `${summary.failed} of ${summary.total} pages could not be read (first: ${summary.firstFailure!.detail})` : null;
      setOcrState(db, documentId, { status: 'done', confidence: summary.confidence, detail, languages });
    } else {
      setOcrState(db, documentId, { status: 'failed', detail: summary.firstFailure?.detail ?? 'no page could be read', languages });
    }
    this.#emit(documentId);
    if (summary.done > 0) await this.#buildRendition(this.#doc(documentId)!);
  }

  #buildRendition(doc: DocRow): Promise<string | null> {
    const running = this.#renditions.get(doc.id);
    if (running) return running;
    const build = (async () => {
      const { db, layout } = this.#archive;
      const target = this.#renditionPath(doc.id);
      try {
        await mkdir(layout.renditions, { recursive: true });
        await this.#pool.rendition({ file: objectPath(layout, doc.sha256), mime: doc.mime, target, pages: renditionPages(db, doc.id) });
        if (!db.open) return null;
        const now = this.#doc(doc.id);
        // Destroyed while it was being built: the rendition is content too.
        if (!now || now.content_removed_at) return null;
        setRenditionBuilt(db, doc.id, new Date().toISOString());
        return target;
      } catch (error) {
        this.#log(`the searchable preview of document ${doc.id} could not be built`, error);
        return null;
      }
    })();
    this.#renditions.set(doc.id, build);
    void build.finally(() => {
      this.#renditions.delete(doc.id);
      this.#resolveIdle();
    });
    return build;
  }

  #emit(documentId: number): void {
    const { db } = this.#archive;
    if (!db.open) return;
    const doc = this.#doc(documentId);
    if (!doc || !doc.ocr_status) return;
    const summary = ocrSummary(db, documentId);
    const confidence = doc.ocr_confidence;
    this.#onProgress({
      documentId,
      recordId: doc.record_id,
      status: doc.ocr_status as OcrProgress['status'],
      pagesDone: summary.done + summary.failed,
      pagesTotal: summary.total,
      confidence,
      queue: this.queue(),
    });
  }
}

function range(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i + 1);
}
