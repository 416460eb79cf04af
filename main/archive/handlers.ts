// The archive's channels: records, files, import jobs, classification, documents (the search
// channels are search/handlers.ts: search builds on the archive, never the other way round).
// Handlers only translate between the contract and the services; rules live in the services.
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { archiveChannels, DocumentInfo, ImportOutcome, ImportProgress } from '../../preload/contract.ts';
import { exportFilePath } from '../audit/export.ts';
import { appendAudit } from '../audit/log.ts';
import { auditDocumentOpened } from '../audit/trail.ts';
import { appError, notFound } from '../errors.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Activity } from '../kernel/activity.ts';
import type { DocumentTokens } from '../kernel/document-tokens.ts';
import { Picks } from '../kernel/picks.ts';
import { sessionKeyOf, type CallContext, type HandlersFor } from '../kernel/calls.ts';
import type { OcrRunner } from '../ocr/runner.ts';
import { documentInfoById, getDocument } from './documents.ts';
import { closeFile, createFile, listFiles, lookupFile, reopenFile, setFileLocation, setTriggerDate, type FileActor } from './files.ts';
import { exportLabels } from './labels.ts';
import { letterNumberPatterns, parseLetterNumber, setLetterNumberPatterns } from './letter-number.ts';
import { runImport } from './import.ts';
import type { Archive } from './open.ts';
import { bulkUpdateRecords, createRecord, listRecords, readRecord, recordIds, updateRecord } from './records.ts';
import { addLocalCode, childCodes, searchCodes } from './schemes.ts';
import { archiveStats } from './stats.ts';
import { objectPath } from './store.ts';

/** What the archive needs of the text indexer (search/indexer.ts, handed in by the composition). */
export interface TextIndexer {
  enqueue(documentIds: number[]): void;
  unlock(documentId: number, password: string): Promise<{ status: DocumentInfo['extractStatus']; detail: string | null } | null>;
}

/** The channels search/handlers.ts serves. */
export type SearchChannelName = 'search.query' | 'searches.list' | 'searches.save' | 'searches.delete';

export interface ArchiveDeps {
  archive: Archive;
  events: EventBus;
  indexer: TextIndexer;
  tokens: DocumentTokens;
  /** What the user picked, dropped or uploaded: import.start takes handles, never paths. */
  picks: Picks;
  activity: Activity;
  /** Builds and finds searchable previews of scans (TIFF always; scans once OCR read them). */
  ocr?: Pick<OcrRunner, 'rendition'>;
  /** Where the host serves documents: 'app://bundle/documents/' or '/documents/'. */
  documentUrlBase: string;
}

interface ImportJob {
  /** The login session that started it: only that session sees its progress and outcomes (file
   *  names), and a session waits only for its own import (other PCs of a server import at once). */
  session: string;
  controller: AbortController;
  progress: ImportProgress;
  outcomes: ImportOutcome[];
}

/** Finished imports whose outcomes a session can still read; a server has many sessions importing
 *  at once, so each keeps its own last few and one busy PC cannot push out another's results. */
const MAX_REMEMBERED_JOBS = 20;

function forgetOldJobs(jobs: Map<string, ImportJob>, session: string): void {
  const own = [...jobs].filter(([, job]) => job.session === session);
  for (const [id, job] of own.slice(0, Math.max(0, own.length - MAX_REMEMBERED_JOBS))) {
    if (job.progress.state !== 'running' && job.progress.state !== 'scanning') jobs.delete(id);
  }
}

function fileActor(ctx: CallContext): FileActor {
  return { actor: ctx.actor, supervisor: ctx.user?.roles.includes('supervisor') ?? false };
}

