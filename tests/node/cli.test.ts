import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { archiveWithUser, runCli } from '../helpers/cli.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';

test('berkas init, import, search, show, stats and verify work end to end with --json', { timeout: 120_000 }, async () => {
  const archive = join(tempDir(), 'arsip');
  const init = runCli(archive, ['--json', 'init']);
  assert.equal(init.status, 0, init.stderr);
  assert.ok((init.json as { codes: number }).codes > 50, 'the default scheme is loaded');
  await archiveWithUser(archive);

  const imported = runCli(archive, ['--json', 'import', join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), '--code', '000.5']);
  assert.equal(imported.status, 0, imported.stderr);
  const out = imported.json as { imported: number; outcomes: { recordId: number; extractStatus: string }[] };
  assert.equal(out.imported, 1);
  assert.equal(out.outcomes[0]!.extractStatus, 'ok');

  const found = runCli(archive, ['--json', 'search', 'oracle']);
  assert.equal(found.status, 0);
  const hits = (found.json as { hits: { recordId: number; page: number; snippet: string }[] }).hits;
  assert.equal(hits[0]!.page, 5);
  assert.match(hits[0]!.snippet, /\[oracle\]/i);

  const shown = runCli(archive, ['--json', 'show', String(out.outcomes[0]!.recordId)]);
  assert.equal((shown.json as { classificationCode: string }).classificationCode, '000.5');
  assert.equal(runCli(archive, ['--json', 'stats']).status, 0);
  const verify = runCli(archive, ['--json', 'verify']);
  assert.equal(verify.status, 0);
  assert.equal((verify.json as { consistent: boolean }).consistent, true);
  const human = runCli(archive, ['verify']);
  assert.match(human.stdout, /The archive is consistent/);
});

test('exit codes: 2 for usage errors, 1 for failures with a message, 0 for success', async () => {
  const archive = join(tempDir(), 'arsip');
  await archiveWithUser(archive);
  assert.equal(runCli(archive, ['frobnicate']).status, 2);
  assert.equal(runCli(archive, ['search']).status, 2);
  assert.equal(runCli(archive, ['search', 'x', '--limit', 'many']).status, 2);
  const missing = runCli(archive, ['show', '999']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /Record 999 was not found/);
  const badScheme = join(tempDir(), 'x.csv');
  writeFileSync(badScheme, 'a,b\n');
  const refused = runCli(archive, ['--json', 'scheme', 'import', badScheme]);
  assert.equal(refused.status, 1);
  assert.equal((refused.json as { error: { code: string } }).error.code, 'validation');
  assert.equal(runCli(archive, ['--help']).status, 0);
});

test('the CLI refuses to act without a valid user', async () => {
  const archive = join(tempDir(), 'arsip');
  await archiveWithUser(archive);
  const { spawnSync } = await import('node:child_process');
  const { CLI } = await import('../helpers/cli.ts');
  const result = spawnSync(process.execPath, [CLI, '--archive', archive, 'stats'], {
    env: { ...process.env, BERKAS_USER: 'arsiparis', BERKAS_PASSWORD: 'salah' },
    encoding: 'utf8',
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /password|sandi/i);
});
