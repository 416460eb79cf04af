import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBackend } from '../../main/host/backend.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

test('an admin backs up from the app: the generation is verified, listed, and verifiable again', async () => {
  const root = tempDir();
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    writeFileSync(join(root, 'surat.txt'), 'Surat undangan rapat');
    const handles = backend.registerPicks([{ path: join(root, 'surat.txt'), kind: 'file' }]);
    const started = await ok<{ jobId: string }>(backend.dispatch('import.start', { handles }, CLI_SENDER));
    for (let i = 0; i < 50; i++) {
      const r = await ok<{ progress: { state: string } }>(backend.dispatch('import.result', { jobId: started.jobId }, CLI_SENDER));
      if (r.progress.state === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const run = await ok<{ ok: boolean; name: string; counts: { records: number } }>(backend.dispatch('backup.run', {}, CLI_SENDER));
    assert.equal(run.ok, true);
    assert.equal(run.counts.records, 1);
    const list = await ok<{ root: string; generations: { name: string }[] }>(backend.dispatch('backup.list', {}, CLI_SENDER));
    assert.equal(list.root, join(root, 'arsip-backups'));
    assert.deepEqual(list.generations.map((g) => g.name), [run.name]);
    const verified = await ok<{ ok: boolean }>(backend.dispatch('backup.verify', { name: run.name }, CLI_SENDER));
    assert.equal(verified.ok, true);
    const traversal = await backend.dispatch('backup.verify', { name: '../../etc' }, CLI_SENDER);
    assert.equal(traversal.ok, false, 'only generation names, never paths');
    assert.equal(backend.activity.current().busy, false, 'nothing left marked as running');
  } finally {
    await backend.close();
  }
});
