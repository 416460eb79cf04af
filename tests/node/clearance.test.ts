// Clearance and guarded changes (issue 12, items 1 and 2), tried as a user would: through the
// backend's channels, with real accounts, real imported files and the real search index.
//   - a staff user does not see a sangat-rahasia memo anywhere (get, list, ids, search with its
//     snippets and totals, documents, document links), while a cleared user does, and the read is audited;
//   - lowering a class needs a supervisor, and whoever lowered it cannot approve its publication;
//   - terbatas is not publishable; open categories are refused for rahasia; the DIP never lists them;
//   - staff cannot shorten or replace a supervisor's exemption;
//   - clearance is set by an admin, audited; the first admin has full clearance, new staff terbatas.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { appendAudit } from '../../main/audit/log.ts';
import { serveDocument } from '../../main/serve/document.ts';
import { CLI_SENDER, loginAs, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { confidentialRecord, importText } from '../helpers/clearance.ts';
import { tempDir } from '../helpers/tmp.ts';

const root = tempDir();
const archiveDir = join(root, 'arsip');
let backend: Backend;
const MEMO = 'Memo operasi senyap Kelabang';
let memo: { recordId: number; documentId: number };
let plain: { recordId: number; documentId: number };

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: { id: string; en: string } } };
const call = (channel: string, input: unknown = {}) => backend.dispatch(channel, input, CLI_SENDER) as Promise<Result>;

async function user(name: string, roles: string[], clearance?: string) {
  await loginAsAdmin(backend);
  const created = await ok<{ id: number; clearance: string }>(call('accounts.create', { name, displayName: name, password: `sandi-${name}-1`, roles, ...(clearance ? { clearance } : {}) }));
  return { ...created, name, password: `sandi-${name}-1` };
}
const as = (u: { name: string; password: string }) => loginAs(backend, u.name, u.password);

let staff: { id: number; name: string; password: string; clearance: string };
let boss: { id: number; name: string; password: string; clearance: string };
let boss2: { id: number; name: string; password: string; clearance: string };

before(async () => {
  backend = await createBackend({ archiveDir, host: 'browser-shell' });
  await loginAsAdmin(backend);
  memo = await confidentialRecord(backend, root, { name: 'memo.txt', text: 'Rencana operasi senyap Kelabang di perbatasan.', subject: MEMO, securityClass: 'sangat-rahasia' });
  plain = await confidentialRecord(backend, root, { name: 'undangan.txt', text: 'Undangan rapat operasi pasar murah.', subject: 'Undangan rapat operasi pasar', securityClass: 'biasa' });
  staff = await user('siti', ['staff']);
  boss = await user('andi', ['staff', 'supervisor'], 'sangat-rahasia');
  boss2 = await user('dewi', ['staff', 'supervisor'], 'sangat-rahasia');
});

after(async () => {
  await backend?.close();
});

test('the first admin has full clearance, new staff start at terbatas, and an admin change of clearance is audited', async () => {
  const me = await loginAsAdmin(backend);
  assert.equal(me.clearance, 'sangat-rahasia');
  assert.equal(staff.clearance, 'terbatas');
  const temp = await user('temp', ['staff'], 'biasa');
  assert.equal(temp.clearance, 'biasa');
  const changed = await ok<{ clearance: string }>(call('accounts.update', { id: temp.id, clearance: 'rahasia' }));
  assert.equal(changed.clearance, 'rahasia');
  const entry = backend.archive.db.prepare("SELECT before, after FROM audit_log WHERE action = 'account.update' AND entity_id = ? ORDER BY id DESC LIMIT 1").get(String(temp.id)) as { before: string; after: string };
  assert.equal(JSON.parse(entry.before).clearance, 'biasa');
  assert.equal(JSON.parse(entry.after).clearance, 'rahasia');
  // Only an admin sets it.
  await as(boss);
  const refused = await call('accounts.update', { id: temp.id, clearance: 'sangat-rahasia' });
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
});

