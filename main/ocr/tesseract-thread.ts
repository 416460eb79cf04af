// The thread tesseract.js runs its engine in (given to createWorker as workerPath): the library's
// own worker script with a file adapter that reads trained data ONLY from the installed
// @tesseract.js-data packages and refuses every fetch, so OCR can never reach the network and never
// writes a cache file. Nothing else runs here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { isOcrLanguage, languageDir } from './languages.ts';

const port = parentPort;
if (!port) throw new Error('tesseract-thread must run in a worker thread');

const load = createRequire(import.meta.url);
// tesseract.js ships no types for its worker script; these are the two entry points it documents
// for custom workers (see its worker-script/node/index.js, which this file replaces).
const script = load('tesseract.js/src/worker-script/index.js') as {
  dispatchHandlers(packet: unknown, send: (message: unknown) => void): void;
  setAdapter(adapter: Record<string, unknown>): void;
};
const getCore = load('tesseract.js/src/worker-script/node/getCore.js') as unknown;

/** Only `<lang>.traineddata.gz` of a shipped language, from its package folder. */
function readTrainedData(path: string): Promise<Uint8Array> {
  const match = /^([a-z_]+)\.traineddata\.gz$/.exec(basename(path));
  const lang = match?.[1];
  if (!lang || !isOcrLanguage(lang)) return Promise.reject(new Error(`OCR data not shipped with Berkas: ${basename(path)}`));
  return Promise.resolve(readFileSync(`${languageDir(lang)}/${lang}.traineddata.gz`));
}

const refuse = (what: string) => () => Promise.reject(new Error(`OCR never ${what} (offline by design)`));

port.on('message', (packet) => script.dispatchHandlers(packet, (message) => port.postMessage(message)));
script.setAdapter({
  getCore,
  gunzip: gunzipSync,
  fetch: refuse('downloads'),
  readCache: readTrainedData,
  writeCache: refuse('writes a cache'),
  deleteCache: () => Promise.resolve(),
  checkCache: () => Promise.resolve(false),
});
