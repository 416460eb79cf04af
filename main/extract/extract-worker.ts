// Worker-thread entry that turns one file at a time into page texts. It owns pdf.js, which in Node
// parses on the calling thread, so it must only ever run here, never on the main or backend thread.
// It never writes anywhere, never reports a password back, and answers every request with exactly
// one 'done' (a document pdf.js rejects is a status, not a crash).
import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { ownBuffer, tiffDirectories } from '../ocr/tiff.ts';
import type { ExtractMessage, ExtractRequest } from './extract-protocol.ts';

const port = parentPort;
if (!port) throw new Error('extract-worker must run in a worker thread');

const post = (message: ExtractMessage) => port.postMessage(message);

/**
 * A text layer counts as text when the document has this many letters in all, or at least one word
 * (WORD). Less than that is what scans carry by accident: page numbers, stray OCR marks from a
 * page's edge. Short real text ("Hello world") still counts; such a file would gain nothing from OCR.
 */
const MIN_LETTERS = 20;
const WORD = /\p{L}{3,}/u;
/** Free pdf.js's per-document caches (fonts, parsed objects) this often, or heap grows per page. */
const DOC_CLEANUP_EVERY = 50;
/** Plain-text files are cut here: anything larger is a data dump, not a record to search. */
const TEXT_CAP_BYTES = 4 * 1024 * 1024;

// Resolve pdf.js's data folders from the installed package, so this works from source and from
// out/main/ after bundling. Node reads them with fs, so plain paths with a trailing separator do.
const resolveModule = createRequire(import.meta.url);
const pdfjsRoot = dirname(resolveModule.resolve('pdfjs-dist/package.json'));
const dataDir = (name: string) => join(pdfjsRoot, name) + sep;

// Giving pdf.js its worker module up front makes it run in-thread without importing a relative
// worker path of its own, which fails if pdf.js itself gets bundled, and without the browser-style
// Worker it would try in an Electron utility process (research §3.4). The specifier is a variable
// because the worker build ships no type declarations.
const pdfWorkerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as Record<string, unknown>).pdfjsWorker = await import(pdfWorkerModule);
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

type Done = Extract<ExtractMessage, { type: 'done' }>;
type Request = Extract<ExtractRequest, { type: 'extract' }>;

let peakHeap = 0;
function sampleHeap(): number {
  const used = process.memoryUsage().heapUsed;
  if (used > peakHeap) peakHeap = used;
  return used;
}

function done(id: number, status: Done['status'], pages: number | null, detail: string | null): Done {
  return { type: 'done', id, status, pages, detail, heapUsed: sampleHeap(), peakHeapUsed: peakHeap };
}

function reason(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

function countLetters(text: string, enough: number): number {
  let n = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) if (++n >= enough) break;
  return n;
}

