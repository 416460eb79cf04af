// The OCR channels: the queue, cancel and retry of one document, the settings. Translation only;
// the runner and settings modules hold the rules.
import type { ocrChannels } from '../../preload/contract/ocr.ts';
import { appendAudit } from '../audit/log.ts';
import { notFound } from '../errors.ts';
import type { Db } from '../db/connection.ts';
import type { HandlersFor } from '../kernel/calls.ts';
import type { Presence } from '../kernel/presence.ts';
import { documentInfoById } from '../archive/documents.ts';
import type { Viewer } from '../clearance/viewer.ts';
import type { OcrRunner } from './runner.ts';
import { ocrSettings, setOcrSettings } from './settings.ts';

export function ocrHandlers(deps: { db: Db; runner: OcrRunner; presence: Presence }): HandlersFor<typeof ocrChannels> {
  const { db, runner, presence } = deps;
  // A document above the caller's clearance is "not found", as on every other read.
  const exists = (documentId: number, viewer: Viewer) => {
    if (!documentInfoById(db, documentId, viewer)) throw notFound({ id: 'Dokumen', en: 'Document' }, documentId);
  };
  return {
    'ocr.queue': () => runner.queue(),
    'ocr.cancel': ({ documentId }, ctx) => {
      exists(documentId, ctx.viewer);
      const cancelled = runner.cancel(documentId);
      if (cancelled) db.transaction(() => appendAudit(db, { actor: ctx.actor, action: 'document.ocr-cancel', entity: 'document', entityId: documentId }))();
      return { cancelled };
    },
    'ocr.retry': ({ documentId }, ctx) => {
      exists(documentId, ctx.viewer);
      const queued = runner.retry(documentId);
      if (queued > 0) db.transaction(() => appendAudit(db, { actor: ctx.actor, action: 'document.ocr-retry', entity: 'document', entityId: documentId, after: { pages: queued } }))();
      return { queued };
    },
    'ocr.settings': () => ocrSettings(db),
    'ocr.setSettings': (input, ctx) => {
      const saved = setOcrSettings(db, ctx.actor, input);
      // Turning OCR on picks up the scans stored while it was off.
      runner.start();
      return saved;
    },
    'presence.active': () => {
      presence.touch();
      return { ok: true as const };
    },
  };
}
