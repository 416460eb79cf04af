import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SessionUser } from '../../preload/contract.ts';
import { createUser, setupFirstUser } from '../../main/accounts/users.ts';
import { openArchive, type Archive } from '../../main/archive/open.ts';
import { verifyAuditChain } from '../../main/audit/log.ts';
import { AppError } from '../../main/errors.ts';
import { acknowledgeDipChanges, classify, lapseExpiredExemptions, LAPSED_EXEMPTIONS_SQL, openDipChangesSql, openDipChanges, openExemption } from '../../main/publication/classification.ts';
import { candidatesQuery, getCandidate, listCandidates, proposalsQuery, proposalView } from '../../main/publication/queries.ts';
import { approve, cancel, openProposal, propose, reconcilePublication, reject, sweepUnpublishable, withdraw } from '../../main/publication/workflow.ts';
import { dikPageSql, dipPageSql } from '../../main/publication/queries.ts';
import { saveRegisterSettings } from '../../main/publication/registers.ts';
import { SYSTEM_VIEWER, viewerFor } from '../../main/clearance/viewer.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fullViewer } from '../../main/clearance/viewer.ts';

interface World {
  archive: Archive;
  staff: SessionUser;
  staff2: SessionUser;
  boss: SessionUser;
  boss2: SessionUser;
}

async function world(): Promise<World> {
  const archive = openArchive(join(tempDir(), 'arsip'));
  const db = archive.db;
  const admin = await setupFirstUser(db, { name: 'admin', displayName: 'Admin', password: 'sandi-admin-1', roles: [] });
  const mk = async (name: string, roles: SessionUser['roles']) => {
    const u = await createUser(db, admin.name, { name, displayName: name, password: `sandi-${name}-1`, roles });
    return { id: u.id, name: u.name, displayName: u.displayName, roles: u.roles, clearance: u.clearance };
  };
  return { archive, staff: await mk('siti', ['staff']), staff2: await mk('rudi', ['staff']), boss: await mk('andi', ['staff', 'supervisor']), boss2: await mk('dewi', ['supervisor']) };
}

function code(fn: () => unknown): { code: string; id: string; en: string } {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return { code: error.code, id: error.messages.id, en: error.messages.en };
  }
  assert.fail('expected an AppError');
}

const outbox = (w: World) => w.archive.db.prepare('SELECT id, record_id, kind, payload, state FROM outbox ORDER BY id').all() as { id: number; record_id: number; kind: string; payload: string; state: string }[];

test('approval puts the exact payload in the outbox in the same transaction as the decision and its audit entry', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { subject: 'Rencana Kerja 2026', description: 'Rencana kerja tahunan dinas', letterDate: '2026-01-15', classificationCode: '000.1.2', originatingUnit: 'Sekretariat', publicCategory: 'setiap-saat' });
    const main = seedDocument(db, id, { name: 'renja-2026.pdf', pages: ['Rencana kerja tanpa data pribadi.'] });
    const att = seedDocument(db, id, { name: 'lampiran.pdf', role: 'attachment', pages: ['Lampiran.'] });
    propose(db, w.staff, id, 'mohon diterbitkan');
    assert.equal(outbox(w).length, 0, 'a proposal alone queues nothing');
    approve(db, w.boss, { recordId: id, comment: 'Setuju', acknowledgePersonalData: false });
    const rows = outbox(w);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.kind, 'publish');
    assert.equal(rows[0]!.state, 'waiting');
    assert.equal(
      rows[0]!.payload,
      JSON.stringify({
        title: 'Rencana Kerja 2026',
        notes: 'Rencana kerja tahunan dinas',
        classificationCode: '000.1.2',
        date: '2026-01-15',
        unit: 'Sekretariat',
        category: 'setiap-saat',
        documents: [
          { sha256: main.sha256, name: 'renja-2026.pdf', mime: 'application/pdf', size: main.size },
          { sha256: att.sha256, name: 'lampiran.pdf', mime: 'application/pdf', size: att.size },
        ],
      }),
    );
    const proposal = openProposal(db, id)!;
    assert.equal(proposal.state, 'approved');
    assert.equal(proposal.publish_outbox_id, rows[0]!.id);
    const audit = db.prepare("SELECT actor, after FROM audit_log WHERE action = 'publication.approve'").get() as { actor: string; after: string };
    assert.equal(audit.actor, 'andi');
    assert.equal(JSON.parse(audit.after).outboxId, rows[0]!.id);
    assert.equal(getCandidate(db, id, fullViewer('test'))!.proposalState, 'approved');
  } finally {
    w.archive.close();
  }
});

