// The destruction gate cannot be got round: a property over random archives, holds and action
// sequences (no held, undue or unapproved record is ever destroyed; every destruction leaves a
// stub and a berita acara), and the contract path through the router with users lacking roles
// or approvals.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import fc from 'fast-check';
import type { Handlers, CallContext } from '../../main/kernel/calls.ts';
import { contextFor } from '../../main/kernel/calls.ts';
import { handle } from '../../main/ipc/router.ts';
import { isCodePrefix } from '../../main/archive/codes.ts';
import { confirmCondition, executeDestruction, proposeDestruction, recordApproval, recordCommittee, recordLkd } from '../../main/retention/destruction.ts';
import { retentionHandlers } from '../../main/retention/handlers.ts';
import { createHold, liftHold } from '../../main/retention/holds.ts';
import { SIGNER, WITNESS, addFile, addRecord, applySampleJra, freshArchive, objectFile } from './retention-helpers.ts';

// ---------- an oracle written apart from the service: the sample JRA rows the archive uses ----------
const RULES: Record<string, { active: number; inactive: number; disposition: string; conditional: boolean; event: boolean }> = {
  '000.1.1': { active: 1, inactive: 1, disposition: 'musnah', conditional: false, event: false },
  '900.1.3.7': { active: 2, inactive: 8, disposition: 'musnah', conditional: false, event: false },
  '000.1.5': { active: 1, inactive: 1, disposition: 'musnah', conditional: true, event: false },
  '000.2.5': { active: 2, inactive: 3, disposition: 'permanen', conditional: false, event: false },
  'UM.02.04': { active: 2, inactive: 0, disposition: 'musnah', conditional: false, event: true },
};
const CODES = [...Object.keys(RULES), '611'];

function plusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface ModelFile {
  id: number;
  code: string;
  closedAt: string | null;
  triggerDate: string | null;
  records: { id: number; status: 'aktif' | 'inaktif'; sha256: string }[];
}

type Hold = { id: number; kind: 'record' | 'file' | 'code'; value: number | string; lifted: boolean };

/** May this record be destroyed today, by the rules as the oracle reads them (ignoring approvals)? */
function oracleDestroyable(file: ModelFile, status: string, today: string): boolean {
  const rule = RULES[file.code];
  if (!rule || rule.disposition !== 'musnah' || !file.closedAt) return false;
  const start = rule.event ? file.triggerDate : file.closedAt;
  if (!start) return false;
  const activeUntil = plusYears(start, rule.active);
  const inactiveUntil = plusYears(activeUntil, rule.inactive);
  if (status === 'aktif') return rule.inactive === 0 && activeUntil <= today;
  return status === 'inaktif' && inactiveUntil <= today;
}

function oracleHeld(file: ModelFile, recordId: number, holds: Hold[]): boolean {
  return holds.some(
    (h) =>
      !h.lifted &&
      ((h.kind === 'record' && h.value === recordId) || (h.kind === 'file' && h.value === file.id) || (h.kind === 'code' && isCodePrefix(String(h.value), file.code))),
  );
}

const dateArb = fc.integer({ min: 0, max: 5200 }).map((n) => plusDays('2012-01-01', n));
const fileArb = fc.record({
  code: fc.constantFrom(...CODES),
  closedAt: fc.option(dateArb, { freq: 5 }),
  triggerDate: fc.option(dateArb, { freq: 2 }),
  statuses: fc.array(fc.constantFrom('aktif' as const, 'inaktif' as const), { minLength: 1, maxLength: 3 }),
});
const actionArb = fc.oneof(
  fc.record({ kind: fc.constant('propose' as const), files: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('committee' as const), c: fc.nat(), agrees: fc.constantFrom(true, true, true, false) }),
  fc.record({ kind: fc.constant('approve' as const), c: fc.nat(), authority: fc.constantFrom('kepala-daerah' as const, 'anri' as const, 'kepala-perangkat-daerah' as const), back: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('approveChain' as const), c: fc.nat(), lkd: fc.boolean() }),
  fc.record({ kind: fc.constant('confirm' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('execute' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('hold' as const), target: fc.constantFrom('record' as const, 'file' as const, 'code' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('lift' as const), h: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 3000 }) }),
  // The whole happy path in one go (each step still through the services, each may be refused),
  // so random runs reach execution often enough to matter.
  fc.record({ kind: fc.constant('pipeline' as const), files: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), confirm: fc.boolean(), lkd: fc.constantFrom(true, true, true, false) }),
);