test('a staff user gets "not found" for a sangat-rahasia memo on get, documents, links and unlock; list, ids, search and totals leave it out', async () => {
  await as(staff);
  for (const [channel, input] of [
    ['records.get', { id: memo.recordId }],
    ['documents.get', { documentId: memo.documentId }],
    ['documents.url', { documentId: memo.documentId }],
    ['documents.unlock', { documentId: memo.documentId, password: 'apa saja' }],
    ['records.update', { id: memo.recordId, fields: { location: 'Rak 1' } }],
    ['publication.record', { recordId: memo.recordId }],
    ['publication.scan', { recordId: memo.recordId }],
  ] as const) {
    const r = await call(channel, input);
    assert.equal(!r.ok && r.error.code, 'not-found', channel);
    assert.doesNotMatch(JSON.stringify(r), /Kelabang/, channel);
  }
  const list = await ok<{ total: number; rows: { id: number }[] }>(call('records.list', {}));
  assert.deepEqual(list.rows.map((r) => r.id), [plain.recordId]);
  assert.equal(list.total, 1);
  const filtered = await ok<{ total: number }>(call('records.list', { filter: { securityClass: ['sangat-rahasia'] } }));
  assert.equal(filtered.total, 0);
  const ids = await ok<{ ids: number[] }>(call('records.ids', {}));
  assert.deepEqual(ids.ids, [plain.recordId]);
  const stats = await ok<{ records: number; documents: number }>(call('archive.stats', {}));
  assert.equal(stats.records, 1);
  assert.equal(stats.documents, 1);
  const info = await ok<{ recordCount: number }>(call('app.info', {}));
  assert.equal(info.recordCount, 1);
  for (const query of ['Kelabang', 'senyap', 'operasi', 'perbatasan']) {
    const found = await ok<{ total: number; hits: { recordId: number; snippet: string }[] }>(call('search.query', { query }));
    assert.ok(found.hits.every((h) => h.recordId !== memo.recordId), query);
    assert.doesNotMatch(JSON.stringify(found), /Kelabang|senyap|perbatasan/, query);
    assert.equal(found.total, found.hits.length, `${query}: the total counts only what staff may see`);
  }
  const bulk = await call('records.bulkUpdate', { ids: [plain.recordId, memo.recordId], fields: { location: 'Rak 2' } });
  assert.equal(!bulk.ok && bulk.error.code, 'not-found');
});