test('four eyes: the proposer cannot approve or reject their own proposal, even holding the supervisor role', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { publicCategory: 'berkala' });
    seedDocument(db, id);
    propose(db, w.boss, id, '');
    const own = code(() => approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: true }));
    assert.equal(own.code, 'forbidden');
    assert.match(own.id, /Anda sendiri yang mengusulkan arsip ini.*prinsip empat mata/);
    assert.match(own.en, /four-eyes/);
    assert.equal(code(() => reject(db, w.boss, { recordId: id, comment: 'tidak' })).code, 'forbidden');
    assert.equal(outbox(w).length, 0);
    // The database refuses it too, whatever code path tries.
    assert.throws(
      () => db.prepare("UPDATE publication_proposals SET state = 'rejected', decided_by = 'andi', decided_by_id = ?, decided_at = 'x' WHERE record_id = ?").run(w.boss.id, id),
      /CHECK constraint failed/,
    );
    approve(db, w.boss2, { recordId: id, comment: 'ok', acknowledgePersonalData: false });
    assert.equal(outbox(w).length, 1);
  } finally {
    w.archive.close();
  }
});

test('exempt, terbatas, rahasia, sangat-rahasia, unclassified and destroyed records cannot be proposed', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const cases = [
      [seedRecord(db, { publicCategory: null }), 'unclassified'],
      [seedRecord(db, { publicCategory: 'dikecualikan' }), 'exempt'],
      [seedRecord(db, { publicCategory: 'setiap-saat', securityClass: 'rahasia' }), 'secret'],
      [seedRecord(db, { publicCategory: 'berkala', securityClass: 'sangat-rahasia' }), 'secret'],
      [seedRecord(db, { publicCategory: 'berkala', status: 'musnah' }), 'not-held'],
    ] as const;
    for (const [id, blocker] of cases) {
      const e = code(() => propose(db, w.staff, id, ''));
      assert.equal(e.code, 'conflict', blocker);
      assert.deepEqual(
        getCandidate(db, id, fullViewer('test'))!.blockers.map((b) => b.code),
        [blocker],
      );
    }
    assert.match(code(() => propose(db, w.staff, cases[2][0], '')).id, /hanya arsip berklasifikasi biasa\/terbuka yang boleh dipublikasikan/);
    // Only biasa is publishable: terbatas (restricted) never leaves either.
    const terbatas = seedRecord(db, { publicCategory: 'berkala', securityClass: 'terbatas' });
    assert.equal(code(() => propose(db, w.staff, terbatas, '')).code, 'conflict');
    assert.deepEqual(getCandidate(db, terbatas, fullViewer('test'))!.blockers.map((b) => b.code), ['secret']);
    propose(db, w.staff, seedRecord(db, { publicCategory: 'berkala', securityClass: 'biasa' }), '');
  } finally {
    w.archive.close();
  }
});

test('the rules are checked again at approval: a record exempted or made secret after its proposal is refused', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const a = seedRecord(db, { publicCategory: 'setiap-saat' });
    const b = seedRecord(db, { publicCategory: 'setiap-saat' });
    propose(db, w.staff, a, '');
    propose(db, w.staff, b, '');
    classify(db, w.staff, {
      recordId: a,
      category: 'dikecualikan',
      test: { information: 'Nilai HPS', ground: 'b', harm: 'Persaingan usaha', until: '2099-12-31', decisionNumber: 'SK-PPID/1/2026', decisionDate: '2026-01-02' },
    });
    db.prepare("UPDATE records SET security_class = 'rahasia' WHERE id = ?").run(b);
    for (const id of [a, b]) {
      const e = code(() => approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: true }));
      assert.equal(e.code, 'conflict');
      assert.match(e.en, /cannot be approved for publication/);
    }
    assert.equal(outbox(w).length, 0);
    assert.deepEqual(
      proposalView(db, openProposal(db, a)!.id).blockers.map((x) => x.code),
      ['exempt'],
    );
  } finally {
    w.archive.close();
  }
});