export function archiveHandlers(deps: ArchiveDeps): HandlersFor<Omit<typeof archiveChannels, SearchChannelName>> {
  const { archive, events, indexer, tokens } = deps;
  const { db } = archive;
  const jobs = new Map<string, ImportJob>();

  return {
    'records.list': (input, ctx) => listRecords(db, input, ctx.viewer),
    'records.get': ({ id }, ctx) => readRecord(db, id, ctx.viewer),
    'records.ids': (input, ctx) => recordIds(db, input, ctx.viewer),
    'records.create': ({ fields }, ctx) => createRecord(db, fields, ctx.viewer),
    'records.update': ({ id, fields, expectedVersion }, ctx) => updateRecord(db, id, fields, ctx.viewer, expectedVersion),
    'records.bulkUpdate': ({ ids, fields }, ctx) => ({ updated: bulkUpdateRecords(db, ids, fields, ctx.viewer) }),

    'import.start': ({ handles, classificationCode }, ctx) => {
      const session = sessionKeyOf(ctx.sender);
      const running = [...jobs.values()].some((j) => j.session === session && (j.progress.state === 'running' || j.progress.state === 'scanning'));
      if (running) {
        throw appError('busy', 'Impor lain masih berjalan; tunggu sampai selesai atau batalkan.', 'Another import is still running; wait for it to finish or cancel it.');
      }
      const picked = deps.picks.take(handles, session);
      const paths = picked.map((p) => p.path);
      const controller = new AbortController();
      const end = deps.activity.begin('import');
      let job: ImportJob | undefined;
      const done = runImport(archive, paths, {
        actor: ctx.actor,
        classificationCode,
        signal: controller.signal,
        onImported: (documentId) => indexer.enqueue([documentId]),
        onProgress: (progress) => {
          if (!job) {
            job = { session, controller, progress, outcomes: [] };
            jobs.set(progress.jobId, job);
            forgetOldJobs(jobs, session);
          }
          job.progress = progress;
          // The final state is announced once the results are stored (below), so a listener that
          // asks for them on 'done' gets them.
          if (progress.state === 'running' || progress.state === 'scanning') events.emit('import.progress', progress, { session });
        },
      });
      void done
        .finally(() => {
          end();
          // Upload copies have served their purpose once the import is over, whatever its outcome.
          Picks.discard(picked);
        })
        .then(
        (report) => {
          if (job) {
            job.outcomes = report.outcomes;
            job.progress = report.progress;
          }
          events.emit('import.progress', report.progress, { session });
          const { imported, duplicates, rejected } = report.progress;
          events.emit('app.toast', {
            level: rejected > 0 ? 'warning' : 'success',
            message: {
              id: `Impor selesai: ${imported} diimpor, ${duplicates} duplikat, ${rejected} ditolak.`,
              en: `Import finished: ${imported} imported, ${duplicates} duplicates, ${rejected} rejected.`,
            },
          }, { session });
        },
        (error: unknown) => {
          if (job) {
            job.progress = { ...job.progress, state: 'failed' };
            events.emit('import.progress', job.progress, { session });
          }
          events.emit('app.toast', { level: 'error', message: { id: `Impor gagal: ${String(error)}`, en: `Import failed: ${String(error)}` } }, { session });
        },
      );
      // runImport reports progress synchronously before its first await, so the job exists now.
      if (!job) throw appError('internal', 'Impor tidak dapat dimulai.', 'The import could not be started.');
      return { jobId: (job as ImportJob).progress.jobId };
    },
    'import.cancel': ({ jobId }, ctx) => {
      const job = jobs.get(jobId);
      if (!job || job.session !== sessionKeyOf(ctx.sender)) return { cancelled: false };
      job.controller.abort();
      return { cancelled: true };
    },
    'import.result': ({ jobId }, ctx) => {
      const job = jobs.get(jobId);
      if (!job || job.session !== sessionKeyOf(ctx.sender)) throw notFound({ id: 'Impor', en: 'Import' }, jobId);
      return { progress: job.progress, outcomes: job.outcomes };
    },

    'scheme.children': ({ parent }) => childCodes(db, parent),
    'scheme.addCode': (input, ctx) => addLocalCode(db, input, ctx.actor),
    'scheme.search': ({ query, limit }) => searchCodes(db, query, limit),

    'files.list': (input) => listFiles(db, input),
    'files.create': (input, ctx) => createFile(db, input, ctx.actor),
    'files.close': ({ id, closedAt }, ctx) => closeFile(db, id, closedAt, ctx.actor),
    'files.reopen': ({ id, reason }, ctx) => reopenFile(db, id, { reason }, fileActor(ctx)),
    'files.setTriggerDate': ({ id, date, reason }, ctx) => setTriggerDate(db, id, { date, reason }, fileActor(ctx)),
    'files.setLocation': ({ id, location }, ctx) => setFileLocation(db, id, location, ctx.actor),
    'files.lookup': ({ code }) => lookupFile(db, code),
    'files.labels': (input, ctx) => exportLabels(db, input, ctx.actor, exportFilePath(archive.layout.dir, input.kind === 'folder' ? 'label-folder' : 'label-boks', 'pdf')),

    'documents.get': ({ documentId }, ctx) => {
      const info = documentInfoById(db, documentId, ctx.viewer);
      if (!info) throw notFound({ id: 'Dokumen', en: 'Document' }, documentId);
      return info;
    },
    'documents.url': async ({ documentId, purpose }, ctx) => {
      const doc = getDocument(db, documentId, ctx.viewer);
      if (!doc) throw notFound({ id: 'Dokumen', en: 'Document' }, documentId);
      if (doc.contentRemoved) {
        throw appError('not-found', `Isi dokumen ${documentId} telah dimusnahkan; hanya metadatanya yang tersimpan.`, `The content of document ${documentId} was destroyed; only its metadata is kept.`);
      }
      auditDocumentOpened(db, ctx.actor, { id: documentId, recordId: doc.recordId, name: doc.originalName, securityClass: doc.securityClass }, purpose);
      // A scan with OCR words (or a TIFF) is shown as its searchable PDF; the original stays as it is.
      const rendition = await deps.ocr?.rendition(documentId);
      const served = rendition
        ? { path: rendition, mime: 'application/pdf', size: statSync(rendition).size, name: `${basename(doc.originalName, extname(doc.originalName))}.pdf` }
        : { path: objectPath(archive.layout, doc.sha256), mime: doc.mime, size: doc.size, name: doc.originalName };
      const token = tokens.issue(served, sessionKeyOf(ctx.sender));
      return { url: `${deps.documentUrlBase}${token}${purpose === 'copy' ? '?download=1' : ''}`, mime: served.mime };
    },

    'documents.unlock': async ({ documentId, password }, ctx) => {
      const doc = getDocument(db, documentId, ctx.viewer);
      if (!doc) throw notFound({ id: 'Dokumen', en: 'Document' }, documentId);
      const result = await indexer.unlock(documentId, password);
      if (!result) throw appError('not-found', 'Isi dokumen ini tidak tersedia.', 'The content of this document is not available.');
      db.transaction(() => appendAudit(db, { actor: ctx.actor, action: 'document.unlock', entity: 'document', entityId: documentId, after: { status: result.status } }))();
      return { status: result.status, detail: result.detail };
    },

    'letterNumber.parse': ({ text }) => parseLetterNumber(text, letterNumberPatterns(db)),
    'letterNumber.patterns': () => letterNumberPatterns(db),
    'letterNumber.setPatterns': ({ patterns }, ctx) => {
      db.transaction(() => {
        const before = letterNumberPatterns(db);
        setLetterNumberPatterns(db, patterns);
        appendAudit(db, { actor: ctx.actor, action: 'settings.letter-number-patterns', entity: 'settings', entityId: 'letterNumber.patterns', before, after: patterns });
      })();
      return letterNumberPatterns(db);
    },

    'archive.stats': (_input, ctx) => archiveStats(db, ctx.viewer),
  };
}
