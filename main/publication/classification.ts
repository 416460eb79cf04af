// Public-information classification (UU 14/2008 KIP): the record's category and, for an exempt
// record, its consequence test (uji konsekuensi). Owns the exemptions and dip_changes tables and
// records.public_category. Lapsed exemptions reopen here.
//
// Design of a lapse: when the last exempt day has passed, the exemption ends ('lapsed'), the record
// becomes 'setiap-saat' (open information available on request, UU 14/2008 Pasal 11), a DIP change
// is queued and users are told on the Publikasi screen and the dashboard. It is NOT published:
// publication still needs a proposal and a second person's approval.
import type { ClassifyInput, ConsequenceTest, DipChange, Exemption } from '../../preload/contract.ts';
import { PERMANENT_GROUNDS } from '../../preload/contract.ts';
import { requireRole, type UserWithRoles } from '../accounts/roles.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { localToday as today } from '../kernel/clock.ts';
import { loadRecord, setPublicCategory } from './record-facts.ts';
import { blockersFor } from './rules.ts';
import { withdrawLive } from './workflow.ts';
import { isSecret, visibleSql, type Viewer } from '../clearance/viewer.ts';
import { RECORDS } from '../archive/queries.ts';

interface ExemptionRow {
  id: number;
  record_id: number;
  information: string;
  ground: Exemption['ground'];
  statute_name: string | null;
  statute_article: string | null;
  harm: string;
  exempt_until: string | null;
  decision_number: string;
  decision_date: string;
  recorded_by: string;
  recorded_at: string;
}

