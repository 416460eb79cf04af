// The retention commands through the real `berkas` CLI: import a JRA, list what is due, set, list
// and lift holds — and the CLI has no way to destroy anything.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { archiveWithUser, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { JRA_SAMPLE, addFile, addRecord } from './retention-helpers.ts';

test('berkas jra import, retention due, hold add/list/lift work end to end with --json', { timeout: 120_000 }, async () => {
  const dir = join(tempDir(), 'arsip');
  await archiveWithUser(dir);
  const archive = openArchive(dir);
  let destroyFile: number;
  let heldRecord: number;
  try {
    destroyFile = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30', title: 'Tagihan telepon 2020' });
    heldRecord = addRecord(archive, { fileId: destroyFile }).recordId;
    addRecord(archive, { fileId: destroyFile });
    const transfer = addFile(archive, { code: '000.1.6', closedAt: '2024-12-31' });
    addRecord(archive, { fileId: transfer, status: 'aktif' });
    const noRule = addFile(archive, { code: '611', closedAt: '2015-01-01' });
    addRecord(archive, { fileId: noRule });
  } finally {
    archive.close();
  }

  const draft = runCli(dir, ['--json', 'jra', 'import', JRA_SAMPLE, '--as-of', '2026-03-12']);
  assert.equal(draft.status, 0, draft.stderr);
  const imported = draft.json as { rules: number; version: { id: number; state: string }; preview: { changes: unknown[] }; applied: null };
  assert.equal(imported.rules, 24);
  assert.equal(imported.version.state, 'draft');
  assert.equal(imported.preview.changes.length, 2);
  assert.equal(imported.applied, null);
  const notYet = runCli(dir, ['--json', 'retention', 'due', '--as-of', '2026-03-12']);
  assert.equal((notYet.json as { versionId: number | null }).versionId, null, 'a draft is not in force');

  const applied = runCli(dir, ['jra', 'import', JRA_SAMPLE, '--apply', '--as-of', '2026-03-12']);
  assert.equal(applied.status, 0, applied.stderr);
  assert.match(applied.stdout, /is now in force/);

  const due = runCli(dir, ['--json', 'retention', 'due', '--as-of', '2026-03-12']);
  assert.equal(due.status, 0, due.stderr);
  const q = due.json as Record<string, { fileId: number; eligible?: number }[]>;
  assert.deepEqual(q.destroy!.map((i) => [i.fileId, i.eligible]), [[destroyFile, 2]]);
  assert.equal(q.transfer!.length, 1);
  assert.equal(q.noRule!.length, 1);
  const earlier = runCli(dir, ['--json', 'retention', 'due', '--as-of', '2021-01-01']);
  assert.equal((earlier.json as { destroy: unknown[] }).destroy.length, 0);
  const human = runCli(dir, ['retention', 'due', '--as-of', '2026-03-12']);
  assert.match(human.stdout, /Destruction \(pemusnahan\): 1/);
  assert.match(human.stdout, /Files with no JRA rule: 1/);

  const add = runCli(dir, ['--json', 'hold', 'add', '--name', 'Perkara 12/2026', '--reason', 'Gugatan perdata', '--case', '12/Pdt.G/2026/PN', '--record', String(heldRecord)]);
  assert.equal(add.status, 0, add.stderr);
  const hold = add.json as { id: number; heldRecords: number };
  assert.equal(hold.heldRecords, 1);
  const byCode = runCli(dir, ['--json', 'hold', 'add', '--name', 'Audit', '--reason', 'Pemeriksaan', '--code', '000.1']);
  assert.equal((byCode.json as { heldRecords: number }).heldRecords, 3, '000.1 covers the 000.1.1 and 000.1.6 files');
  const heldDue = runCli(dir, ['--json', 'retention', 'due', '--as-of', '2026-03-12']);
  assert.equal((heldDue.json as { destroy: unknown[]; onHold: unknown[] }).destroy.length, 0);
  assert.equal((heldDue.json as { onHold: unknown[] }).onHold.length, 2);
  assert.equal((heldDue.json as { transfer: unknown[] }).transfer.length, 1, 'a hold does not stop moving boxes to the records centre');

  const list = runCli(dir, ['hold', 'list']);
  assert.match(list.stdout, /#1 "Perkara 12\/2026" \(12\/Pdt.G\/2026\/PN\) — Gugatan perdata; covers record \d+/);
  assert.equal(runCli(dir, ['hold', 'lift', String(hold.id)]).status, 2, '--reason is required');
  const lift = runCli(dir, ['--json', 'hold', 'lift', String(hold.id), '--reason', 'Perkara dicabut']);
  assert.equal(lift.status, 0, lift.stderr);
  assert.equal((lift.json as { liftReason: string }).liftReason, 'Perkara dicabut');
  const all = runCli(dir, ['--json', 'hold', 'list', '--all']);
  assert.equal((all.json as unknown[]).length, 2);
  const again = runCli(dir, ['--json', 'hold', 'lift', String(hold.id), '--reason', 'lagi']);
  assert.equal(again.status, 1);
  assert.equal((again.json as { error: { code: string } }).error.code, 'conflict');

  assert.equal(runCli(dir, ['hold', 'add', '--name', 'x', '--reason', 'y']).status, 2, 'a hold must cover something');
  assert.equal(runCli(dir, ['retention', 'due', '--as-of', '12-03-2026']).status, 2);
  const { commands } = await import('../../main/cli/commands/index.ts');
  const retentionNames = commands.map((c) => c.name).filter((n) => /^(jra|retention|hold|destruction|musnah)\b/.test(n));
  assert.deepEqual(retentionNames, ['jra import', 'retention due', 'hold add', 'hold lift', 'hold list'], 'no command destroys');
});
