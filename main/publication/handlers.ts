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
import { scanRecord } from './personal-data.ts';
import { getCandidate, listCandidates, listProposals, proposalView, recordHistory } from './queries.ts';
import { loadRecord, RECORD_WORD } from './record-facts.ts';
import { exportRegister } from './registers-export.ts';
import { dikRows, dipGaps, dipRows, registerSettings, saveRegisterSettings } from './registers.ts';
import { approve, cancel, propose, reject, sweepUnpublishable, withdraw } from './workflow.ts';

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
  const candidate = (recordId: number) => {
    const found = getCandidate(db, recordId);
    if (!found) throw notFound(RECORD_WORD, recordId);
    return found;
  };

  return {
    'publication.candidates': (input) => {
      tidy();
      return listCandidates(db, input);
    },
    'publication.record': ({ recordId }) => {
      tidy();
      return { candidate: candidate(recordId), exemption: openExemption(db, recordId), history: recordHistory(db, recordId) };
    },
    'publication.classify': (input, ctx) => {
      classify(db, userOf(ctx), input);
      changed(input.recordId, 'classified');
      return candidate(input.recordId);
    },
    'publication.propose': (input, ctx) => {
      const id = propose(db, userOf(ctx), input.recordId, input.note);
      changed(input.recordId, 'proposed');
      return proposalView(db, id);
    },
    'publication.cancel': ({ recordId }, ctx) => {
      const id = cancel(db, userOf(ctx), recordId);
      changed(recordId, 'cancelled');
      return proposalView(db, id);
    },
    'publication.scan': ({ recordId }) => {
      candidate(recordId);
      return scanRecord(db, recordId);
    },
    'publication.dipGaps': ({ recordId }) => {
      candidate(recordId);
      return dipGaps(db, loadRecord(db, recordId));
    },
    'publication.approve': (input, ctx) => {
      tidy();
      const id = approve(db, userOf(ctx), input);
      changed(input.recordId, 'approved');
      return proposalView(db, id);
    },
    'publication.reject': (input, ctx) => {
      const id = reject(db, userOf(ctx), input);
      changed(input.recordId, 'rejected');
      return proposalView(db, id);
    },
    'publication.withdraw': (input, ctx) => {
      const id = withdraw(db, userOf(ctx), input);
      changed(input.recordId, 'withdrawn');
      return proposalView(db, id);
    },
    'publication.proposals': (input) => {
      tidy();
      return listProposals(db, input);
    },
    'publication.notices': () => {
      tidy();
      const changes = openDipChanges(db);
      return { changes, lapsed: changes.filter((c) => c.reason === 'exemption-lapsed').length };
    },
    'publication.acknowledgeNotices': ({ ids }, ctx) => {
      const acknowledged = acknowledgeDipChanges(db, userOf(ctx), ids);
      events.emit('publication.changed', { recordId: null, kind: 'dip-updated' });
      return { acknowledged };
    },
    'publication.dip': (input) => {
      tidy();
      return dipRows(db, input);
    },
    'publication.dik': (input) => {
      tidy();
      return dikRows(db, input);
    },
    'publication.export': async ({ register, format, personalData }, ctx) => {
      tidy();
      return exportRegister(db, ctx.actor, register, format, exportFilePath(archiveDir, register.toUpperCase(), format), { personalData, roles: ctx.user?.roles ?? [] });
    },
    'publication.settings': () => registerSettings(db),
    'publication.saveSettings': (input, ctx) => saveRegisterSettings(db, ctx.actor, input),
  };
}