let destroyedInTotal = 0;
let executionsRefused = 0;

after(() => {
  // The property is only meaningful if the random runs both destroyed and refused.
  assert.ok(destroyedInTotal > 0, 'some random runs carried out a destruction');
  assert.ok(executionsRefused > 0, 'some random runs were refused');
});

test('no held, undue or unapproved record is ever destroyed; every destruction leaves a stub and a berita acara', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fileArb, { minLength: 1, maxLength: 6 }), fc.array(actionArb, { minLength: 1, maxLength: 25 }), async (fileSpecs, actions) => {
      const archive = freshArchive();
      try {
        let today = '2026-03-12';
        await applySampleJra(archive, today);
        const files: ModelFile[] = fileSpecs.map((spec) => {
          const id = addFile(archive, { code: spec.code, closedAt: spec.closedAt, triggerDate: spec.triggerDate });
          return {
            id,
            code: spec.code,
            closedAt: spec.closedAt,
            triggerDate: spec.triggerDate,
            records: spec.statuses.map((status) => {
              const r = addRecord(archive, { fileId: id, status });
              return { id: r.recordId, status, sha256: r.sha256! };
            }),
          };
        });
        const allRecords = files.flatMap((f) => f.records.map((r) => ({ file: f, record: r })));
        const holds: Hold[] = [];
        const cases: number[] = [];
        const confirmed = new Set<number>();
        const destroyed = new Set<number>();
        const pick = <T,>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

        type Action = (typeof actions)[number];
        const step = async (action: Action): Promise<void> => {
          switch (action.kind) {
            case 'pipeline': {
              const before = cases.length;
              await step({ kind: 'propose', files: action.files });
              if (cases.length === before) break;
              const c = cases.length - 1;
              await step({ kind: 'committee', c, agrees: true });
              await step({ kind: 'approveChain', c, lkd: action.lkd });
              if (action.confirm) await step({ kind: 'confirm', c });
              await step({ kind: 'execute', c });
              break;
            }
            case 'propose': {
              const ids = [...new Set(action.files.map((n) => pick(files, n)!.id))];
              try {
                cases.push(proposeDestruction(archive.db, { fileIds: ids, recordIds: [], title: 'acak' }, 'staf', today));
              } catch {
                /* nothing eligible */
              }
              break;
            }
            case 'committee': {
              const c = pick(cases, action.c);
              if (c) {
                try {
                  recordCommittee(archive.db, c, { letterNumber: `PPA-${c}`, letterDate: plusDays(today, -30), signedBy: 'Ketua', opinion: 'pendapat', agrees: action.agrees }, 'atasan', today);
                } catch {
                  /* wrong state */
                }
              }
              break;
            }
            case 'approve': {
              const c = pick(cases, action.c);
              if (c) {
                try {
                  recordApproval(archive.db, c, { authority: action.authority, letterNumber: `L-${c}-${action.authority}`, letterDate: plusDays(today, -action.back), signedBy: 'Pejabat' }, 'atasan', today);
                } catch {
                  /* refused */
                }
              }
              break;
            }
            case 'approveChain': {
              const c = pick(cases, action.c);
              if (c) {
                for (const authority of ['kepala-daerah', 'kepala-perangkat-daerah', 'anri', 'kepala-daerah'] as const) {
                  try {
                    recordApproval(archive.db, c, { authority, letterNumber: `C-${c}-${authority}`, letterDate: today, signedBy: 'Pejabat' }, 'atasan', today);
                  } catch {
                    /* the wrong authority for this band, or out of order: refused */
                  }
                }
                if (action.lkd) {
                  try {
                    recordLkd(archive.db, c, { agency: 'DPK', letterNumber: `LKD-${c}`, letterDate: today, officer: null }, 'atasan', today);
                  } catch {
                    /* under ten years, or already recorded: refused */
                  }
                }
              }
              break;
            }
            case 'confirm': {
              const c = pick(cases, action.c);
              if (c) {
                const items = archive.db.prepare('SELECT record_id FROM disposition_items WHERE case_id = ? AND removed_at IS NULL').all(c) as { record_id: number }[];
                for (const { record_id } of items) {
                  try {
                    confirmCondition(archive.db, c, [record_id], 'pengecualian tidak berlaku', 'atasan');
                    confirmed.add(record_id);
                  } catch {
                    /* not conditional */
                  }
                }
              }
              break;
            }
            case 'hold': {
              const entry = pick(allRecords, action.pick)!;
              const value = action.target === 'record' ? entry.record.id : action.target === 'file' ? entry.file.id : entry.file.code.split('.').slice(0, 2).join('.');
              const target =
                action.target === 'record'
                  ? { kind: 'record' as const, recordId: entry.record.id }
                  : action.target === 'file'
                    ? { kind: 'file' as const, fileId: entry.file.id }
                    : { kind: 'code' as const, codePrefix: String(value) };
              const hold = createHold(archive.db, { name: `H${holds.length}`, reason: 'perkara', caseRef: null, targets: [target] }, 'staf');
              holds.push({ id: hold.id, kind: action.target, value, lifted: false });
              break;
            }
            case 'lift': {
              const h = pick(holds.filter((x) => !x.lifted), action.h);
              if (h) {
                liftHold(archive.db, h.id, 'perkara selesai', 'atasan');
                h.lifted = true;
              }
              break;
            }
            case 'advance':
              today = plusDays(today, action.days);
              break;
            case 'execute': {
              const c = pick(cases, action.c);
              if (!c) break;
              const items = (archive.db.prepare('SELECT record_id FROM disposition_items WHERE case_id = ? AND removed_at IS NULL').all(c) as { record_id: number }[]).map((r) => r.record_id);
              const approvals = archive.db.prepare('SELECT authority, agrees, band FROM disposition_approvals WHERE case_id = ?').all(c) as { authority: string; agrees: number; band: string | null }[];
              const statusBefore = new Map(items.map((id) => [id, (archive.db.prepare('SELECT status FROM records WHERE id = ?').get(id) as { status: string }).status]));
              try {
                await executeDestruction(archive, c, { baNumber: `BA-${c}`, place: '', method: 'pencacahan', executor: SIGNER, witnesses: [WITNESS] }, 'atasan', today, { backupRoot: null });
              } catch {
                executionsRefused++;
                break;
              }
              // It went through: the oracle must agree on every single record.
              const total = Math.max(...items.map((id) => {
                const f = files.find((x) => x.records.some((r) => r.id === id))!;
                return RULES[f.code]!.active + RULES[f.code]!.inactive;
              }));
              const need = total >= 10 ? ['anri', 'kepala-daerah'] : ['kepala-daerah', 'kepala-perangkat-daerah'];
              assert.ok(approvals.some((a) => a.authority === 'panitia-penilai' && a.agrees === 1), 'the committee agreed');
              for (const authority of need) {
                assert.ok(approvals.some((a) => a.authority === authority && a.band === (total >= 10 ? '>=10' : '<10')), `${authority} approved for this band`);
              }
              if (total >= 10) assert.ok(archive.db.prepare('SELECT 1 FROM disposition_lkd WHERE case_id = ?').get(c), 'the LKD took part in a destruction of ten years or more');
              for (const id of items) {
                const f = files.find((x) => x.records.some((r) => r.id === id))!;
                assert.ok(oracleDestroyable(f, statusBefore.get(id)!, today), `record ${id} (${f.code}, closed ${f.closedAt}) was due on ${today}`);
                assert.ok(!oracleHeld(f, id, holds), `record ${id} was not held`);
                if (RULES[f.code]!.conditional) assert.ok(confirmed.has(id), `record ${id}'s conditional rule was confirmed`);
                destroyed.add(id);
              }
              destroyedInTotal += items.length;
              break;
            }
          }
        };

        for (const action of actions) {
          await step(action);

          // After every step: exactly the records destroyed by a successful execution are 'musnah',
          // each a full stub with its berita acara kept.
          const musnah = (archive.db.prepare("SELECT id, destruction_ref FROM records WHERE status = 'musnah'").all() as { id: number; destruction_ref: string | null }[]);
          assert.deepEqual(musnah.map((r) => r.id).sort((a, b) => a - b), [...destroyed].sort((a, b) => a - b));
          for (const r of musnah) {
            assert.ok(r.destruction_ref, 'a destroyed record names its berita acara');
            const docs = archive.db.prepare('SELECT sha256, content_removed_at FROM documents WHERE record_id = ?').all(r.id) as { sha256: string; content_removed_at: string | null }[];
            for (const d of docs) {
              assert.ok(d.content_removed_at);
              assert.equal(existsSync(objectFile(archive, d.sha256)), false);
            }
            assert.ok(archive.db.prepare('SELECT 1 FROM search_index WHERE rowid = ?').get(r.id), 'the metadata stays searchable');
            const ba = archive.db
              .prepare(
                `SELECT d.sha256, rr.status FROM disposition_items i JOIN disposition_cases c ON c.id = i.case_id
                 JOIN disposition_documents dd ON dd.case_id = c.id AND dd.kind = 'ba-pemusnahan'
                 JOIN documents d ON d.id = dd.document_id JOIN records rr ON rr.id = d.record_id
                 WHERE i.record_id = ? AND c.state = 'done' AND i.removed_at IS NULL`,
              )
              .get(r.id) as { sha256: string; status: string } | undefined;
            assert.ok(ba, 'a berita acara exists for it');
            assert.equal(ba.status, 'permanen');
            assert.ok(readFileSync(objectFile(archive, ba.sha256)).subarray(0, 5).equals(Buffer.from('%PDF-')));
          }
          for (const { record } of allRecords) {
            if (!destroyed.has(record.id)) assert.ok(existsSync(objectFile(archive, record.sha256)), `record ${record.id}'s content is intact`);
          }
        }
      } finally {
        archive.close();
      }
    }),
    { numRuns: 150 },
  );
});

