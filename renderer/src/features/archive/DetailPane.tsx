// The open record: its metadata, its documents with their text status, and the actions on it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo, RecordView } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatBytes, formatDate, formatDateTime } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { OcrDocumentStatus } from '../ocr/OcrDocumentStatus.tsx';
import { useOcr } from '../ocr/store.ts';
import { RecordForm } from './RecordForm.tsx';
import { useArchive } from './store.ts';

export function DetailPane() {
  const { t } = useTranslation();
  const { detailId, version, detailVersion } = useArchive();
  const [record, setRecord] = useState<RecordView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  // An OCR run that ends changes what the record says (its preview becomes searchable): read it again.
  const ocrEnded = useOcr((s) => (record?.documents ?? []).map((d) => (s.byDocument[d.id]?.status === 'pending' ? '' : (s.byDocument[d.id]?.status ?? ''))).join());

  useEffect(() => {
    if (!detailId) return;
    let live = true;
    call('records.get', { id: detailId }).then(
      (r) => {
        if (!live) return;
        setRecord(r);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof ApiError ? pick(e.value.message) : String(e)),
    );
    return () => {
      live = false;
    };
  }, [detailId, version, detailVersion, ocrEnded]);

  if (!detailId) return null;
  const shown = record?.id === detailId ? record : null;
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </>
  );

  return (
    <aside className="detail" aria-labelledby="detail-title" data-testid="detail-pane">
      <header className="detail-head">
        <h2 id="detail-title">{shown ? shown.subject : t('arsip.loading')}</h2>
        <button type="button" className="secondary small" onClick={() => useArchive.getState().open(null)} aria-label={t('detail.close')}>
          ×
        </button>
      </header>
      {error && <p role="alert">{error}</p>}
      {shown && (
        <>
          <div className="detail-actions">
            <button type="button" className="primary small" onClick={() => setEditing(true)} disabled={shown.status === 'musnah'}>
              {t('detail.edit')}
            </button>
          </div>
          <dl className="detail-list">
            {row(t('form.letterNumber'), shown.letterNumber)}
            {row(t('form.letterDate'), formatDate(shown.letterDate))}
            {row(
              t('form.code'),
              shown.classificationCode ? (
                <>
                  <span className="code">{shown.classificationCode}</span> {shown.classificationTitle}
                </>
              ) : (
                <span className="badge badge-warn">{t('arsip.unfiled')}</span>
              ),
            )}
            {row(t('form.file'), shown.fileTitle)}
            {row(t('form.description'), shown.description)}
            {row(t('form.creator'), shown.creator)}
            {row(t('form.unit'), shown.originatingUnit)}
            {row(t('form.level'), t(`arsip.level.${shown.developmentLevel}`))}
            {row(t('form.medium'), t(`arsip.medium.${shown.medium}`))}
            {row(t('form.count'), `${shown.count} ${shown.countUnit}`)}
            {row(t('form.security'), t(`arsip.security.${shown.securityClass}`))}
            {row(t('form.category'), t(`arsip.category.${shown.recordsCategory}`))}
            {row(t('form.location'), shown.location)}
            {row(t('form.condition'), shown.condition)}
            {row(t('arsip.column.status'), t(`arsip.status.${shown.status}`))}
            {row(t('detail.created'), formatDateTime(shown.createdAt))}
          </dl>
          <h3>{t('detail.documents')}</h3>
          <ul className="doc-list">
            {shown.documents.length === 0 && <li className="hint">{t('detail.noDocuments')}</li>}
            {shown.documents.map((d) => (
              <li key={d.id}>
                <div className="doc-name" title={d.originalName}>
                  {d.originalName}
                </div>
                <div className="doc-meta">
                  {d.mime} · {formatBytes(d.size)}
                  {d.pages ? ` · ${t('detail.pages', { count: d.pages })}` : ''} · <span className={`badge badge-text-${textOf(d)}`}>{t(`arsip.text.${textOf(d)}`)}</span>
                </div>
                {d.extractStatus === 'unreadable' && d.extractDetail && <div className="hint">{d.extractDetail}</div>}
                <OcrDocumentStatus doc={d} />
                <button type="button" className="secondary small" onClick={() => useArchive.getState().showPreview({ documentId: d.id })}>
                  {t('detail.preview')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {editing && shown && (
        <RecordForm
          record={shown}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setRecord(saved);
            useArchive.getState().refresh();
          }}
        />
      )}
    </aside>
  );
}

/** A scan whose pages OCR has read is no longer "without text". */
function textOf(d: DocumentInfo): string {
  return d.extractStatus === 'no-text' && d.ocrStatus === 'done' ? 'ocr' : d.extractStatus;
}
