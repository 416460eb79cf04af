// The work lists of retention: what is due for transfer, for destruction, for handover and for
// re-appraisal on a given day, which files have no rule or wait for their event date, and what is
// held. Plus the dashboard numbers. Reads only: being on a list proposes, it never disposes.
import type { Db } from '../db/connection.ts';
import { addMonthsToMonthStart, compareDates, isDue, type NextAction } from './clock.ts';
import { topLevel } from '../archive/codes.ts';
import { filedOpenRecords, recordCountsByCode, recordCountsByStatus, unfiledOpenRecordCount } from '../archive/queries.ts';
import { openCaseCounts, openCaseMembership } from './cases.ts';
import { activeHoldCount, heldRecords, type HeldSet } from './holds.ts';
import { dispositionText } from './jraParse.ts';
import { appliedVersion, fileSchedules, type FileSchedule } from './schedule.ts';

export interface QueueItem {
  fileId: number;
  fileNumber: string | null;
  title: string;
  classificationCode: string;
  closedAt: string | null;
  stage: 'aktif' | 'inaktif';
  nextAction: NextAction;
  dueAt: string | null;
  activeUntil: string | null;
  inactiveUntil: string | null;
  basis: string | null;
  ruleCode: string | null;
  recordType: string | null;
  dispositionText: string | null;
  needsDecision: boolean;
  reappraised: boolean;
  totalYears: number | null;
  /** records that can go on a list now: in this stage, not held, not already in an open case */
  eligible: number;
  held: number;
  inCase: number;
  holdNames: string[];
}

export interface FileRef {
  fileId: number;
  fileNumber: string | null;
  title: string;
  classificationCode: string;
  closedAt: string | null;
  records: number;
  detail: string | null;
}

export interface Queues {
  asOf: string;
  versionId: number | null;
  transfer: QueueItem[];
  destroy: QueueItem[];
  handover: QueueItem[];
  reappraise: QueueItem[];
  onHold: QueueItem[];
  noRule: FileRef[];
  awaitingEvent: FileRef[];
  unfiledRecords: number;
  holdFailures: { holdId: number; message: string }[];
}

interface Counting {
  eligible: number;
  held: number;
  /** held and in no open case: still free to be transferred, since a hold stops only final disposal */
  heldFree: number;
  inCase: number;
  holds: Set<string>;
}

