// Fills the search index with document text, one document at a time, off the calling thread
// (the Extractor runs pdf.js in a worker). Pages are written in small transactions as they arrive,
// so a long document never sits in memory whole. Documents left 'pending' by a crash are picked
// up again at start; a password is used once and never stored.
import type { DocumentInfo } from '../../preload/contract.ts';
import type { Archive } from '../archive/open.ts';
import { getDocument, pendingDocuments, setExtractResult } from '../archive/documents.ts';
import { objectPath } from '../archive/store.ts';
import type { Extractor, ExtractResult, PageText } from '../extract/extractor.ts';
import { indexPage, removeDocumentText } from './search.ts';

const PAGES_PER_TRANSACTION = 25;

export interface IndexedEvent {
  documentId: number;
  recordId: number;
  status: DocumentInfo['extractStatus'];
}

/** A page's text counts as a text layer when it holds a word; otherwise OCR may read the page. */
const WORD = /\p{L}{3,}/u;

/**
 * Told inside the transaction that stores a document's extraction result, with the pages that came
 * without text, so OCR is queued atomically with it (main/ocr's runner).
 */
export type AfterExtract = (documentId: number, mime: string, status: DocumentInfo['extractStatus'], pages: number | null, textless: number[]) => void;

export class Indexer {
  readonly #archive: Archive;
  readonly #extractor: Extractor;
  readonly #queue: number[] = [];
  readonly #queued = new Set<number>();
  #running: Promise<void> | null = null;
  #closed = false;
  onIndexed: ((event: IndexedEvent) => void) | null = null;
  afterExtract: AfterExtract | null = null;

  constructor(archive: Archive, extractor: Extractor) {
    this.#archive = archive;
    this.#extractor = extractor;
  }

  enqueue(documentIds: Iterable<number>): void {
    for (const id of documentIds) {
      if (this.#queued.has(id)) continue;
      this.#queued.add(id);
      this.#queue.push(id);
    }
    this.#kick();
  }

  /** Picks up documents a previous run left unindexed. */
  resumePending(): void {
    this.enqueue(pendingDocuments(this.#archive.db));
  }

  /** Resolves when the queue is empty. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  get pending(): number {
    return this.#queue.length;
  }

  #kick(): void {
    if (this.#running || this.#closed || this.#queue.length === 0) return;
    const run = (async () => {
      // Yield first, so `#running` is assigned before the loop can finish and clear it.
      await Promise.resolve();
      while (this.#queue.length > 0 && !this.#closed) {
        const id = this.#queue.shift()!;
        this.#queued.delete(id);
        try {
          await this.#indexOne(id);
        } catch (error) {
          // One document's failure must not stop the queue; it stays 'pending' and is retried next start.
          console.error(`indexing document ${id} failed`, error);
        }
      }
    })();
    this.#running = run.finally(() => {
      if (this.#running === guarded) this.#running = null;
    });
    const guarded = this.#running;
  }

  async #indexOne(documentId: number, password?: string): Promise<ExtractResult | null> {
    const { db, layout } = this.#archive;
    const doc = getDocument(db, documentId);
    if (!doc || doc.contentRemoved) return null;
    let batch: PageText[] = [];
    const textless: number[] = [];
    const flush = () => {
      if (batch.length === 0 || !db.open) return;
      const pages = batch;
      batch = [];
      db.transaction(() => {
        for (const p of pages) indexPage(db, doc.recordId, doc.id, p.page, p.text);
      })();
    };
    db.transaction(() => removeDocumentText(db, doc.id))();
    let result: ExtractResult;
    try {
      result = await this.#extractor.extract(objectPath(layout, doc.sha256), {
        mime: doc.mime,
        password,
        onPage: (page) => {
          if (!WORD.test(page.text)) textless.push(page.page);
          if (!page.text.trim()) return;
          batch.push(page);
          if (batch.length >= PAGES_PER_TRANSACTION) flush();
        },
      });
    } catch (error) {
      if (this.#closed) return null; // shutting down: the document stays 'pending' for next time
      throw error;
    }
    if (!db.open) return result;
    flush();
    db.transaction(() => {
      setExtractResult(db, doc.id, result.status, result.pages, result.detail);
      // OCR cannot open a locked PDF (the password is never kept), so unlocked ones are not queued.
      if (password === undefined) this.afterExtract?.(doc.id, doc.mime, result.status, result.pages, textless);
    })();
    this.onIndexed?.({ documentId: doc.id, recordId: doc.recordId, status: result.status });
    return result;
  }

  /** Extracts a locked PDF with the password the user typed; the password is not kept. */
  async unlock(documentId: number, password: string): Promise<ExtractResult | null> {
    await this.idle();
    return this.#indexOne(documentId, password);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#queue.length = 0;
    await this.idle();
  }
}
