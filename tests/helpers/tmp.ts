// Fresh folders for tests, removed afterwards unless BERKAS_KEEP_TMP is set (to inspect a failure).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

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
