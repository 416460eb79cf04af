// Builds the three Electron parts from the fixed top-level folders.
// main: the Electron shell plus the worker entries it spawns (backend, text extraction, OCR and the
// OCR engine's thread) and the CLI.
// preload: one CommonJS file, because sandboxed preloads cannot load ES modules.
// renderer: React, served from app://bundle (Electron) or the browser shell.
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/** pdf.js fetches CMaps, standard fonts, wasm decoders and ICC profiles at run time; the viewer asks
 *  for them under /pdfjs/ on the app's own origin (the CSP allows nothing else). They are copied from
 *  node_modules at build time, never committed, and served from node_modules by the dev server. */
const PDFJS_ASSETS = ['cmaps', 'standard_fonts', 'wasm', 'iccs'];
function pdfjsAssets(): Plugin {
  const source = resolve(root, 'node_modules/pdfjs-dist');
  return {
    name: 'berkas-pdfjs-assets',
    writeBundle(options) {
      const out = options.dir ?? resolve(root, 'out/renderer');
      for (const dir of PDFJS_ASSETS) cpSync(join(source, dir), join(out, 'pdfjs', dir), { recursive: true });
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '').split('?')[0] ?? '')).replace(/^[/\\]+/, '');
        const file = join(source, rel);
        if (!PDFJS_ASSETS.includes(rel.split(/[/\\]/)[0] ?? '') || !file.startsWith(source) || !existsSync(file) || !statSync(file).isFile()) return next();
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** The web hosts' stand-in for the preload (preload/browser-bridge.ts), built beside the renderer as
 *  a classic script: the browser shell and the department server insert it before the renderer. */
function webBridge(): Plugin {
  return {
    name: 'berkas-web-bridge',
    writeBundle(options) {
      const out = options.dir ?? resolve(root, 'out/renderer');
      buildSync({ entryPoints: [resolve(root, 'preload/browser-bridge.ts')], bundle: true, format: 'iife', target: 'chrome120', outfile: join(out, 'shell', 'bridge.js'), logLevel: 'silent' });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'main/electron/index.ts'),
          'backend-worker': resolve(root, 'main/host/backend-worker.ts'),
          'extract-worker': resolve(root, 'main/extract/extract-worker.ts'),
          'ocr-worker': resolve(root, 'main/ocr/ocr-worker.ts'),
          'tesseract-thread': resolve(root, 'main/ocr/tesseract-thread.ts'),
          cli: resolve(root, 'main/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), pdfjsAssets(), webBridge()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