function toExemption(row: ExemptionRow): Exemption {
  return {
    id: row.id,
    recordId: row.record_id,
    information: row.information,
    ground: row.ground,
    statute: row.statute_name && row.statute_article ? { name: row.statute_name, article: row.statute_article } : null,
    harm: row.harm,
    until: row.exempt_until,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

export function openExemption(db: Db, recordId: number): Exemption | null {
  const row = db.prepare('SELECT * FROM exemptions WHERE record_id = ? AND ended_at IS NULL').get(recordId) as ExemptionRow | undefined;
  return row ? toExemption(row) : null;
}

function queueDipChange(db: Db, recordId: number, reason: DipChange['reason'], detail: string | null, now: string): void {
  db.prepare('INSERT INTO dip_changes (record_id, reason, detail, created_at) VALUES (?, ?, ?, ?)').run(recordId, reason, detail, now);
}

function endExemption(db: Db, id: number, reason: 'lapsed' | 'reclassified', now: string): void {
  db.prepare('UPDATE exemptions SET ended_at = ?, ended_reason = ? WHERE id = ?').run(now, reason, id);
}

export function checkConsequenceTest(test: ConsequenceTest, todayIso: string): void {
  // Pasal 17 huruf j exempts what "a statute" forbids disclosing: without naming which statute and
  // which article, the test rests on nothing the PPID utama or the Komisi Informasi can check.
  if (test.ground === 'j' && (!test.statute?.name.trim() || !test.statute.article.trim())) {
    throw appError(
      'validation',
      'Pengecualian berdasarkan Pasal 17 huruf j wajib menyebut undang-undang yang melarang informasi dibuka: nama undang-undang (mis. "UU 24/2013 tentang Administrasi Kependudukan") dan pasalnya (mis. "Pasal 79 ayat (1)").',
      'An exemption under Pasal 17 (j) must name the statute that forbids disclosure: its name (e.g. "UU 24/2013 on Population Administration") and the article (e.g. "Pasal 79 ayat (1)").',
    );
  }
  if (test.until === null && !PERMANENT_GROUNDS.includes(test.ground)) {
    throw appError(
      'validation',
      `Pengecualian berdasarkan Pasal 17 huruf ${test.ground} wajib punya batas waktu. Hanya huruf g dan h yang boleh permanen.`,
      `An exemption under Pasal 17 (${test.ground}) needs an end date. Only grounds g and h may be permanent.`,
    );
  }
  if (test.until !== null && test.until < todayIso) {
    throw appError(
      'validation',
      `Batas waktu pengecualian (${test.until}) sudah lewat. Isi tanggal hari ini atau sesudahnya.`,
      `The exemption's end date (${test.until}) has passed. Enter today or a later date.`,
    );
  }
}

const AUTO_WITHDRAW = 'Ditarik otomatis karena klasifikasi informasi berubah / withdrawn automatically: the public-information category changed';

/** Sets a record's category; 'dikecualikan' needs a consequence test. Ending an exemption early
 *  (before its limit) is a supervisor's decision. A live publication that no longer qualifies is
 *  withdrawn in the same transaction. */
export function classify(db: Db, user: UserWithRoles, input: ClassifyInput, now = new Date()): void {
  requireRole(user, 'staff');
  const at = now.toISOString();
  const day = today(now);
  db.transaction(() => {
    const record = loadRecord(db, input.recordId);
    const before = { category: record.publicCategory, exemption: openExemption(db, record.id) };
    if (input.category !== null && input.category !== 'dikecualikan' && isSecret(record.securityClass)) {
      throw appError(
        'validation',
        `Arsip berklasifikasi keamanan "${record.securityClass}" tidak dapat dikategorikan sebagai informasi terbuka (${input.category}). Turunkan dulu klasifikasi keamanannya (oleh atasan) bila memang boleh dibuka, atau kecualikan dengan uji konsekuensi.`,
        `A record classed "${record.securityClass}" cannot be categorised as open information (${input.category}). Have a supervisor lower its security class first if it may be opened, or exempt it with a consequence test.`,
      );
    }
    // Leaving 'dikecualikan', and replacing or shortening an exemption (a new consequence test over
    // an open one), are a supervisor's decision: otherwise staff could swap a supervisor's
    // exemption for one that lapses tomorrow.
    if (before.exemption || (before.category === 'dikecualikan' && input.category !== 'dikecualikan')) requireRole(user, 'supervisor');
    // Withdrawn here, with this reason, before the category is written: the record-changed hook
    // would otherwise withdraw it with the generic one.
    if (blockersFor({ ...record, publicCategory: input.category }).length) withdrawLive(db, record.id, user.name, AUTO_WITHDRAW, at);
    if (input.category === 'dikecualikan') {
      checkConsequenceTest(input.test, day);
      if (before.exemption) endExemption(db, before.exemption.id, 'reclassified', at);
      const t = input.test;
      db.prepare(
        `INSERT INTO exemptions (record_id, information, ground, statute_name, statute_article, harm, exempt_until, decision_number, decision_date, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(record.id, t.information, t.ground, t.statute?.name.trim() ?? null, t.statute?.article.trim() ?? null, t.harm, t.until, t.decisionNumber, t.decisionDate, user.name, at);
      setPublicCategory(db, record.id, 'dikecualikan', user.name, at);
      queueDipChange(db, record.id, 'exempted', `Pasal 17 huruf ${t.ground}${t.statute ? ` jo. ${t.statute.name} ${t.statute.article}` : ''}; SK ${t.decisionNumber}`, at);
    } else {
      if (before.exemption) {
        endExemption(db, before.exemption.id, 'reclassified', at);
        queueDipChange(db, record.id, 'exemption-ended', input.category, at);
      } else if (before.category !== input.category) {
        queueDipChange(db, record.id, 'classified', input.category, at);
      }
      setPublicCategory(db, record.id, input.category, user.name, at);
    }
    const after = { category: input.category, exemption: openExemption(db, record.id) };
    appendAudit(db, { actor: user.name, action: 'publication.classify', entity: 'record', entityId: record.id, before, after, at });
  })();
}

export interface Lapse {
  recordId: number;
  subject: string;
  until: string;
}

/** Open exemptions whose last day is before the parameter (exported for the query-plan test). */
export const LAPSED_EXEMPTIONS_SQL = `SELECT e.id, e.record_id AS recordId, e.exempt_until AS until, e.ground, e.decision_number AS decisionNumber, r.subject, r.public_category AS category
  FROM exemptions e JOIN ${RECORDS} r ON r.id = e.record_id
  WHERE e.ended_at IS NULL AND e.exempt_until < ?`;

/** DIP changes not yet acknowledged that the viewer may see, oldest first (parameter: the limit). */
export function openDipChangesSql(viewer: Viewer): string {
  return `SELECT c.id, c.record_id AS recordId, r.subject, c.reason, c.detail, c.created_at AS createdAt
  FROM dip_changes c JOIN ${RECORDS} r ON r.id = c.record_id
  WHERE c.done_at IS NULL AND ${visibleSql(viewer)} ORDER BY c.id LIMIT ?`;
}

/** Ends every exemption whose last day is before `day`; see the design note at the top. */
export function lapseExpiredExemptions(db: Db, now = new Date()): Lapse[] {
  const day = today(now);
  const at = now.toISOString();
  return db.transaction(() => {
    const due = db
      .prepare(LAPSED_EXEMPTIONS_SQL)
      .all(day) as { id: number; recordId: number; until: string; ground: string; decisionNumber: string; subject: string; category: string | null }[];
    for (const e of due) {
      endExemption(db, e.id, 'lapsed', at);
      if (e.category === 'dikecualikan') setPublicCategory(db, e.recordId, 'setiap-saat', 'system', at);
      queueDipChange(db, e.recordId, 'exemption-lapsed', `Pasal 17 huruf ${e.ground}; SK ${e.decisionNumber}; s.d. ${e.until}`, at);
      appendAudit(db, {
        actor: 'system',
        action: 'publication.exemption-lapsed',
        entity: 'record',
        entityId: e.recordId,
        before: { category: e.category, exemptionId: e.id, until: e.until },
        after: { category: e.category === 'dikecualikan' ? 'setiap-saat' : e.category },
        at,
      });
    }
    return due.map((e) => ({ recordId: e.recordId, subject: e.subject, until: e.until }));
  })();
}

export function openDipChanges(db: Db, viewer: Viewer, limit = 500): DipChange[] {
  return db.prepare(openDipChangesSql(viewer)).all(limit) as DipChange[];
}

export function acknowledgeDipChanges(db: Db, user: UserWithRoles, ids: readonly number[], now = new Date().toISOString()): number {
  requireRole(user, 'supervisor');
  return db.transaction(() => {
    const mark = db.prepare('UPDATE dip_changes SET done_by = ?, done_at = ? WHERE id = ? AND done_at IS NULL');
    let n = 0;
    for (const id of ids) n += mark.run(user.name, now, id).changes;
    appendAudit(db, { actor: user.name, action: 'publication.dip-updated', entity: 'dip', entityId: null, after: { changes: ids.length, acknowledged: n }, at: now });
    return n;
  })();
}
