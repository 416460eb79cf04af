// Fresh folders for tests, removed afterwards unless BERKAS_KEEP_TMP is set (to inspect a failure).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

// Audit anchors and their key (audit/anchor.ts) go to one throwaway key folder per test process,
// never the user's ~/.config; spawned CLIs and browser shells inherit it.
if (!process.env.BERKAS_KEY_DIR) {
  const keys = mkdtempSync(join(tmpdir(), 'berkas-keys-'));
  process.env.BERKAS_KEY_DIR = keys;
  after(() => rmSync(keys, { recursive: true, force: true }));
}

export function tempDir(prefix = 'berkas-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => {
    if (!process.env.BERKAS_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const ROOT = join(import.meta.dirname, '..', '..');