test('personal data in the text blocks approval until acknowledged; every hit has its page', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { publicCategory: 'berkala', subject: 'Daftar penerima bantuan' });
    seedDocument(db, id, { name: 'daftar.pdf', pages: ['Halaman pertama tanpa data.', 'Penerima: Budi, NIK 6271031505870002, e-mail budi.santoso@example.co.id'] });
    propose(db, w.staff, id, '');
    const e = code(() => approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: false }));
    assert.equal(e.code, 'validation');
    assert.match(e.id, /menemukan 2 kemungkinan data pribadi/);
    assert.equal(outbox(w).length, 0);
    approve(db, w.boss, { recordId: id, comment: 'sudah dicek, lampiran akan diganti', acknowledgePersonalData: true });
    const p = proposalView(db, openProposal(db, id)!.id);
    assert.equal(p.personalDataHits, 2);
    assert.equal(p.personalDataAcknowledged, true);
  } finally {
    w.archive.close();
  }
});

test('documents without readable text need the acknowledgement; text still being extracted blocks approval', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const scanned = seedRecord(db, { publicCategory: 'berkala' });
    seedDocument(db, scanned, { name: 'pindaian.pdf', extractStatus: 'no-text' });
    propose(db, w.staff, scanned, '');
    assert.equal(code(() => approve(db, w.boss, { recordId: scanned, comment: '', acknowledgePersonalData: false })).code, 'validation');
    approve(db, w.boss, { recordId: scanned, comment: '', acknowledgePersonalData: true });

    const pending = seedRecord(db, { publicCategory: 'berkala' });
    seedDocument(db, pending, { extractStatus: 'pending' });
    propose(db, w.staff, pending, '');
    assert.deepEqual(
      proposalView(db, openProposal(db, pending)!.id).blockers.map((b) => b.code),
      ['text-pending'],
    );
    const e = code(() => approve(db, w.boss, { recordId: pending, comment: '', acknowledgePersonalData: true }));
    assert.equal(e.code, 'conflict');
    assert.match(e.id, /belum selesai diekstrak/);
  } finally {
    w.archive.close();
  }
});

test('reject needs a comment, cancel is for the proposer or a supervisor, withdraw queues a withdraw row', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { publicCategory: 'serta-merta' });
    seedDocument(db, id);
    propose(db, w.staff, id, '');
    assert.equal(code(() => propose(db, w.staff2, id, '')).code, 'conflict', 'one open proposal per record');
    assert.equal(code(() => reject(db, w.boss, { recordId: id, comment: '  ' })).code, 'validation');
    reject(db, w.boss, { recordId: id, comment: 'Lampiran belum lengkap' });
    propose(db, w.staff, id, 'lampiran dilengkapi');
    assert.equal(code(() => cancel(db, w.staff2, id)).code, 'forbidden');
    cancel(db, w.staff, id);
    propose(db, w.staff, id, '');
    approve(db, w.boss2, { recordId: id, comment: '', acknowledgePersonalData: false });
    assert.equal(code(() => propose(db, w.staff, id, '')).code, 'conflict', 'already live');
    assert.equal(code(() => withdraw(db, w.staff, { recordId: id, comment: 'x' })).code, 'forbidden');
    withdraw(db, w.boss, { recordId: id, comment: 'Salah unggah' });
    assert.deepEqual(
      outbox(w).map((r) => [r.kind, r.payload]),
      [
        ['publish', outbox(w)[0]!.payload],
        ['withdraw', '{}'],
      ],
    );
    assert.equal(code(() => withdraw(db, w.boss, { recordId: id, comment: 'lagi' })).code, 'not-found');
    const actions = (db.prepare("SELECT action FROM audit_log WHERE action LIKE 'publication.%' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    assert.deepEqual(actions, ['publication.propose', 'publication.reject', 'publication.propose', 'publication.cancel', 'publication.propose', 'publication.approve', 'publication.withdraw']);
    assert.deepEqual(verifyAuditChain(db).breaks, []);
  } finally {
    w.archive.close();
  }
});