function countRecords(db: Db, held: HeldSet): Map<string, Counting> {
  const inCase = openCaseMembership(db);
  const counts = new Map<string, Counting>();
  for (const r of filedOpenRecords(db)) {
    const key = `${r.file_id}:${r.status}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { eligible: 0, held: 0, heldFree: 0, inCase: 0, holds: new Set() }));
    const holds = held.byRecord.get(r.id);
    if (holds) {
      c.held++;
      for (const h of holds) c.holds.add(held.names.get(h) ?? String(h));
    }
    if (inCase.has(r.id)) c.inCase++;
    else if (holds) c.heldFree++;
    else c.eligible++;
  }
  return counts;
}

function ref(s: FileSchedule, detail: string | null = null): FileRef {
  return {
    fileId: s.file.id,
    fileNumber: s.file.fileNumber,
    title: s.file.title,
    classificationCode: s.file.code,
    closedAt: s.file.closedAt,
    records: s.file.aktif + s.file.inaktif,
    detail,
  };
}

/** What the queues and the dashboard both need, read once per request. */
interface Snapshot {
  schedules: FileSchedule[];
  held: HeldSet;
}

function snapshot(db: Db): Snapshot {
  return { schedules: fileSchedules(db), held: heldRecords(db) };
}

export function dueQueues(db: Db, asOf: string, pre: Snapshot = snapshot(db)): Queues {
  const { schedules, held } = pre;
  const counts = countRecords(db, held);
  const q: Queues = {
    asOf,
    versionId: appliedVersion(db)?.id ?? null,
    transfer: [],
    destroy: [],
    handover: [],
    reappraise: [],
    onHold: [],
    noRule: [],
    awaitingEvent: [],
    unfiledRecords: unfiledOpenRecordCount(db),
    holdFailures: held.failures,
  };
  for (const s of schedules) {
    if (s.file.aktif + s.file.inaktif === 0) continue;
    if (s.main.state === 'no-rule') {
      q.noRule.push(ref(s));
      continue;
    }
    if (s.main.state === 'awaiting-event') {
      q.awaitingEvent.push(ref(s, s.rule?.trigger ?? null));
      continue;
    }
    for (const stage of s.stages) {
      const c = counts.get(`${s.file.id}:${stage.stage}`) ?? { eligible: 0, held: 0, heldFree: 0, inCase: 0, holds: new Set<string>() };
      const transfer = stage.schedule.nextAction === 'transfer';
      const item: QueueItem = {
        fileId: s.file.id,
        fileNumber: s.file.fileNumber,
        title: s.file.title,
        classificationCode: s.file.code,
        closedAt: s.file.closedAt,
        stage: stage.stage,
        nextAction: stage.schedule.nextAction,
        dueAt: stage.schedule.dueAt,
        activeUntil: stage.schedule.activeUntil,
        inactiveUntil: stage.schedule.inactiveUntil,
        basis: stage.schedule.basis,
        ruleCode: s.rule?.code ?? null,
        recordType: s.rule?.recordType ?? null,
        dispositionText: s.reappraisal ? `dinilai kembali: ${s.reappraisal.disposition}` : s.rule ? dispositionText(s.rule) : null,
        needsDecision: stage.schedule.needsDecision,
        reappraised: stage.schedule.reappraised,
        totalYears: stage.schedule.totalYears,
        eligible: transfer ? c.eligible + c.heldFree : c.eligible,
        held: c.held,
        inCase: c.inCase,
        holdNames: [...c.holds],
      };
      if (c.held > 0) q.onHold.push(item);
      if (!isDue(stage.schedule, asOf) || item.eligible + item.inCase === 0) continue;
      switch (stage.schedule.nextAction) {
        case 'transfer':
          q.transfer.push(item);
          break;
        case 'destroy':
          q.destroy.push(item);
          break;
        case 'handover':
          q.handover.push(item);
          break;
        case 'reappraise':
          q.reappraise.push(item);
          break;
        case 'none':
          break;
      }
    }
  }
  const byDue = (a: QueueItem, b: QueueItem) => compareDates(a.dueAt ?? '9999-12-31', b.dueAt ?? '9999-12-31') || a.fileId - b.fileId;
  for (const list of [q.transfer, q.destroy, q.handover, q.reappraise, q.onHold]) list.sort(byDue);
  return q;
}

export interface MonthBucket {
  month: string; // YYYY-MM
  transfer: number;
  destroy: number;
  handover: number;
  reappraise: number;
}

export interface Dashboard {
  asOf: string;
  version: { id: number; name: string; appliedAt: string | null } | null;
  due: { transfer: number; destroy: number; handover: number; reappraise: number };
  dueRecords: { transfer: number; destroy: number; handover: number; reappraise: number };
  onHold: number;
  heldRecords: number;
  noRule: number;
  awaitingEvent: number;
  unfiledRecords: number;
  activeHolds: number;
  openCases: { transfer: number; destruction: number; handover: number };
  /** records falling due in each of the next 12 months (the month of asOf first); already due are in `due` */
  perMonth: MonthBucket[];
  byStatus: { status: string; count: number }[];
  byCode: { code: string | null; count: number }[];
}

export function dashboard(db: Db, asOf: string): Dashboard {
  const pre = snapshot(db);
  const q = dueQueues(db, asOf, pre);
  const version = appliedVersion(db);
  const months: MonthBucket[] = [];
  for (let i = 0; i < 12; i++) {
    months.push({ month: addMonthsToMonthStart(asOf, i).slice(0, 7), transfer: 0, destroy: 0, handover: 0, reappraise: 0 });
  }
  const end = addMonthsToMonthStart(asOf, 12);
  for (const s of pre.schedules) {
    for (const stage of s.stages) {
      const { dueAt, nextAction } = stage.schedule;
      if (stage.schedule.state !== 'scheduled' || !dueAt || nextAction === 'none') continue;
      if (compareDates(dueAt, asOf) <= 0 || compareDates(dueAt, end) >= 0) continue;
      const bucket = months.find((m) => m.month === dueAt.slice(0, 7));
      if (bucket) bucket[nextAction] += stage.records;
    }
  }
  const sum = (items: QueueItem[]) => items.reduce((n, i) => n + i.eligible + i.inCase, 0);
  const byStatus = recordCountsByStatus(db);
  const codeCounts = new Map<string | null, number>();
  for (const row of recordCountsByCode(db)) {
    const top = topLevel(row.code);
    codeCounts.set(top, (codeCounts.get(top) ?? 0) + row.n);
  }
  const byCode = [...codeCounts.entries()]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code)));
  const openCases = { transfer: 0, destruction: 0, handover: 0 };
  for (const row of openCaseCounts(db)) openCases[row.kind] = row.n;
  return {
    asOf,
    version: version ? { id: version.id, name: version.name, appliedAt: version.appliedAt } : null,
    due: { transfer: q.transfer.length, destroy: q.destroy.length, handover: q.handover.length, reappraise: q.reappraise.length },
    dueRecords: { transfer: sum(q.transfer), destroy: sum(q.destroy), handover: sum(q.handover), reappraise: sum(q.reappraise) },
    onHold: q.onHold.length,
    heldRecords: pre.held.byRecord.size,
    noRule: q.noRule.length,
    awaitingEvent: q.awaitingEvent.length,
    unfiledRecords: q.unfiledRecords,
    activeHolds: activeHoldCount(db),
    openCases,
    perMonth: months,
    byStatus,
    byCode,
  };
}
