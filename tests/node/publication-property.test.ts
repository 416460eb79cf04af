// Whatever the sequence of classification changes, security changes, proposals, approvals,
// rejections, cancellations, withdrawals and lapses by whichever users: no exempt, rahasia /
// sangat-rahasia, unclassified or unapproved record ever gets a 'publish' row in the outbox, and
// what the outbox says is live is always publishable and approved by a second person. Record
// changes go through the archive's own services on an archive opened by the composition, so the
// withdrawals come from the record-changed hook the product really wires (nothing simulated).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ClassifyInput, Role, SessionUser } from '../../preload/contract.ts';
import { hashPassword } from '../../main/accounts/passwords.ts';
import { setRecordStatus, updateRecord } from '../../main/archive/records.ts';
import { verifyAuditChain } from '../../main/audit/log.ts';
import type { Db } from '../../main/db/connection.ts';
import { AppError } from '../../main/errors.ts';
import { openComposedArchive } from '../../main/host/compose.ts';
import { classify, lapseExpiredExemptions } from '../../main/publication/classification.ts';
import { scanRecord } from '../../main/publication/personal-data.ts';
import { approve, cancel, propose, reject, withdraw } from '../../main/publication/workflow.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fullViewer } from '../../main/clearance/viewer.ts';

const ROLE_SETS: Role[][] = [['staff'], ['staff'], ['supervisor'], ['staff', 'supervisor'], ['supervisor', 'admin'], ['admin']];
const RECORDS = 4;

type Op =
  | { op: 'classify'; user: number; record: number; category: 'berkala' | 'serta-merta' | 'setiap-saat' | 'dikecualikan' | null; ground: 'a' | 'g' }
  | { op: 'security'; record: number; cls: 'biasa' | 'terbatas' | 'rahasia' | 'sangat-rahasia' }
  | { op: 'destroy' | 'handover'; record: number }
  | { op: 'propose' | 'cancel' | 'reject' | 'withdraw'; user: number; record: number }
  | { op: 'approve'; user: number; record: number; ack: boolean }
  | { op: 'lapse'; years: number };