// ---------- the contract path ----------

function context(name: string, roles: ('staff' | 'supervisor' | 'admin')[]): CallContext {
  return contextFor({ kind: 'cli' }, { id: 7, name, roles, clearance: 'sangat-rahasia' });
}

test('through the router: staff cannot approve or execute, and a supervisor cannot execute without recorded approvals or pick the date', async () => {
  const archive = freshArchive();
  try {
    const today = '2026-03-12';
    await applySampleJra(archive, today);
    const file = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    const { recordId, sha256 } = addRecord(archive, { fileId: file });
    const handlers = retentionHandlers({ archive, today: () => today, backupRoot: () => null }) as unknown as Handlers;
    const staff = context('staf', ['staff']);
    const supervisor = context('atasan', ['staff', 'supervisor']);

    const proposed = await handle(handlers, 'retention.destruction.propose', { fileIds: [file], title: 'Usul' }, staff);
    assert.equal(proposed.ok, true);
    const caseId = (proposed as { ok: true; value: { id: number } }).value.id;

    const execute = { id: caseId, baNumber: 'BA-1', method: 'pencacahan', executor: SIGNER, witnesses: [WITNESS] };
    for (const [channel, input] of [
      ['retention.destruction.committee', { id: caseId, letterNumber: 'P', letterDate: today, signedBy: 'K', opinion: 'ok', agrees: true }],
      ['retention.destruction.approve', { id: caseId, authority: 'kepala-daerah', letterNumber: 'A', letterDate: today, signedBy: 'B' }],
      ['retention.destruction.execute', execute],
      ['retention.holds.lift', { id: 1, reason: 'x' }],
      ['retention.jra.apply', { versionId: 1, confirm: true }],
    ] as const) {
      const result = await handle(handlers, channel, input, staff);
      assert.equal(result.ok, false, channel);
      assert.equal((result as { ok: false; error: { code: string } }).error.code, 'forbidden', channel);
    }
    const anonymous = await handle(handlers, 'retention.destruction.execute', execute, contextFor({ kind: 'cli' }, null));
    assert.equal((anonymous as { ok: false; error: { code: string } }).error.code, 'unauthenticated');

    const refused = await handle(handlers, 'retention.destruction.execute', execute, supervisor);
    assert.equal(refused.ok, false);
    const error = (refused as { ok: false; error: { code: string; message: { en: string }; details: { missing: string[] } } }).error;
    assert.equal(error.code, 'conflict');
    assert.deepEqual(error.details.missing, ['panitia-penilai', 'kepala-daerah', 'kepala-perangkat-daerah']);
    assert.match(error.message.en, /Nothing was destroyed/);

    // No caller can make a record due by sending a date: the execution schema has no such field.
    const dated = await handle(handlers, 'retention.destruction.execute', { ...execute, today: '2099-01-01' }, supervisor);
    assert.equal((dated as { ok: false; error: { code: string } }).error.code, 'validation');
    const unconfirmed = await handle(handlers, 'retention.jra.apply', { versionId: 1 }, supervisor);
    assert.equal((unconfirmed as { ok: false; error: { code: string } }).error.code, 'validation');

    // The committee and the regent, but not the department's decision: still refused.
    assert.equal((await handle(handlers, 'retention.destruction.committee', { id: caseId, letterNumber: 'P-1', letterDate: '2026-01-05', signedBy: 'Ketua', opinion: 'setuju', agrees: true }, supervisor)).ok, true);
    assert.equal((await handle(handlers, 'retention.destruction.approve', { id: caseId, authority: 'kepala-daerah', letterNumber: 'B-1', letterDate: '2026-02-01', signedBy: 'Bupati' }, supervisor)).ok, true);
    const stillMissing = await handle(handlers, 'retention.destruction.execute', execute, supervisor);
    assert.deepEqual((stillMissing as { ok: false; error: { details: { missing: string[] } } }).error.details.missing, ['kepala-perangkat-daerah']);
    assert.equal((archive.db.prepare('SELECT status FROM records WHERE id = ?').get(recordId) as { status: string }).status, 'inaktif');
    assert.ok(existsSync(objectFile(archive, sha256!)));

    assert.equal((await handle(handlers, 'retention.destruction.approve', { id: caseId, authority: 'kepala-perangkat-daerah', letterNumber: 'K-1', letterDate: '2026-02-10', signedBy: 'Kadis' }, supervisor)).ok, true);
    const done = await handle(handlers, 'retention.destruction.execute', execute, supervisor);
    assert.equal(done.ok, true);
    const value = (done as { ok: true; value: { destroyedRecords: number; case: { approvals: { authority: string; recordedBy: string }[] } } }).value;
    assert.equal(value.destroyedRecords, 1);
    assert.deepEqual(
      value.case.approvals.map((a) => [a.authority, a.recordedBy]),
      [
        ['panitia-penilai', 'atasan'],
        ['kepala-daerah', 'atasan'],
        ['kepala-perangkat-daerah', 'atasan'],
      ],
    );
    const actor = archive.db.prepare("SELECT actor FROM audit_log WHERE action = 'destruction.execute'").get() as { actor: string };
    assert.equal(actor.actor, 'atasan');
  } finally {
    archive.close();
  }
});
