// Worker-thread entry that reads one page at a time: rasterises it (raster.ts) and recognises it
// with tesseract.js, whose engine runs in a thread of its own started from here (tesseract-thread)
// with trained data from the installed packages only. It also builds searchable previews
// (rendition.ts). One job at a time; every request gets exactly one answer. It never writes to the
// archive database and never touches the original file except to read it. The pool kills this
// thread when a page takes too long, so nothing here needs to defend against its own hang.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import type * as TesseractTypes from 'tesseract.js';
import { workerEntry } from '../kernel/worker-entry.ts';
import { languageDir, type OcrLanguage } from './languages.ts';
import type { OcrMessage, OcrPageResult, OcrRequest, OcrWord } from './ocr-protocol.ts';
import { closeCached, rasterise, toPgm } from './raster.ts';
import { buildRendition } from './rendition.ts';

const port = parentPort;
if (!port) throw new Error('ocr-worker must run in a worker thread');
const post = (message: OcrMessage) => port.postMessage(message);

const load = createRequire(import.meta.url);
const Tesseract = load('tesseract.js') as typeof TesseractTypes;

type Engine = Awaited<ReturnType<typeof Tesseract.createWorker>>;
let engine: { key: string; worker: Engine } | null = null;

async function engineFor(languages: OcrLanguage[]): Promise<Engine> {
  const key = languages.join('+');
  if (engine?.key === key) return engine.worker;
  if (engine) await engine.worker.terminate();
  engine = null;
  // tesseract-thread maps <lang>.traineddata.gz under this folder to each language's own package.
  const langPath = dirname(dirname(languageDir(languages[0]!)));
  const worker = await Tesseract.createWorker(key, Tesseract.OEM.LSTM_ONLY, {
    workerPath: fileURLToPath(workerEntry(import.meta.url, 'tesseract-thread')),
    langPath,
    cacheMethod: 'none',
    gzip: true,
    errorHandler: () => undefined,
  });
  // The engine's notes ("Image too small to scale") are for its developers, not our log.
  await worker.setParameters({ debug_file: '/dev/null' } as never);
  engine = { key, worker };
  return worker;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function recognisePage(req: Extract<OcrRequest, { type: 'page' }>): Promise<OcrPageResult> {
  const worker = await engineFor(req.languages);
  post({ type: 'begin', id: req.id });
  const t0 = performance.now();
  const raster = await rasterise(req.file, req.mime, req.page, req.dpi);
  const t1 = performance.now();
  const { data } = await worker.recognize(Buffer.from(toPgm(raster)), {}, { text: true, blocks: true });
  const words: OcrWord[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const text = word.text.trim();
          if (!text) continue;
          const { x0, y0, x1, y1 } = word.bbox;
          const [blx, bly] = raster.toPoints(x0, y1);
          const [brx, bry] = raster.toPoints(x1, y1);
          const [tlx, tly] = raster.toPoints(x0, y0);
          words.push([text, Math.round(word.confidence), round(blx), round(bly), round(brx), round(bry), round(tlx), round(tly)]);
        }
      }
    }
  }
  const confidence = words.length > 0 ? words.reduce((n, w) => n + w[1], 0) / words.length : 0;
  return {
    page: req.page,
    text: data.text,
    confidence: round(confidence),
    words,
    width: round(raster.pageWidth),
    height: round(raster.pageHeight),
    dpi: raster.dpi,
    renderMs: Math.round(t1 - t0),
    recogniseMs: Math.round(performance.now() - t1),
  };
}

function reason(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

async function handle(req: Exclude<OcrRequest, { type: 'release' }>): Promise<OcrMessage> {
  try {
    if (req.type === 'page') return { type: 'page', id: req.id, result: await recognisePage(req) };
    post({ type: 'begin', id: req.id });
    const pages = await buildRendition(req.file, req.mime, req.target, req.pages);
    await closeCached();
    return { type: 'rendition', id: req.id, pages };
  } catch (error) {
    await closeCached().catch(() => undefined);
    return { type: 'error', id: req.id, reason: reason(error) };
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: OcrRequest) => {
  queue = queue.then(async () => {
    if (message.type === 'release') await closeCached();
    else post(await handle(message));
  });
});
post({ type: 'ready' });
