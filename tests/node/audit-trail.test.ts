import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { getDocument } from '../../main/archive/documents.ts';
import { exportAuditCsv } from '../../main/audit/export.ts';
import { appendAudit } from '../../main/audit/log.ts';
import { auditFacets, auditQueries, listAudit, startOfLocalDay } from '../../main/audit/queries.ts';
import { viewerFor } from '../../main/clearance/viewer.ts';
import { auditDocumentOpened } from '../../main/audit/trail.ts';
import { createBackend } from '../../main/host/backend.ts';
import type { AuditFilter } from '../../preload/contract.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fullViewer } from '../../main/clearance/viewer.ts';

function seeded() {
  const archive = openArchive(join(tempDir(), 'arsip'));
  const db = archive.db;
  const r1 = seedRecord(db, { subject: 'Satu' });
  const r2 = seedRecord(db, { subject: 'Dua' });
  const d1 = seedDocument(db, r1).id;
  const at = (day: string, hour: number) => new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hour).toISOString();
  db.transaction(() => {
    appendAudit(db, { actor: 'siti', action: 'record.create', entity: 'record', entityId: r1, after: { subject: 'Satu' }, at: at('2026-05-01', 9) });
    appendAudit(db, { actor: 'budi', action: 'record.create', entity: 'record', entityId: r2, at: at('2026-05-01', 23) });
    appendAudit(db, { actor: 'siti', action: 'publication.propose', entity: 'record', entityId: r1, at: at('2026-05-02', 0) });
    appendAudit(db, { actor: 'andi', action: 'publication.approve', entity: 'record', entityId: r1, at: at('2026-05-03', 10) });
    appendAudit(db, { actor: 'andi', action: 'account.login', entity: 'user', entityId: 3, at: at('2026-05-03', 8) });
  })();
  // As the documents.url handler does: the facts come from the archive's own read of the document.
  const opened = getDocument(db, d1)!;
  auditDocumentOpened(db, 'budi', { id: d1, recordId: opened.recordId, name: opened.originalName, securityClass: opened.securityClass });
  return { archive, db, r1, r2, d1 };
}

test('opening a document is audited with the acting user and its record', () => {
  const { archive, db, r1, d1 } = seeded();
  try {
    const row = db.prepare("SELECT actor, entity, entity_id, after FROM audit_log WHERE action = 'document.open'").get() as { actor: string; entity: string; entity_id: string; after: string };
    assert.deepEqual({ ...row, after: JSON.parse(row.after) }, { actor: 'budi', entity: 'document', entity_id: String(d1), after: { recordId: r1, name: `dokumen-${r1}.pdf`, securityClass: 'biasa' } });
  } finally {
    archive.close();
  }
});

test('the audit list filters by user, action (or a family), record (with its documents) and local calendar days, newest first', () => {
  const { archive, db, r1 } = seeded();
  try {
    const ids = (filter: AuditFilter, page = { offset: 0, limit: 50 }) => listAudit(db, filter, page, fullViewer('test')).rows.map((r) => `${r.actor}:${r.action}`);
    assert.equal(listAudit(db, {}, { offset: 0, limit: 2 }, fullViewer('test')).total, 6);
    assert.deepEqual(ids({}, { offset: 0, limit: 2 }).length, 2);
    assert.deepEqual(ids({ actor: 'siti' }), ['siti:publication.propose', 'siti:record.create']);
    assert.deepEqual(ids({ action: 'record.create' }), ['budi:record.create', 'siti:record.create']);
    assert.deepEqual(ids({ action: 'publication.*' }), ['andi:publication.approve', 'siti:publication.propose']);
    assert.deepEqual(ids({ recordId: r1 }).sort(), ['andi:publication.approve', 'budi:document.open', 'siti:publication.propose', 'siti:record.create'].sort());
    assert.deepEqual(ids({ from: '2026-05-01', to: '2026-05-01' }), ['budi:record.create', 'siti:record.create'], '23:00 local still counts as 1 May');
    assert.deepEqual(ids({ from: '2026-05-02', to: '2026-05-03', actor: 'andi' }), ['andi:publication.approve', 'andi:account.login']);
    assert.equal(startOfLocalDay('2026-05-02'), new Date(2026, 4, 2).toISOString());
  } finally {
    archive.close();
  }
});

