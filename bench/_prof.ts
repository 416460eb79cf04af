import { readFileSync } from 'node:fs';
(globalThis as Record<string, unknown>).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs' as string);
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const file = process.argv[2]!;
const norm = process.argv[3] === 'nonorm';
const t0 = performance.now();
const bytes = readFileSync(file);
const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, isOffscreenCanvasSupported: false, verbosity: 0, useWorkerFetch: false }).promise;
let chars = 0;
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const c = await page.getTextContent(norm ? { disableNormalization: true } : {});
  for (const it of c.items) if ('str' in it) chars += it.str.length;
  page.cleanup();
}
console.log(file.split('/').pop(), doc.numPages, 'pages', chars, 'chars', Math.round(performance.now() - t0), 'ms', norm ? 'no-normalization' : '');