test('reclassifying a live record as exempt or unclassified withdraws it at once; so does the sweep after a security change', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const live = (subject: string) => {
      const id = seedRecord(db, { subject, publicCategory: 'setiap-saat' });
      propose(db, w.staff, id, '');
      approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: false });
      return id;
    };
    const a = live('A');
    classify(db, w.staff, { recordId: a, category: null });
    assert.equal(openProposal(db, a), undefined);
    const b = live('B');
    db.prepare("UPDATE records SET security_class = 'sangat-rahasia' WHERE id = ?").run(b);
    assert.equal(reconcilePublication(db, b), true);
    const c = live('C');
    db.prepare("UPDATE records SET status = 'musnah' WHERE id = ?").run(c);
    assert.deepEqual(sweepUnpublishable(db), [c]);
    assert.deepEqual(
      outbox(w).map((r) => `${r.record_id}:${r.kind}`),
      [`${a}:publish`, `${a}:withdraw`, `${b}:publish`, `${b}:withdraw`, `${c}:publish`, `${c}:withdraw`],
    );
  } finally {
    w.archive.close();
  }
});

test('an exemption needs a consequence test with a time limit, permanent only for Pasal 17 g and h; ending it early takes a supervisor', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { publicCategory: null });
    const t = { information: 'Data pribadi pemohon', ground: 'a' as const, harm: 'Menghambat penyidikan', until: null, decisionNumber: 'SK-PPID/3/2026', decisionDate: '2026-02-01' };
    const e = code(() => classify(db, w.staff, { recordId: id, category: 'dikecualikan', test: t }));
    assert.equal(e.code, 'validation');
    assert.match(e.id, /wajib punya batas waktu. Hanya huruf g dan h/);
    assert.match(code(() => classify(db, w.staff, { recordId: id, category: 'dikecualikan', test: { ...t, until: '2001-01-01' } })).id, /sudah lewat/);
    classify(db, w.staff, { recordId: id, category: 'dikecualikan', test: { ...t, ground: 'h' } });
    assert.equal(openExemption(db, id)!.until, null);
    assert.throws(() => db.prepare("UPDATE exemptions SET ground = 'a' WHERE record_id = ?").run(id), /CHECK constraint failed/);
    assert.equal(code(() => classify(db, w.staff, { recordId: id, category: 'setiap-saat' })).code, 'forbidden');
    classify(db, w.boss, { recordId: id, category: 'setiap-saat' });
    assert.equal(openExemption(db, id), null);
    assert.equal(getCandidate(db, id, fullViewer('test'))!.publicCategory, 'setiap-saat');
    assert.deepEqual(
      openDipChanges(db, fullViewer('test')).map((c) => c.reason),
      ['exempted', 'exemption-ended'],
    );
  } finally {
    w.archive.close();
  }
});

test('a lapsed exemption reopens the record as setiap-saat, queues a DIP change and tells the users, but publishes nothing', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { subject: 'Hasil audit internal 2020' });
    classify(db, w.staff, {
      recordId: id,
      category: 'dikecualikan',
      test: { information: 'Temuan audit', ground: 'a', harm: 'Proses hukum berjalan', until: '2026-06-30', decisionNumber: 'SK-PPID/9/2025', decisionDate: '2025-07-01' },
      // recorded while still before the limit
    }, new Date(2026, 5, 1));
    assert.deepEqual(lapseExpiredExemptions(db, new Date(2026, 5, 30, 23, 0)), [], 'the last day is still exempt');
    const lapsed = lapseExpiredExemptions(db, new Date(2026, 6, 1, 0, 30));
    assert.deepEqual(lapsed, [{ recordId: id, subject: 'Hasil audit internal 2020', until: '2026-06-30' }]);
    assert.equal(getCandidate(db, id, fullViewer('test'))!.publicCategory, 'setiap-saat');
    assert.equal(openExemption(db, id), null);
    const changes = openDipChanges(db, fullViewer('test'));
    assert.deepEqual(
      changes.map((c) => c.reason),
      ['exempted', 'exemption-lapsed'],
    );
    assert.equal(outbox(w).length, 0, 'reopening never publishes by itself');
    const audit = db.prepare("SELECT actor FROM audit_log WHERE action = 'publication.exemption-lapsed'").get() as { actor: string };
    assert.equal(audit.actor, 'system');
    assert.equal(code(() => acknowledgeDipChanges(db, w.staff, [changes[0]!.id])).code, 'forbidden');
    assert.equal(acknowledgeDipChanges(db, w.boss, changes.map((c) => c.id)), 2);
    assert.deepEqual(openDipChanges(db, fullViewer('test')), []);
    assert.equal(listCandidates(db, { query: '', filter: 'exempt', offset: 0, limit: 10 }, fullViewer('test')).total, 0);
    assert.equal(listCandidates(db, { query: 'audit internal', filter: 'public', offset: 0, limit: 10 }, fullViewer('test')).total, 1);
  } finally {
    w.archive.close();
  }
});

