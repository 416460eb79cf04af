// Builds the three Electron parts from the fixed top-level folders.
// main: the Electron shell plus the worker entries it spawns (backend, text extraction) and the CLI.
// preload: one CommonJS file, because sandboxed preloads cannot load ES modules.
// renderer: React, served from app://bundle (Electron) or the browser shell.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'main/electron/index.ts'),
          'backend-worker': resolve(root, 'main/host/backend-worker.ts'),
          'extract-worker': resolve(root, 'main/extract/extract-worker.ts'),
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
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
