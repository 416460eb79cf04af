// "Buka dengan aplikasi sistem" in the desktop app hands the system's program a copy, never the
// stored object: read-only, under the document's own name, in an owner-only folder that is gone
// when the app quits. (The Electron shell only adds shell.openPath around this.)
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { ExternalCopies } from '../../main/electron/external-copies.ts';
import { tempDir } from '../helpers/tmp.ts';

test('a document opened in the system app is a read-only copy in an owner-only folder, removed at quit', () => {
  const root = tempDir();
  const stored = join(root, 'store-object');
  writeFileSync(stored, 'isi surat keputusan');
  const copies = new ExternalCopies(root);
  const first = copies.add({ path: stored, mime: 'application/msword', size: 19, name: 'SK Kepala Dinas.doc' });
  const second = copies.add({ path: stored, mime: 'application/msword', size: 19, name: '../SK Kepala Dinas.doc' });
  assert.equal(basename(first), 'SK Kepala Dinas.doc');
  assert.notEqual(first, second, 'two copies of one name do not clash');
  assert.equal(dirname(dirname(second)), dirname(dirname(first)), 'a name cannot climb out of the copies folder');
  assert.equal(readFileSync(first, 'utf8'), 'isi surat keputusan');
  if (process.platform !== 'win32') {
    assert.equal(statSync(first).mode & 0o777, 0o400, 'the copy is read-only');
    assert.equal(statSync(dirname(dirname(first))).mode & 0o777, 0o700);
  }
  assert.equal(readFileSync(stored, 'utf8'), 'isi surat keputusan', 'the stored object is untouched');
  copies.removeAll();
  assert.equal(existsSync(first), false);
  assert.equal(existsSync(dirname(dirname(first))), false);
});
