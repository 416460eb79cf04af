// Loads pdf.js on first use (it is large; screens that never preview a PDF never pay for it) and
// sets it up for the app's strict CSP: the worker is spawned here from a same-origin module that
// Vite emits as an asset, and the data pdf.js fetches at run time (CMaps, standard fonts, wasm
// decoders, ICC profiles) comes from /pdfjs/ on the app's own origin, copied there by the build.
// Never point pdf.js at another origin, a blob: worker or a CDN: the CSP refuses them, rightly.
import type * as PdfjsModule from 'pdfjs-dist';

export type Pdfjs = typeof PdfjsModule;

let loading: Promise<Pdfjs> | undefined;

export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    // One worker for the renderer's lifetime, shared by every document (a loading task's destroy()
    // leaves a worker it was given alone).
    pdfjs.GlobalWorkerOptions.workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
    return pdfjs;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Absolute URLs (the worker resolves relative ones against its own script), with the trailing
 *  slash pdf.js requires. */
export function assetUrls(): { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string; iccUrl: string } {
  const base = new URL('/pdfjs/', document.baseURI).href;
  return {
    cMapUrl: `${base}cmaps/`,
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
    iccUrl: `${base}iccs/`,
  };
}