async function extractPdf(req: Request): Promise<Done> {
  const bytes = await readFile(req.file);
  // pdf.js refuses a Buffer; a view over the same memory avoids a copy.
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const task = pdfjs.getDocument({
    data,
    password: req.password,
    useWorkerFetch: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    standardFontDataUrl: dataDir('standard_fonts'),
    cMapUrl: dataDir('cmaps'),
    cMapPacked: true,
    wasmUrl: dataDir('wasm'),
    iccUrl: dataDir('iccs'),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (error) {
      if (error instanceof pdfjs.PasswordException) {
        const wrong = error.code === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
        return done(req.id, 'password', null, wrong ? 'wrong password' : 'password required');
      }
      return done(req.id, 'unreadable', null, reason(error));
    }
    const total = doc.numPages;
    post({ type: 'opened', id: req.id, pages: total });
    const limit = Math.min(total, req.maxPages);
    let letters = 0;
    let meaningful = false;
    let failed = 0;
    let firstFailure: string | null = null;
    for (let p = 1; p <= limit; p++) {
      let text = '';
      try {
        const page = await doc.getPage(p);
        try {
          const content = await page.getTextContent();
          for (const item of content.items) {
            if (!('str' in item)) continue;
            text += item.str;
            if (item.hasEOL) text += '\n';
          }
        } finally {
          page.cleanup();
        }
      } catch (error) {
        failed++;
        firstFailure ??= `page ${p}: ${reason(error)}`;
      }
      post({ type: 'page', id: req.id, page: p, text });
      if (!meaningful) {
        letters += countLetters(text, MIN_LETTERS - letters);
        meaningful = letters >= MIN_LETTERS || WORD.test(text);
      }
      if (p % DOC_CLEANUP_EVERY === 0) await doc.cleanup();
      sampleHeap();
    }
    const notes: string[] = [];
    if (limit < total) notes.push(`text taken from the first ${limit} of ${total} pages (page limit)`);
    if (failed > 0) notes.push(`${failed} of ${limit} pages could not be read (first: ${firstFailure})`);
    const detail = notes.length > 0 ? notes.join('; ') : null;
    if (limit > 0 && failed === limit) return done(req.id, 'unreadable', total, detail);
    return done(req.id, meaningful ? 'ok' : 'no-text', total, detail);
  } finally {
    await task.destroy();
  }
}

/** Decodes by BOM, then strict UTF-8, then Windows-1252 (older Indonesian office exports). */
function decodeText(bytes: Uint8Array, truncated: boolean): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    // stream:true tolerates a character cut in half by the size cap.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function extractText(req: Request): Promise<Done> {
  const handle = await open(req.file, 'r');
  let bytes: Uint8Array;
  let size: number;
  try {
    size = (await handle.stat()).size;
    bytes = new Uint8Array(Math.min(size, TEXT_CAP_BYTES));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    bytes = bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const truncated = size > bytes.length;
  const text = decodeText(bytes, truncated);
  post({ type: 'page', id: req.id, page: 1, text });
  const detail = truncated ? `text cut to the first ${bytes.length} of ${size} bytes` : null;
  return done(req.id, text.trim() === '' ? 'no-text' : 'ok', 1, detail);
}

async function handle(req: Request): Promise<Done> {
  peakHeap = 0; // peaks are per document
  sampleHeap();
  try {
    if (req.mime === 'application/pdf') return await extractPdf(req);
    if (req.mime.startsWith('text/')) return await extractText(req);
    if (req.mime === 'image/tiff') {
      // A scan's pages are counted here so OCR and the preview know them; the pixels wait for OCR.
      let pages: number;
      try {
        pages = tiffDirectories(ownBuffer(await readFile(req.file))).length;
      } catch (error) {
        if ((error as { code?: unknown }).code) throw error;
        return done(req.id, 'unreadable', null, `not a readable TIFF: ${reason(error)}`);
      }
      return pages > 0 ? done(req.id, 'no-text', pages, null) : done(req.id, 'unreadable', 0, 'the TIFF holds no page');
    }
    if (req.mime.startsWith('image/')) {
      await stat(req.file); // a missing image is unreadable, not an empty scan
      return done(req.id, 'no-text', 1, null);
    }
    return done(req.id, 'unsupported', null, `no text extractor for ${req.mime}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return done(req.id, 'unreadable', null, typeof code === 'string' ? `cannot read file (${code})` : reason(error));
  }
}

/**
 * Heap after a full collection when one can be forced, for the memory tests and diagnostics. Only
 * on request: exposing gc flips a process-wide V8 flag, and a full collection per document would
 * cost time for nothing.
 */
function measureHeap(): Extract<ExtractMessage, { type: 'heap' }> {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    return { type: 'heap', heapUsed: process.memoryUsage().heapUsed, collected: true };
  } catch {
    return { type: 'heap', heapUsed: process.memoryUsage().heapUsed, collected: false };
  }
}

// One document at a time even if the host sends more; the chain keeps them in order.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ExtractRequest) => {
  queue = queue.then(async () => {
    if (message.type === 'heap') post(measureHeap());
    else post(await handle(message));
  });
});
post({ type: 'ready' });