test('a user cleared for sangat-rahasia sees the memo, and reading it or opening its document is audited', async () => {
  await as(boss);
  const before = (backend.archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('record.read','document.open') AND entity_id IN (?, ?)").get(String(memo.recordId), String(memo.documentId)) as { n: number }).n;
  const record = await ok<{ subject: string }>(call('records.get', { id: memo.recordId }));
  assert.equal(record.subject, MEMO);
  const link = await ok<{ url: string }>(call('documents.url', { documentId: memo.documentId }));
  assert.ok(backend.resolveDocument(link.url.split('/').pop()!));
  const found = await ok<{ hits: { recordId: number; snippet: string }[] }>(call('search.query', { query: 'Kelabang' }));
  assert.ok(found.hits.some((h) => h.recordId === memo.recordId));
  const audited = backend.archive.db.prepare("SELECT action, actor FROM audit_log WHERE action IN ('record.read','document.open') AND entity_id IN (?, ?) ORDER BY id").all(String(memo.recordId), String(memo.documentId)) as { action: string; actor: string }[];
  assert.equal(audited.length - before, 2);
  assert.deepEqual(audited.slice(-2), [
    { action: 'record.read', actor: 'andi' },
    { action: 'document.open', actor: 'andi' },
  ]);
});

test('a copy saved out of the archive, or handed to a system program, is audited as what it is, not as an opening', async () => {
  await as(boss);
  const actions = () =>
    (backend.archive.db.prepare("SELECT action FROM audit_log WHERE entity = 'document' AND entity_id = ? ORDER BY id").pluck().all(String(memo.documentId)) as string[]);
  const before = actions().length;
  const copy = await ok<{ url: string }>(call('documents.url', { documentId: memo.documentId, purpose: 'copy' }));
  const url = new URL(copy.url, 'http://berkas.invalid');
  assert.equal(url.searchParams.get('download'), '1', 'the link saves the file, it does not show it');
  const doc = await backend.resolveDocument(url.pathname.split('/').pop()!);
  assert.ok(doc);
  assert.match(serveDocument(doc, 'GET', null, true).headers.get('content-disposition') ?? '', /^attachment/);
  await ok(call('documents.url', { documentId: memo.documentId, purpose: 'external' }));
  await ok(call('documents.url', { documentId: memo.documentId }));
  assert.deepEqual(actions().slice(before), ['document.copy', 'document.open-external', 'document.open']);
  await as(staff);
  const refused = await call('documents.url', { documentId: memo.documentId, purpose: 'copy' });
  assert.equal(!refused.ok && refused.error.code, 'not-found', 'no copy for a user without the clearance');
});

test('the audit trail shows a supervisor cleared only for terbatas no subject of the memo, and a filter on it finds nothing', async () => {
  const limited = await user('joko', ['staff', 'supervisor'], 'terbatas');
  await as(limited);
  const all = await ok<{ rows: { entity: string; entityId: string | null; before: string | null; after: string | null }[] }>(call('audit.list', { limit: 500 }));
  assert.doesNotMatch(JSON.stringify(all), /Kelabang/);
  assert.ok(all.rows.some((r) => r.entity === 'record' && r.entityId === String(memo.recordId) && r.before === null && r.after === null), 'the entry is listed, without its content');
  const about = await ok<{ total: number }>(call('audit.list', { filter: { recordId: memo.recordId } }));
  assert.equal(about.total, 0);
  const visible = await ok<{ total: number; rows: { after: string | null }[] }>(call('audit.list', { filter: { recordId: plain.recordId } }));
  assert.ok(visible.total > 0 && visible.rows.some((r) => r.after?.includes('Undangan')));
});

test('lowering a security class needs a supervisor, also in a bulk edit; raising it does not', async () => {
  await loginAsAdmin(backend);
  const r = await confidentialRecord(backend, root, { name: 'nota.txt', text: 'Nota dinas anggaran.', subject: 'Nota dinas anggaran', securityClass: 'terbatas' });
  await as(staff);
  for (const [channel, input] of [
    ['records.update', { id: r.recordId, fields: { securityClass: 'biasa' } }],
    ['records.bulkUpdate', { ids: [plain.recordId, r.recordId], fields: { securityClass: 'biasa' } }],
  ] as const) {
    const refused = await call(channel, input);
    assert.equal(!refused.ok && refused.error.code, 'forbidden', channel);
    assert.match(!refused.ok ? refused.error.message.id : '', /memerlukan peran atasan/);
  }
  const stored = backend.archive.db.prepare('SELECT security_class AS c FROM records WHERE id = ?').get(r.recordId) as { c: string };
  assert.equal(stored.c, 'terbatas', 'nothing changed');
  await ok(call('records.update', { id: plain.recordId, fields: { securityClass: 'terbatas' } }));
  await as(boss);
  await ok(call('records.update', { id: plain.recordId, fields: { securityClass: 'biasa' } }));
  await ok(call('records.bulkUpdate', { ids: [r.recordId], fields: { securityClass: 'biasa' } }));
});

test('whoever lowered the class cannot approve the publication; another supervisor can, and the approval screen has the class history', async () => {
  await loginAsAdmin(backend);
  const r = await confidentialRecord(backend, root, { name: 'kontrak.txt', text: 'Kontrak pengadaan jembatan.', subject: 'Kontrak pengadaan jembatan', securityClass: 'rahasia' });
  await as(boss);
  await ok(call('records.update', { id: r.recordId, fields: { securityClass: 'biasa' } }));
  await as(staff);
  // The DIP's mandated columns, so approval has nothing else to refuse.
  await ok(call('records.update', { id: r.recordId, fields: { classificationCode: '000.1', letterDate: '2026-01-05', originatingUnit: 'Sekretariat', creator: 'Kepala Dinas' } }));
  await ok(call('publication.classify', { recordId: r.recordId, category: 'setiap-saat' }));
  await ok(call('publication.propose', { recordId: r.recordId, note: '' }));
  await as(boss);
  const view = await ok<{ classHistory: { from: string; to: string; by: string }[] }>(call('publication.record', { recordId: r.recordId }));
  assert.deepEqual(
    view.classHistory.map(({ from, to, by }) => ({ from, to, by })),
    [
      { from: 'biasa', to: 'rahasia', by: 'admin' },
      { from: 'rahasia', to: 'biasa', by: 'andi' },
    ],
  );
  const refused = await call('publication.approve', { recordId: r.recordId, acknowledgePersonalData: true });
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
  assert.match(!refused.ok ? refused.error.message.en : '', /You lowered this record's security class yourself/);
  assert.equal((backend.archive.db.prepare("SELECT count(*) AS n FROM outbox WHERE record_id = ?").get(r.recordId) as { n: number }).n, 0);
  await as(boss2);
  await ok(call('publication.approve', { recordId: r.recordId, acknowledgePersonalData: true }));
});

test('terbatas is not publishable, open categories are refused for rahasia, and the DIP never lists a rahasia record', async () => {
  await loginAsAdmin(backend);
  const restricted = await confidentialRecord(backend, root, { name: 'terbatas.txt', text: 'Daftar hadir.', subject: 'Daftar hadir rapat', securityClass: 'terbatas' });
  const secret = await confidentialRecord(backend, root, { name: 'rahasia.txt', text: 'Laporan intelijen.', subject: 'Laporan intelijen Kalajengking', securityClass: 'biasa' });
  await ok(call('publication.classify', { recordId: restricted.recordId, category: 'setiap-saat' }));
  const proposed = await call('publication.propose', { recordId: restricted.recordId, note: '' });
  assert.equal(!proposed.ok && proposed.error.code, 'conflict');
  // Classified open while it was biasa, then raised: the DIP must drop it.
  await ok(call('publication.classify', { recordId: secret.recordId, category: 'berkala' }));
  await ok(call('records.update', { id: secret.recordId, fields: { securityClass: 'rahasia' } }));
  const dip = await ok<{ rows: { recordId: number; summary: string }[]; total: number }>(call('publication.dip', {}));
  assert.ok(!dip.rows.some((row) => row.recordId === secret.recordId));
  assert.doesNotMatch(JSON.stringify(dip), /Kalajengking/);
  const exported = await ok<{ path: string }>(call('publication.export', { register: 'dip', format: 'csv' }));
  const { readFileSync } = await import('node:fs');
  assert.doesNotMatch(readFileSync(exported.path, 'utf8'), /Kalajengking/);
  const open = await call('publication.classify', { recordId: secret.recordId, category: 'setiap-saat' });
  assert.equal(!open.ok && open.error.code, 'validation');
  assert.match(!open.ok ? open.error.message.id : '', /tidak dapat dikategorikan sebagai informasi terbuka/);
});

test("staff cannot shorten, replace or end a supervisor's exemption; a supervisor can", async () => {
  await loginAsAdmin(backend);
  const r = await importText(backend, root, 'sengketa.txt', 'Berkas sengketa lahan.');
  const consequence = (until: string) => ({ information: 'Berkas sengketa lahan', ground: 'a', harm: 'Mengganggu proses hukum', until, decisionNumber: 'SK-PPID/7/2026', decisionDate: '2026-01-10' });
  await as(boss);
  await ok(call('publication.classify', { recordId: r.recordId, category: 'dikecualikan', test: consequence('2030-12-31') }));
  await as(staff);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  for (const input of [
    { recordId: r.recordId, category: 'dikecualikan', test: consequence(tomorrow) },
    { recordId: r.recordId, category: 'setiap-saat' },
    { recordId: r.recordId, category: null },
  ]) {
    const refused = await call('publication.classify', input);
    assert.equal(!refused.ok && refused.error.code, 'forbidden', JSON.stringify(input));
  }
  const kept = backend.archive.db.prepare('SELECT exempt_until AS until FROM exemptions WHERE record_id = ? AND ended_at IS NULL').get(r.recordId) as { until: string };
  assert.equal(kept.until, '2030-12-31');
  await as(boss2);
  await ok(call('publication.classify', { recordId: r.recordId, category: 'dikecualikan', test: consequence('2029-12-31') }));
});

test('migration 0150 gives existing admins and supervisors full clearance, staff terbatas, and rebuilds the class history from the audit trail', () => {
  const file = join(tempDir(), 'berkas.sqlite');
  const db = openDatabase(file);
  migrate(db, migrations.filter((m) => m.version < 150));
  const now = new Date().toISOString();
  const addUser = (name: string, roles: string[]) => {
    const id = Number(db.prepare("INSERT INTO users (name, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES (?, ?, 'scrypt$1$1$1$a$b', ?, ?, ?)").run(name, name, now, now, now).lastInsertRowid);
    for (const role of roles) db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)').run(id, role);
    return id;
  };
  const admin = addUser('admin', ['admin']);
  const boss = addUser('andi', ['staff', 'supervisor']);
  const clerk = addUser('siti', ['staff']);
  const recordId = Number(
    db
      .prepare("INSERT INTO records (subject, security_class, status, created_at, updated_at, created_by) VALUES ('Memo lama', 'biasa', 'aktif', ?, ?, 'admin')")
      .run(now, now).lastInsertRowid,
  );
  db.transaction(() => {
    appendAudit(db, { actor: 'siti', action: 'record.update', entity: 'record', entityId: recordId, before: { securityClass: 'sangat-rahasia' }, after: { securityClass: 'biasa' } });
    appendAudit(db, { actor: 'siti', action: 'record.update', entity: 'record', entityId: recordId, before: { location: 'A' }, after: { location: 'B' } });
  })();
  db.close();

  const migrated = openDatabase(file);
  migrate(migrated, migrations);
  const clearance = Object.fromEntries((migrated.prepare('SELECT id, clearance FROM users').all() as { id: number; clearance: string }[]).map((u) => [u.id, u.clearance]));
  assert.deepEqual(clearance, { [admin]: 'sangat-rahasia', [boss]: 'sangat-rahasia', [clerk]: 'terbatas' });
  const history = migrated.prepare('SELECT record_id, from_class, to_class, changed_by, changed_by_id FROM record_class_changes').all();
  assert.deepEqual(history, [{ record_id: recordId, from_class: 'sangat-rahasia', to_class: 'biasa', changed_by: 'siti', changed_by_id: clerk }]);
  assert.equal((migrated.prepare('SELECT subject FROM records WHERE id = ?').get(recordId) as { subject: string }).subject, 'Memo lama');
  migrated.close();
  // The file is a plain SQLite database other tools can still read.
  const raw = new Database(file, { readonly: true });
  assert.equal(raw.pragma('user_version', { simple: true }), migrations.at(-1)!.version);
  raw.close();
});