test('if the outbox row cannot be written, the approval and its audit entry are rolled back with it', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { publicCategory: 'setiap-saat' });
    propose(db, w.staff, id, '');
    const auditBefore = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    db.exec("CREATE TEMP TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;");
    assert.throws(() => approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: false }), /outbox unavailable/);
    db.exec('DROP TRIGGER outbox_down');
    assert.equal(openProposal(db, id)!.state, 'proposed');
    assert.equal((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n, auditBefore);
    approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: false });
    assert.equal(openProposal(db, id)!.state, 'approved');
  } finally {
    w.archive.close();
  }
});

test('the Publikasi lists are served by indexes', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    // The modules' own SQL, as the screens run it — not copies that could drift from the code —
    // for a viewer with full clearance and for one whose clearance adds a class filter.
    for (const viewer of [SYSTEM_VIEWER, viewerFor({ id: null, name: 'siti', roles: ['staff'], clearance: 'terbatas' })]) {
      const dip = plan(dipPageSql(viewer), 100, 0);
      assert.match(dip, /records_public_category/, dip);
      assert.doesNotMatch(dip, /TEMP B-TREE/, dip);
      const dik = plan(dikPageSql(viewer), 100, 0);
      assert.match(dik, /exemptions_open/, dik);
      assert.doesNotMatch(dik, /TEMP B-TREE/, dik);
      const proposed = proposalsQuery(['proposed'], viewer);
      const pending = plan(proposed.page, 'proposed', 100, 0);
      assert.match(pending, /publication_state/, pending);
      assert.doesNotMatch(pending, /TEMP B-TREE/, pending);
      assert.match(plan(proposed.count, 'proposed'), /publication_state/);
      const changes = plan(openDipChangesSql(viewer), 500);
      assert.match(changes, /dip_changes_open/, changes);
      assert.doesNotMatch(changes, /TEMP B-TREE/, changes);
      const candidates = candidatesQuery({ query: '', filter: 'unclassified' }, viewer);
      const unclassified = plan(candidates.page, ...candidates.params, 100, 0);
      assert.match(unclassified, /records_public_category/, unclassified);
      assert.doesNotMatch(unclassified, /TEMP B-TREE/, unclassified);
    }
    const due = plan(LAPSED_EXEMPTIONS_SQL, '2026-01-01');
    assert.match(due, /exemptions_due/, due);
  } finally {
    w.archive.close();
  }
});

test('approval waits until the DIP columns the law asks for are filled: code, date, unit and the person responsible', async () => {
  const w = await world();
  try {
    const db = w.archive.db;
    const id = seedRecord(db, { subject: 'Pengumuman tanpa metadata', classificationCode: null, letterDate: null, originatingUnit: null, creator: null, publicCategory: 'setiap-saat' });
    propose(db, w.staff, id, '');
    const refused = code(() => approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: false }));
    assert.equal(refused.code, 'validation');
    assert.match(refused.id, /Kolom wajib DIP belum lengkap/);
    for (const column of ['Kode klasifikasi', 'Tanggal naskah', 'Unit pengolah', 'Pencipta arsip']) assert.match(refused.id, new RegExp(column));
    assert.equal(outbox(w).length, 0, 'nothing is queued for the portal');
    assert.equal(openProposal(db, id)?.state, 'proposed', 'the proposal still waits');

    // Filling the record (unit and responsible may come from the register settings) lets it through.
    db.prepare("UPDATE records SET classification_code = '000.1.2', code_sort = '0000.0001.0002', letter_date = '2026-02-01' WHERE id = ?").run(id);
    saveRegisterSettings(db, 'admin', { agency: 'Dinas Kominfo', unit: 'Bidang Informasi', responsible: 'Kepala Bidang', place: 'Palangka Raya' });
    approve(db, w.boss, { recordId: id, comment: '', acknowledgePersonalData: false });
    assert.equal(openProposal(db, id)?.state, 'approved');
  } finally {
    w.archive.close();
  }
});
