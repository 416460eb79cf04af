// The retention channels: translate between the contract and the services, nothing more. "Today"
// for anything that executes comes from the clock given here, never from the caller, so no input
// can make a record due; the as-of date callers may pass only changes what the lists show.
import { copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, basename, join, resolve } from 'node:path';
import type { retentionChannels } from '../../preload/contract/retention.ts';
import type { Archive } from '../archive/open.ts';
import { objectPath } from '../archive/store.ts';
import { ruleIndex } from '../archive/codes.ts';
import { appendAudit } from '../audit/log.ts';
import { appError, notFound } from '../errors.ts';
import { sessionKeyOf, type CallContext, type HandlersFor } from '../kernel/calls.ts';
import { clearLetterheadLogo, readLetterhead, saveLetterhead, setLetterheadLogo } from '../reports/letterhead.ts';
import { cancelCase, listCases, removeItems } from './cases.ts';
import { describeCase } from './caseView.ts';
import { localToday } from './clock.ts';
import { confirmCondition, executeDestruction, type BackupLister, generateDaum, proposeDestruction, recordApproval, recordCommittee, recordLkd } from './destruction.ts';
import { addAttachment, caseDocumentFile } from './dossier.ts';
import { archiveList, archiveListChoices } from './lists.ts';
import { exportArchiveList } from './lists-export.ts';
import { exportFilePath } from '../audit/export.ts';
import { addHoldTargets, createHold, holdReport, liftHold, listHolds } from './holds.ts';
import { createHandover, executeHandover } from './handover.ts';
import { applyVersion, discardVersion, importJraFile, previewVersion } from './jra.ts';
import { dashboard, dueQueues } from './queues.ts';
import { decideReappraisal, fileSchedule } from './reappraisal.ts';
import { appliedVersion, listVersions, rulesOf } from './schedule.ts';
import { approveSimple, createTransfer, executeTransfer, setBoxes } from './transfer.ts';
import { Picks } from '../kernel/picks.ts';

export interface RetentionDeps {
  archive: Archive;
  /** The calendar day for execution checks; defaults to the machine's local date. */
  today?: () => string;
  /** Where backup generations are kept and how to list them (for the destruction notice), from
   *  ops through the composition; without them the notice names no generations. */
  backupRoot?: () => string | null;
  listBackups?: BackupLister;
  /** Extracts the text of generated documents so the berita acara are found by search. */
  indexer?: { enqueue(documentIds: Iterable<number>): void };
  /** What the user picked or uploaded: the JRA import takes a handle, never a path (none: refused). */
  picks?: Picks;
}

/** The security classes the caller may see (the router's viewer, from their clearance). */
function visibleClasses(ctx: CallContext): readonly string[] {
  return ctx.viewer.classes;
}

