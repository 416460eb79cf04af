// Where a worker thread's entry file is, for every module that starts one (the backend worker, the
// text-extraction worker, the OCR worker and its engine thread). From source the entry is the .ts beside the asking module; bundled
// (out/main/ by electron-vite) the entries sit in out/main/ while the asking code sits there or in
// a chunk one folder below it. Owns only that lookup; it never starts a worker itself.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The entry `name` (without extension) as seen from `moduleUrl` (the caller's import.meta.url). */
export function workerEntry(moduleUrl: string, name: string): URL {
  const candidates = moduleUrl.endsWith('.ts') ? [`./${name}.ts`] : [`./${name}.js`, `../${name}.js`, `./${name}.ts`];
  for (const candidate of candidates) {
    const url = new URL(candidate, moduleUrl);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(`${name} not found next to ${moduleUrl} (tried ${candidates.join(', ')})`);
}
