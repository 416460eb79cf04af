// One document's OCR as the record shows it: reading page x of y (with a bar), done with its mean
// confidence, failed with why, or cancelled; cancel while it reads, read again after.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { useRoles } from '../login/store.ts';
import './i18n.ts';
import './ocr.css';
import { useOcr } from './store.ts';

export function OcrDocumentStatus({ doc }: { doc: DocumentInfo }) {
  const { t } = useTranslation();
  const live = useOcr((s) => s.byDocument[doc.id]);
  const staff = useRoles().includes('staff');
  const [busy, setBusy] = useState(false);
  // The event is newer than the record read whenever it is there.
  const status = live?.status ?? doc.ocrStatus;
  if (!status) return null;
  const done = live?.pagesDone ?? doc.ocrPagesDone;
  const total = live?.pagesTotal ?? doc.ocrPagesTotal;
  const confidence = live ? live.confidence : doc.ocrConfidence;
  const detail = live && live.status !== doc.ocrStatus ? null : doc.ocrDetail;

  const act = async (what: 'cancel' | 'retry') => {
    setBusy(true);
    try {
      if (what === 'cancel') await call('ocr.cancel', { documentId: doc.id });
      else {
        const { queued } = await call('ocr.retry', { documentId: doc.id });
        toast(queued > 0 ? 'success' : 'info', queued > 0 ? { id: t('ocr.retried', { count: queued, lng: 'id' }), en: t('ocr.retried', { count: queued, lng: 'en' }) } : { id: t('ocr.nothingToRetry', { lng: 'id' }), en: t('ocr.nothingToRetry', { lng: 'en' }) });
      }
    } catch (error) {
      toast('error', error instanceof ApiError ? error.value.message : { id: String(error), en: String(error) });
    } finally {
      setBusy(false);
    }
  };

  const line =
    status === 'pending'
      ? done > 0 ? t('ocr.status.pending', { done, total }) : t('ocr.status.pendingQueued', { total })
      : status === 'done'
        ? confidence != null ? t('ocr.status.done', { confidence: Math.round(confidence) }) : t('ocr.status.doneNoConfidence')
        : status === 'failed'
          ? t('ocr.status.failed')
          : t('ocr.status.cancelled', { done, total });

  return (
    <div className={`ocr-status ocr-${status}`} data-testid="ocr-status">
      <span className={`badge badge-ocr-${status}`}>{line}</span>
      {status === 'pending' && total > 0 && (
        <div className="progress small" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={t('ocr.progressLabel', { name: doc.originalName })}>
          <div className="progress-bar" style={{ width: `${Math.round((done / total) * 100)}%` }} />
        </div>
      )}
      {status === 'done' && detail && <div className="hint">{t('ocr.partial')}</div>}
      {detail && status !== 'pending' && (
        <details className="hint">
          <summary>{t('ocr.technical')}</summary>
          {detail}
        </details>
      )}
      {staff && status === 'pending' && (
        <button type="button" className="secondary small" disabled={busy} onClick={() => void act('cancel')}>
          {t('ocr.cancel')}
        </button>
      )}
      {staff && status !== 'pending' && (status !== 'done' || detail) && (
        <button type="button" className="secondary small" disabled={busy} onClick={() => void act('retry')}>
          {t('ocr.retry')}
        </button>
      )}
    </div>
  );
}

/** The queue in one line (the import panel and the settings card). */
export function OcrQueueLine() {
  const { t } = useTranslation();
  const queue = useOcr((s) => s.queue);
  if (!queue) return null;
  const values = { pages: queue.pages, documents: queue.documents, reading: queue.reading, workers: queue.workers };
  const text =
    queue.pages === 0 && queue.reading === 0
      ? t('ocr.queue.idle')
      : queue.waiting === 'disabled'
        ? t('ocr.queue.disabled', values)
        : queue.waiting === 'user-active'
          ? t('ocr.queue.userActive', values)
          : t('ocr.queue.busy', values);
  return (
    <p className="hint ocr-queue" data-testid="ocr-queue" aria-live="polite">
      {text}
    </p>
  );
}

