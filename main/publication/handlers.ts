// Publication channels → workflow services. Before reading publication state, lapsed exemptions
// are reopened and live publications that no longer qualify are withdrawn, so every screen (and
// the dashboard's notice) sees the law's current answer without a background timer.
import type { publicationChannels } from '../../preload/contract.ts';
import { userOf } from '../accounts/handlers.ts';
import { exportFilePath } from '../audit/export.ts';
import type { Db } from '../db/connection.ts';
import { notFound } from '../errors.ts';
import type { EventBus } from '../kernel/events.ts';
import type { HandlersFor } from '../kernel/calls.ts';
import { acknowledgeDipChanges, classify, lapseExpiredExemptions, openDipChanges, openExemption } from './classification.ts';
import { berkalaDueCount, berkalaItems, recordBerkalaRefresh } from './berkala.ts';
import { scanRecord } from './personal-data.ts';
import { getCandidate, listCandidates, listProposals, proposalView, recordHistory } from './queries.ts';
import { loadRecord, RECORD_WORD } from './record-facts.ts';
import { exportRegister } from './registers-export.ts';
import { dikRows, dipGaps, dipRows, registerSettings, saveRegisterSettings } from './registers.ts';
import { approve, cancel, propose, reject, sweepUnpublishable, withdraw } from './workflow.ts';
import { classHistory } from '../archive/records.ts';
import type { Viewer } from '../clearance/viewer.ts';

export interface PublicationDeps {
  db: Db;
  events: EventBus;
  archiveDir: string;
}

/** Reopens lapsed exemptions and withdraws what no longer qualifies; tells the screens if anything changed. */
export function publicationHousekeeping(db: Db, events?: EventBus): { lapsed: number; withdrawn: number } {
  const lapsed = lapseExpiredExemptions(db);
  const withdrawn = sweepUnpublishable(db);
  if (lapsed.length) events?.emit('publication.changed', { recordId: null, kind: 'exemption-lapsed' });
  if (withdrawn.length) events?.emit('publication.changed', { recordId: null, kind: 'withdrawn' });
  return { lapsed: lapsed.length, withdrawn: withdrawn.length };
}

export function publicationHandlers({ db, events, archiveDir }: PublicationDeps): HandlersFor<typeof publicationChannels> {
  const tidy = () => publicationHousekeeping(db, events);
  const changed = (recordId: number, kind: string) => events.emit('publication.changed', { recordId, kind });
  // Every channel about one record first asks for it as the caller: above their clearance it is
  // not found, before any rule is checked or anything is changed.
  const candidate = (recordId: number, viewer: Viewer) => {
    const found = getCandidate(db, recordId, viewer);
    if (!found) throw notFound(RECORD_WORD, recordId);
    return found;
  };

  return {
    'publication.candidates': (input, ctx) => {
      tidy();
      return listCandidates(db, input, ctx.viewer);
    },
    'publication.record': ({ recordId }, ctx) => {
      tidy();
      return {
        candidate: candidate(recordId, ctx.viewer),
        exemption: openExemption(db, recordId),
        history: recordHistory(db, recordId),
        classHistory: classHistory(db, recordId).map(({ from, to, by, at }) => ({ from, to, by, at })),
      };
    },
    'publication.classify': (input, ctx) => {
      candidate(input.recordId, ctx.viewer);
      classify(db, userOf(ctx), input);
      changed(input.recordId, 'classified');
      return candidate(input.recordId, ctx.viewer);
    },
    'publication.propose': (input, ctx) => {
      candidate(input.recordId, ctx.viewer);
      const id = propose(db, userOf(ctx), input.recordId, input.note);
      changed(input.recordId, 'proposed');
      return proposalView(db, id);
    },
    'publication.cancel': ({ recordId }, ctx) => {
      candidate(recordId, ctx.viewer);
      const id = cancel(db, userOf(ctx), recordId);
      changed(recordId, 'cancelled');
      return proposalView(db, id);
    },
    'publication.scan': ({ recordId }, ctx) => {
      candidate(recordId, ctx.viewer);
      return scanRecord(db, recordId);
    },
    'publication.dipGaps': ({ recordId }, ctx) => {
      candidate(recordId, ctx.viewer);
      return dipGaps(db, loadRecord(db, recordId));
    },
    'publication.approve': (input, ctx) => {
      tidy();
      candidate(input.recordId, ctx.viewer);
      const id = approve(db, userOf(ctx), input);
      changed(input.recordId, 'approved');
      return proposalView(db, id);
    },
    'publication.reject': (input, ctx) => {
      candidate(input.recordId, ctx.viewer);
      const id = reject(db, userOf(ctx), input);
      changed(input.recordId, 'rejected');
      return proposalView(db, id);
    },
    'publication.withdraw': (input, ctx) => {
      candidate(input.recordId, ctx.viewer);
      const id = withdraw(db, userOf(ctx), input);
      changed(input.recordId, 'withdrawn');
      return proposalView(db, id);
    },
    'publication.proposals': (input, ctx) => {
      tidy();
      return listProposals(db, input, ctx.viewer);
    },
    'publication.notices': (_input, ctx) => {
      tidy();
      const changes = openDipChanges(db, ctx.viewer);
      return { changes, lapsed: changes.filter((c) => c.reason === 'exemption-lapsed').length, berkalaDue: berkalaDueCount(db, ctx.viewer) };
    },
    'publication.berkala': (_input, ctx) => berkalaItems(db, ctx.viewer),
    'publication.berkalaRefresh': (input, ctx) => {
      recordBerkalaRefresh(db, userOf(ctx), ctx.viewer, input);
      changed(input.recordId, 'berkala-refreshed');
      return berkalaItems(db, ctx.viewer);
    },
    'publication.acknowledgeNotices': ({ ids }, ctx) => {
      const acknowledged = acknowledgeDipChanges(db, userOf(ctx), ids);
      events.emit('publication.changed', { recordId: null, kind: 'dip-updated' });
      return { acknowledged };
    },
    'publication.dip': (input, ctx) => {
      tidy();
      return dipRows(db, input, ctx.viewer);
    },
    'publication.dik': (input, ctx) => {
      tidy();
      return dikRows(db, input, ctx.viewer);
    },
    'publication.export': async ({ register, format, personalData }, ctx) => {
      tidy();
      return exportRegister(db, ctx.viewer, register, format, exportFilePath(archiveDir, register.toUpperCase(), format), { personalData });
    },
    'publication.settings': () => registerSettings(db),
    'publication.saveSettings': (input, ctx) => saveRegisterSettings(db, ctx.actor, input),
  };
}