export function retentionHandlers(deps: RetentionDeps): HandlersFor<typeof retentionChannels> {
  const { archive } = deps;
  const { db } = archive;
  const today = deps.today ?? (() => localToday());
  const backups = () => {
    const root = deps.listBackups ? (deps.backupRoot?.() ?? null) : null;
    return root && deps.listBackups ? { backupRoot: root, listBackups: deps.listBackups } : { backupRoot: null };
  };
  const view = (id: number) => describeCase(db, id, today());
  const indexed = (documentId: number) => {
    deps.indexer?.enqueue([documentId]);
    return documentId;
  };

  return {
    'retention.dashboard': ({ asOf }) => dashboard(db, asOf ?? today()),
    'retention.queues': ({ asOf }) => dueQueues(db, asOf ?? today()),
    'retention.fileSchedule': ({ fileId }) => fileSchedule(db, fileId),

    'retention.jra.versions': () => listVersions(db),
    'retention.jra.rules': ({ versionId }) => rulesOf(db, versionId).map(({ versionId: _v, ...rule }) => rule),
    'retention.jra.forCodes': ({ codes }) => {
      const version = appliedVersion(db);
      const ruleFor = ruleIndex(version ? rulesOf(db, version.id) : []);
      return codes.map((code) => {
        const found = ruleFor(code);
        if (!found) return { code, rule: null };
        const { versionId: _v, ...rule } = found;
        return { code, rule };
      });
    },
    'retention.jra.import': async ({ handle, name }, ctx) => {
      const picked = (deps.picks ?? new Picks(() => null)).take([handle], sessionKeyOf(ctx.sender));
      try {
        return await importJraFile(db, picked[0]!.path, ctx.actor, name);
      } finally {
        Picks.discard(picked);
      }
    },
    'retention.jra.preview': ({ versionId, asOf }) => previewVersion(db, versionId, asOf ?? today()),
    'retention.jra.apply': ({ versionId }, ctx) => applyVersion(db, versionId, ctx.actor, today()),
    'retention.jra.discard': ({ versionId }, ctx) => discardVersion(db, versionId, ctx.actor),

    'retention.holds.list': ({ includeLifted }) => listHolds(db, { includeLifted }),
    'retention.holds.create': (input, ctx) => createHold(db, input, ctx.actor),
    'retention.holds.addTargets': ({ id, targets }, ctx) => addHoldTargets(db, id, targets, ctx.actor),
    'retention.holds.lift': ({ id, reason }, ctx) => liftHold(db, id, reason, ctx.actor),
    'retention.holds.report': () => holdReport(db),

    'retention.cases.list': (input) => listCases(db, input),
    'retention.cases.get': ({ id }) => view(id),
    'retention.cases.removeItems': ({ id, recordIds, reason }, ctx) => {
      removeItems(db, id, recordIds, reason, ctx.actor);
      return view(id);
    },
    'retention.cases.attach': async ({ id, handle, name, kind, note }, ctx) => {
      const picked = (deps.picks ?? new Picks(() => null)).take([handle], sessionKeyOf(ctx.sender));
      try {
        const { documentId } = await addAttachment(archive, id, { path: picked[0]!.path, name, kind, note }, ctx.actor);
        indexed(documentId);
      } finally {
        Picks.discard(picked);
      }
      return view(id);
    },
    'retention.cases.cancel': ({ id, reason }, ctx) => {
      cancelCase(db, id, reason, ctx.actor);
      return view(id);
    },

    'retention.transfer.create': (input, ctx) => view(createTransfer(db, input, ctx.actor, today())),
    'retention.transfer.setBoxes': ({ id, items }, ctx) => {
      setBoxes(db, id, items, ctx.actor);
      return view(id);
    },
    'retention.transfer.approve': ({ id, note }, ctx) => {
      approveSimple(db, id, 'transfer', note, ctx.actor, today());
      return view(id);
    },
    'retention.transfer.execute': async ({ id, ...input }, ctx) => {
      const documentId = indexed(await executeTransfer(archive, id, input, ctx.actor, today()));
      return { case: view(id), documentId };
    },

    'retention.destruction.propose': (input, ctx) => view(proposeDestruction(db, input, ctx.actor, today())),
    'retention.destruction.daum': async ({ id }, ctx) => ({ documentId: indexed(await generateDaum(archive, id, ctx.actor, today())) }),
    'retention.destruction.confirmCondition': ({ id, recordIds, note }, ctx) => {
      confirmCondition(db, id, recordIds, note, ctx.actor);
      return view(id);
    },
    'retention.destruction.committee': ({ id, ...input }, ctx) => {
      recordCommittee(db, id, input, ctx.actor, today());
      return view(id);
    },
    'retention.destruction.approve': ({ id, ...input }, ctx) => {
      recordApproval(db, id, input, ctx.actor, today());
      return view(id);
    },
    'retention.destruction.lkd': ({ id, ...input }, ctx) => {
      recordLkd(db, id, input, ctx.actor, today());
      return view(id);
    },
    'retention.destruction.execute': async ({ id, ...input }, ctx) => {
      const result = await executeDestruction(archive, id, input, ctx.actor, today(), backups());
      return { case: view(id), destroyedRecords: result.destroyedRecords, documentId: indexed(result.documentId), dossierRecordId: result.dossierRecordId, backups: result.backups };
    },

    'retention.handover.create': (input, ctx) => view(createHandover(db, input, ctx.actor, today())),
    'retention.handover.approve': ({ id, note }, ctx) => {
      approveSimple(db, id, 'handover', note, ctx.actor, today());
      return view(id);
    },
    'retention.handover.execute': async ({ id, ...input }, ctx) => {
      const result = await executeHandover(archive, id, input, ctx.actor, today());
      return { case: view(id), documentId: indexed(result.documentId), exportPath: result.exportPath };
    },

    'retention.reappraisal.decide': ({ fileId, ...input }, ctx) => decideReappraisal(db, fileId, input, ctx.actor, today()),

    // Every record listed is one the caller may see (clearance classes from the call context).
    'retention.lists.choices': ({ kind }, ctx) => archiveListChoices(db, kind, visibleClasses(ctx)),
    'retention.lists.view': (filter, ctx) => archiveList(db, filter, visibleClasses(ctx)),
    'retention.lists.export': async ({ format, ...filter }, ctx) => {
      const table = archiveList(db, filter, visibleClasses(ctx));
      return exportArchiveList(db, ctx.actor, table, format, exportFilePath(archive.layout.dir, table.kind === 'aktif' ? 'DAA' : 'DAI', format));
    },

    'retention.letterhead.get': () => readLetterhead(db),
    'retention.letterhead.set': ({ letterhead }, ctx) => saveLetterhead(db, letterhead, ctx.actor),
    'retention.letterhead.setLogo': async ({ handle, name }, ctx) => {
      const picked = (deps.picks ?? new Picks(() => null)).take([handle], sessionKeyOf(ctx.sender));
      try {
        return await setLetterheadLogo(db, picked[0]!.path, name ?? basename(picked[0]!.path), ctx.actor);
      } finally {
        Picks.discard(picked);
      }
    },
    'retention.letterhead.clearLogo': (_input, ctx) => clearLetterheadLogo(db, ctx.actor),

    'retention.savePdf': async ({ documentId, folder }, ctx) => {
      const doc = caseDocumentFile(db, documentId);
      if (!doc) throw notFound({ id: 'Dokumen penyusutan', en: 'Disposition document' }, documentId);
      const dir = resolve(folder);
      if (!existsSync(dir)) throw appError('validation', `Folder ${dir} tidak ada; pilih folder yang sudah ada.`, `Folder ${dir} does not exist; choose an existing folder.`);
      const ext = extname(doc.original_name) || '.pdf';
      const stem = basename(doc.original_name, ext).replace(/[^\p{L}\p{N}._ -]+/gu, '_') || 'dokumen';
      let target = join(dir, `${stem}${ext}`);
      for (let n = 2; existsSync(target); n++) target = join(dir, `${stem}-${n}${ext}`);
      await copyFile(objectPath(archive.layout, doc.sha256), target);
      db.transaction(() => appendAudit(db, { actor: ctx.actor, action: 'document.export', entity: 'document', entityId: documentId, after: { path: target } }))();
      return { path: target };
    },
  };
}