const user = fc.nat({ max: ROLE_SETS.length - 1 });
const record = fc.nat({ max: RECORDS - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('classify' as const), user, record, category: fc.constantFrom('berkala', 'serta-merta', 'setiap-saat', 'dikecualikan', null), ground: fc.constantFrom('a' as const, 'g' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('security' as const), record, cls: fc.constantFrom('biasa' as const, 'terbatas' as const, 'rahasia' as const, 'sangat-rahasia' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('destroy' as const, 'handover' as const), record }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('propose' as const), user, record }) },
  { weight: 10, arbitrary: fc.record({ op: fc.constant('approve' as const), user, record, ack: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('cancel' as const, 'reject' as const, 'withdraw' as const), user, record }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lapse' as const), years: fc.integer({ min: 0, max: 3 }) }) },
);

function apply(db: Db, users: SessionUser[], ids: number[], op: Op, now: Date): void {
  const rid = 'record' in op ? ids[op.record]! : 0;
  const u = 'user' in op ? users[op.user]! : users[0]!;
  switch (op.op) {
    case 'classify': {
      const input: ClassifyInput =
        op.category === 'dikecualikan'
          ? {
              recordId: rid,
              category: 'dikecualikan',
              test: { information: 'bagian tertentu', ground: op.ground, harm: 'akibat', until: op.ground === 'g' ? null : '2027-12-31', decisionNumber: 'SK/1', decisionDate: '2026-01-01' },
            }
          : { recordId: rid, category: op.category };
      return classify(db, u, input, now);
    }
    case 'security':
      // records.update, as the Arsip screen calls it.
      updateRecord(db, rid, { securityClass: op.cls }, fullViewer(u.name));
      return;
    case 'destroy':
    case 'handover':
      // The status change a destruction or handover case makes, through the records owner.
      db.transaction(() => setRecordStatus(db, rid, { status: op.op === 'destroy' ? 'musnah' : 'diserahkan', from: ['aktif', 'inaktif'] }, u.name, now.toISOString()))();
      return;
    case 'propose':
      propose(db, u, rid, '');
      return;
    case 'approve':
      approve(db, u, { recordId: rid, comment: '', acknowledgePersonalData: op.ack });
      return;
    case 'reject':
      reject(db, u, { recordId: rid, comment: 'tidak' });
      return;
    case 'cancel':
      cancel(db, u, rid);
      return;
    case 'withdraw':
      withdraw(db, u, { recordId: rid, comment: 'tarik' });
      return;
    case 'lapse':
      lapseExpiredExemptions(db, new Date(2027 + op.years, 0, 2));
      return;
  }
}

interface OutboxRow {
  id: number;
  record_id: number;
  kind: 'publish' | 'withdraw';
}

function checkNewRows(db: Db, users: SessionUser[], since: number): number {
  const rows = db.prepare('SELECT id, record_id, kind FROM outbox WHERE id > ? ORDER BY id').all(since) as OutboxRow[];
  for (const row of rows.filter((r) => r.kind === 'publish')) {
    const r = db.prepare('SELECT public_category AS c, security_class AS s, status FROM records WHERE id = ?').get(row.record_id) as { c: string | null; s: string; status: string };
    assert.ok(r.c !== null && ['berkala', 'serta-merta', 'setiap-saat'].includes(r.c), `publish row for a record classed ${r.c}`);
    assert.ok(!['rahasia', 'sangat-rahasia'].includes(r.s), `publish row for a ${r.s} record`);
    assert.ok(!['musnah', 'diserahkan'].includes(r.status), `publish row for a ${r.status} record`);
    const p = db.prepare('SELECT * FROM publication_proposals WHERE publish_outbox_id = ?').get(row.id) as
      | { state: string; proposed_by_id: number; decided_by_id: number; personal_data_acknowledged: number }
      | undefined;
    assert.ok(p, 'every publish row belongs to an approval');
    assert.equal(p.state, 'approved');
    assert.notEqual(p.decided_by_id, p.proposed_by_id, 'four eyes');
    assert.ok(users.find((x) => x.id === p.decided_by_id)!.roles.includes('supervisor'), 'approved by a supervisor');
    const scan = scanRecord(db, row.record_id);
    if (scan.total > 0 || scan.unscanned.length > 0) assert.equal(p.personal_data_acknowledged, 1, 'personal data acknowledged');
  }
  return rows.length ? rows[rows.length - 1]!.id : since;
}

function checkLive(db: Db): void {
  // What the portal ends up with: a record whose last outbox row is 'publish'.
  const live = db
    .prepare(
      `SELECT o.record_id AS id FROM outbox o WHERE o.kind = 'publish'
       AND o.id = (SELECT max(id) FROM outbox WHERE record_id = o.record_id)`,
    )
    .all() as { id: number }[];
  for (const { id } of live) {
    const r = db.prepare('SELECT public_category AS c, security_class AS s, status FROM records WHERE id = ?').get(id) as { c: string | null; s: string; status: string };
    assert.ok(r.c !== null && r.c !== 'dikecualikan', `record ${id} is live but classed ${r.c}`);
    assert.ok(!['rahasia', 'sangat-rahasia'].includes(r.s), `record ${id} is live but ${r.s}`);
    assert.ok(!['musnah', 'diserahkan'].includes(r.status), `record ${id} is live but ${r.status}`);
    const approved = db.prepare("SELECT 1 FROM publication_proposals WHERE record_id = ? AND state = 'approved'").get(id);
    assert.ok(approved, `record ${id} is live without an approved proposal`);
  }
}

test('no exempt, secret, unclassified or unapproved record ever reaches the outbox as a publish row', async () => {
  const dir = tempDir();
  const hash = await hashPassword('tidak-dipakai-1');
  let run = 0;
  const seenKinds = { publish: 0, withdraw: 0, refused: 0 };
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom<'berkala' | 'setiap-saat' | 'dikecualikan' | null>('berkala', 'setiap-saat', 'setiap-saat', 'berkala', 'dikecualikan', null), { minLength: RECORDS, maxLength: RECORDS }),
      fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }),
      (initial, ops) => {
        const archive = openComposedArchive(join(dir, `a${run++}`));
        try {
          const db = archive.db;
          const now = new Date().toISOString();
          const users: SessionUser[] = ROLE_SETS.map((roles, i) => {
            const id = Number(
              db.prepare('INSERT INTO users (name, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(`u${i}`, `U${i}`, hash, now, now, now).lastInsertRowid,
            );
            for (const role of roles) db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)').run(id, role);
            return { id, name: `u${i}`, displayName: `U${i}`, roles, clearance: 'sangat-rahasia' as const };
          });
          const ids = initial.map((c, i) => {
            const id = seedRecord(db, { subject: `Arsip ${i}`, publicCategory: c === 'dikecualikan' ? null : c });
            if (i === 1) seedDocument(db, id, { pages: ['NIK 6271031505870002'] });
            else if (i === 2) seedDocument(db, id, { extractStatus: 'no-text' });
            else seedDocument(db, id);
            return id;
          });
          let seen = 0;
          for (const op of ops) {
            try {
              apply(db, users, ids, op, new Date(2026, 5, 1));
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              seenKinds.refused++;
            }
            seen = checkNewRows(db, users, seen);
            checkLive(db);
          }
          for (const r of db.prepare('SELECT kind FROM outbox').all() as { kind: 'publish' | 'withdraw' }[]) seenKinds[r.kind]++;
          assert.deepEqual(verifyAuditChain(db).breaks, []);
        } finally {
          archive.close();
        }
      },
    ),
    { numRuns: 120 },
  );
  // The property is not vacuous: the runs did publish, withdraw and refuse.
  assert.ok(seenKinds.publish > 20 && seenKinds.withdraw > 5 && seenKinds.refused > 100, JSON.stringify(seenKinds));
});
