// Berkala information must be published at least every six months (UU 14/2008 Pasal 9 ayat (4)).
// This module owns berkala_refreshes and answers which berkala items have gone six months without
// a refresh: counted from the latest of a recorded refresh, an approved publication, or (never
// refreshed) the day the record entered the archive. It reminds; it never publishes anything.
import type { BerkalaItem } from '../../preload/contract.ts';
import { requireRole, type UserWithRoles } from '../accounts/roles.ts';
import { RECORDS } from '../archive/queries.ts';
import { appendAudit } from '../audit/log.ts';
import { visibleSql, type Viewer } from '../clearance/viewer.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { localToday } from '../kernel/clock.ts';

export const BERKALA_MONTHS = 6;

/** `iso` plus `months` calendar months; the 31st of a shorter month becomes its last day. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

interface Row {
  recordId: number;
  subject: string;
  letterNumber: string | null;
  refreshed: string | null;
  published: string | null;
  recorded: string;
}

/** Every berkala item the viewer may see, with when it was last refreshed and when it falls due. */
export function berkalaItems(db: Db, viewer: Viewer, today = localToday()): BerkalaItem[] {
  const rows = db
    .prepare(
      `SELECT r.id AS recordId, r.subject, r.letter_number AS letterNumber,
              (SELECT max(b.refreshed_on) FROM berkala_refreshes b WHERE b.record_id = r.id) AS refreshed,
              (SELECT max(substr(p.decided_at, 1, 10)) FROM publication_proposals p WHERE p.record_id = r.id AND p.state IN ('approved', 'withdrawn')) AS published,
              substr(r.created_at, 1, 10) AS recorded
       FROM ${RECORDS} r
       WHERE r.public_category = 'berkala' AND r.status NOT IN ('musnah','diserahkan') AND ${visibleSql(viewer)}
       ORDER BY r.id`,
    )
    .all() as Row[];
  return rows
    .map((r) => {
      const candidates: [string, BerkalaItem['basis']][] = [
        [r.recorded, 'recorded'],
        ...(r.published ? [[r.published, 'published'] as [string, BerkalaItem['basis']]] : []),
        ...(r.refreshed ? [[r.refreshed, 'refreshed'] as [string, BerkalaItem['basis']]] : []),
      ];
      const [since, basis] = candidates.reduce((a, b) => (b[0] >= a[0] ? b : a));
      const dueOn = addMonths(since, BERKALA_MONTHS);
      return { recordId: r.recordId, subject: r.subject, letterNumber: r.letterNumber, since, basis, dueOn, due: dueOn <= today };
    })
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.recordId - b.recordId));
}

/** How many berkala items are due for a refresh (the dashboard's and the sidebar's count). */
export function berkalaDueCount(db: Db, viewer: Viewer, today = localToday()): number {
  return berkalaItems(db, viewer, today).filter((i) => i.due).length;
}

/** Records that a berkala item was brought up to date on `on` (not in the future), saying how. */
export function recordBerkalaRefresh(db: Db, user: UserWithRoles, viewer: Viewer, input: { recordId: number; on: string; note: string }, today = localToday(), now = new Date().toISOString()): void {
  requireRole(user, 'staff');
  db.transaction(() => {
    const record = db.prepare(`SELECT r.id, r.public_category AS category, r.status FROM ${RECORDS} r WHERE r.id = ? AND ${visibleSql(viewer)}`).get(input.recordId) as
      | { id: number; category: string | null; status: string }
      | undefined;
    if (!record) throw notFound({ id: 'Arsip', en: 'Record' }, input.recordId);
    if (record.category !== 'berkala') {
      throw appError('validation', `Arsip ${input.recordId} bukan informasi berkala; hanya informasi berkala yang diperbarui setiap enam bulan.`, `Record ${input.recordId} is not berkala information; only berkala items are refreshed every six months.`);
    }
    if (input.on > today) throw appError('validation', `Tanggal pembaruan (${input.on}) tidak boleh setelah hari ini.`, `The refresh date (${input.on}) cannot be after today.`);
    const note = input.note.trim();
    if (!note) throw appError('validation', 'Sebutkan apa yang diperbarui (mis. "Laporan semester II 2026 diunggah").', 'Say what was refreshed (e.g. "Semester II 2026 report uploaded").');
    db.prepare('INSERT INTO berkala_refreshes (record_id, refreshed_on, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)').run(input.recordId, input.on, note, user.name, now);
    appendAudit(db, { actor: user.name, action: 'publication.berkala-refresh', entity: 'record', entityId: input.recordId, after: { on: input.on, note }, at: now });
  })();
}
