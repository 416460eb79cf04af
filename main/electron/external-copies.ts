// Copies of documents handed to the system's own programs ("Buka dengan aplikasi sistem"): the
// stored object never leaves the archive's store, and a program that saves over what it opened
// must not change an archived record. Each copy is read-only, under its own name, in one
// owner-only folder of this run that is removed when the app quits. No electron import: the
// shell passes the temp folder, so this is tested in plain Node.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ServableDocument } from '../kernel/document-tokens.ts';

export class ExternalCopies {
  readonly #tempRoot: string;
  #dir: string | null = null;
  #count = 0;

  constructor(tempRoot: string) {
    this.#tempRoot = tempRoot;
  }

  /** Copies `doc` (its served bytes: a scan's searchable PDF, or the original) and returns the copy's path. */
  add(doc: ServableDocument): string {
    this.#dir ??= mkdtempSync(join(this.#tempRoot, 'berkas-buka-'));
    chmodSync(this.#dir, 0o700);
    // A folder per copy keeps the document's own name (programs show it) without clashes.
    const folder = join(this.#dir, String(++this.#count));
    mkdirSync(folder, { mode: 0o700 });
    const target = join(folder, basename(doc.name).replace(/[\\/:*?"<>|]/g, '_') || 'dokumen');
    copyFileSync(doc.path, target);
    chmodSync(target, 0o400);
    return target;
  }

  removeAll(): void {
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = null;
  }
}