test('every audit list query is served by an index, without sorting the whole log', () => {
  const { archive, db } = seeded();
  try {
    // The screen's and the export's own SQL (audit/queries.ts auditQueries), not copies.
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const filters = [{}, { actor: 'siti' }, { action: 'record.create' }, { from: '2026-05-01', to: '2026-05-02' }] as AuditFilter[];
    // Full clearance, and a viewer whose clearance blanks entries about records above it.
    const restricted = viewerFor({ id: null, name: 'siti', roles: ['staff'], clearance: 'biasa' });
    for (const [filter, q] of filters.flatMap((f) => [[f, auditQueries(f)], [f, auditQueries(f, db, restricted)]] as const)) {
      for (const [what, text] of [
        ['page', plan(q.page, ...q.params, 50, 0)],
        ['export', plan(q.export, ...q.params)],
      ] as const) {
        assert.doesNotMatch(text, /TEMP B-TREE/, `${what} ${JSON.stringify(filter)}: ${text}`);
        assert.match(text, /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/, `${what} ${JSON.stringify(filter)}: ${text}`);
      }
    }
    // A family of actions is an index range; only its matches are sorted.
    const family = auditQueries({ action: 'publication.*' });
    const familyPlan = plan(family.page, ...family.params, 50, 0);
    assert.match(familyPlan, /SEARCH audit_log USING INDEX audit_action \(action>\? AND action<\?\)/, familyPlan);
    const byRecord = auditQueries({ recordId: 1 });
    const recordPlan = plan(byRecord.page, ...byRecord.params, 50, 0);
    assert.match(recordPlan, /audit_entity/, recordPlan);
    assert.deepEqual(auditFacets(db), { actors: ['andi', 'budi', 'siti'], actions: ['account.login', 'document.open', 'publication.approve', 'publication.propose', 'record.create'] });
  } finally {
    archive.close();
  }
});

test('the CSV export holds the filtered entries oldest first with their hashes, and is itself audited', () => {
  const { archive, db } = seeded();
  try {
    const out = exportAuditCsv(db, fullViewer('andi'), { actor: 'siti' }, join(tempDir(), 'audit.csv'));
    assert.equal(out.rows, 2);
    const bytes = readFileSync(out.path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,at,actor,action,entity,entity_id,before,after,prev_hash,hash');
    assert.match(lines[1]!, /^1,[^,]+,siti,record\.create,record,1,,"\{""subject"":""Satu""\}",0{64},[0-9a-f]{64}$/);
    assert.match(lines[2]!, /^3,.*,siti,publication\.propose,/);
    const last = db.prepare('SELECT actor, action, after FROM audit_log ORDER BY id DESC LIMIT 1').get() as { actor: string; action: string; after: string };
    assert.equal(last.actor, 'andi');
    assert.equal(last.action, 'audit.export');
    assert.equal(JSON.parse(last.after).rows, 2);
  } finally {
    archive.close();
  }
});

test('through the channels: verify finds an entry altered behind the app’s back; export lands in the archive’s ekspor folder', async () => {
  const dir = join(tempDir(), 'arsip');
  const backend = await createBackend({ archiveDir: dir, host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const good = await ok<{ entries: number; breaks: unknown[] }>(backend.dispatch('audit.verify', {}, CLI_SENDER));
    assert.ok(good.entries >= 1);
    assert.deepEqual(good.breaks, []);
    const exported = await ok<{ path: string; rows: number }>(backend.dispatch('audit.export', {}, CLI_SENDER));
    assert.ok(exported.path.startsWith(join(dir, 'ekspor')), exported.path);
    const listed = await ok<{ rows: { action: string; actor: string }[] }>(backend.dispatch('audit.list', { filter: { action: 'audit.export' } }, CLI_SENDER));
    assert.deepEqual(listed.rows.map((r) => r.actor), ['admin']);

    const db = backend.archive.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'penyusup' WHERE id = 1").run();
    const bad = await ok<{ breaks: { id: number; problem: string }[] }>(backend.dispatch('audit.verify', {}, CLI_SENDER));
    assert.deepEqual(bad.breaks.map((b) => [b.id, b.problem]), [[1, 'hash-mismatch']]);
  } finally {
    await backend.close();
  }
});
