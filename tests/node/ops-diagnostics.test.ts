// The diagnostics bundle holds what IT needs and none of what it must not: secrets put into the
// settings and the logs, and the bytes and subjects of documents, are searched for in every file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { appendAudit } from '../../main/audit/log.ts';
import { createLogger } from '../../main/log/logger.ts';
import { exportDiagnostics } from '../../main/ops/diagnostics.ts';
import { objectPath } from '../../main/archive/store.ts';
import { parsePolicy } from '../../main/ops/update-policy.ts';
import { AppError } from '../../main/errors.ts';
import { tempDir } from '../helpers/tmp.ts';

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile());
}

test('the diagnostics bundle has versions, counts and logs, and no secrets or document content', async () => {
  const base = tempDir();
  const archiveDir = join(base, 'arsip');
  const archive = openArchive(archiveDir);
  const TOKEN = 'ckan-7f3a9c1e5b2d4f60';
  const PASSWORD = 'Rahasia-PPID-2026!';
  const SUBJECT = 'Pengaduan warga atas nama Budi Santoso';
  const DOC_BYTES = Buffer.from('%PDF-1.4 isi surat yang sangat pribadi NIK 3201234567890001');
  const sha = createHash('sha256').update(DOC_BYTES).digest('hex');

  archive.db.transaction(() => {
    const at = '2026-02-01T09:00:00.000Z';
    const rec = archive.db.prepare(`INSERT INTO records (subject, created_at, updated_at, created_by) VALUES (?, ?, ?, 'ani')`).run(SUBJECT, at, at);
    const file = objectPath(archive.layout.store, sha);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, DOC_BYTES);
    archive.db
      .prepare(`INSERT INTO documents (record_id, role, sha256, size, mime, original_name, imported_at) VALUES (?, 'main', ?, ?, 'application/pdf', 'pengaduan-budi.pdf', ?)`)
      .run(rec.lastInsertRowid, sha, DOC_BYTES.length, at);
    appendAudit(archive.db, { actor: 'ani', action: 'record.create', entity: 'record', entityId: Number(rec.lastInsertRowid), after: { subject: SUBJECT } });
    archive.db.prepare(`INSERT INTO settings (key, value) VALUES ('portal.token', json_quote(?)), ('smtp', json(?))`).run(TOKEN, JSON.stringify({ host: 'mail.pemda.go.id', password: PASSWORD }));
  })();
  archive.close();

  const log = createLogger({ dir: join(archiveDir, 'logs') });
  log.info('portal push', { authorization: `Bearer ${TOKEN}`, password: PASSWORD });
  log.warn(`retrying with token=${TOKEN}`);
  // A line written by something that bypassed the logger: the export masks it too.
  appendFileSync(join(archiveDir, 'logs', 'berkas.log'), `legacy line api_key=${TOKEN} password: ${PASSWORD}\n`);

  const out = join(base, 'diagnostik');
  const result = await exportDiagnostics(archiveDir, out, {
    versions: { app: '0.1.0', electron: '45.4.1' },
    settings: { portal: { url: 'https://data.go.id', apiToken: TOKEN }, window: { width: 1360 }, proxyPassword: PASSWORD },
    policy: parsePolicy(JSON.stringify({ updates: { enabled: true, url: 'https://it:' + PASSWORD + '@updates.pemda.go.id/berkas/' } }), '/etc/berkas/policy.json'),
    backupRoot: join(base, 'cadangan'),
  });
  assert.deepEqual(result.files, ['diagnostics.json', 'logs/berkas.log']);

  const files = allFiles(out);
  assert.deepEqual(files.map((f) => f.slice(out.length + 1)).sort(), ['diagnostics.json', join('logs', 'berkas.log')]);
  for (const file of files) {
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    for (const secret of [TOKEN, PASSWORD, SUBJECT, 'Budi', 'pengaduan-budi.pdf', '3201234567890001']) {
      assert.ok(!text.includes(secret), `${secret} must not be in ${file}`);
    }
    assert.equal(bytes.indexOf(DOC_BYTES), -1, `document bytes must not be in ${file}`);
  }

  const bundle = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
  assert.equal(bundle.versions.app, '0.1.0');
  assert.equal(bundle.versions.electron, '45.4.1');
  assert.equal(bundle.versions.node, process.versions.node);
  assert.match(bundle.versions.sqlite, /^3\.\d+\.\d+$/);
  assert.equal(bundle.archive.rowCounts.records, 1);
  assert.equal(bundle.archive.rowCounts.documents, 1);
  assert.deepEqual(bundle.archive.quickCheck, ['ok']);
  assert.deepEqual(bundle.archive.auditChain, { entries: 1, breaks: 0, firstBreaks: [] });
  assert.deepEqual(bundle.archive.store, { objects: 1, bytes: DOC_BYTES.length });
  assert.equal(bundle.settings.window.width, 1360);
  assert.equal(bundle.settings.portal.url, 'https://data.go.id');
  assert.equal(bundle.archive.settings['smtp'].host, 'mail.pemda.go.id');
  assert.equal(bundle.policy.kind, 'ok');
  const logText = readFileSync(join(out, 'logs', 'berkas.log'), 'utf8');
  assert.match(logText, /portal push/);
  assert.match(logText, /legacy line/);

  await assert.rejects(
    () => exportDiagnostics(archiveDir, out, { versions: { app: '0.1.0' } }),
    (error: unknown) => error instanceof AppError && error.code === 'conflict',
  );
});
