// The document preview other screens mount: picks the viewer for the document's type (PDF, image,
// plain text), asks the backend for the document's short-lived URL (an audited "document.open"),
// and always has the document's metadata at hand. A type it cannot draw gets a clear message and
// the metadata, never an empty frame. It reads documents only through the URL the backend issues.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../preload/contract.ts';
import { ApiError, call, host } from '../../api.ts';
import { saveCopy } from '../../app/files.ts';
import { pick } from '../../i18n/index.ts';
import { DocumentFacts } from './DocumentFacts.tsx';
import { PreviewIcon } from './icons.tsx';
import { ImagePreview } from './ImagePreview.tsx';
import { PdfPreview } from './PdfPreview.tsx';
import { TextPreview } from './TextPreview.tsx';
import './preview.css';

export interface DocumentPreviewProps {
  document: DocumentInfo;
  /** 1-based page to open at (a search hit's page). */
  initialPage?: number;
  /** Text to find and highlight once the document is open (a search hit's terms). */
  findText?: string;
  onClose?: () => void;
}

export type PreviewKind = 'pdf' | 'image' | 'tiff' | 'text' | 'other';

export function previewKind(mime: string): PreviewKind {
  if (mime === 'application/pdf') return 'pdf';
  if (/^image\/(jpeg|png|gif|webp)$/.test(mime)) return 'image';
  if (mime === 'image/tiff') return 'tiff';
  if (mime.startsWith('text/')) return 'text';
  return 'other';
}

export function DocumentPreview({ document, initialPage, findText, onClose }: DocumentPreviewProps) {
  const { t } = useTranslation();
  // A scan OCR has read (and every TIFF) is served as its searchable PDF, so it is viewed as one.
  const kind = previewKind(document.previewMime);
  const drawable = kind === 'pdf' || kind === 'image' || kind === 'text';
  const [attempt, setAttempt] = useState(0);
  const [source, setSource] = useState<{ key: string; url?: string; error?: string } | null>(null);
  const [infoOpen, setInfoOpen] = useState(false);
  /** The page to reopen at after the link expired mid-reading. */
  const [resumePage, setResumePage] = useState<number | undefined>(undefined);
  const key = `${document.id}:${attempt}`;

  useEffect(() => {
    if (!drawable) return;
    let live = true;
    call('documents.url', { documentId: document.id }).then(
      ({ url }) => {
        if (live) setSource({ key, url });
      },
      (error: unknown) => {
        if (live) setSource({ key, error: error instanceof ApiError ? pick(error.value.message) : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [document.id, drawable, key]);

  const current = source?.key === key ? source : null;
  const retry = (page?: number) => {
    setResumePage(page);
    setAttempt((n) => n + 1);
  };

  let body;
  if (kind === 'tiff' || kind === 'other') {
    body = <Undrawable document={document} kind={kind} />;
  } else if (!current) {
    body = (
      <div className="pv-panel pv-loading" role="status">
        {t('preview.loading')}
      </div>
    );
  } else if (current.error !== undefined || !current.url) {
    body = (
      <section className="pv-panel pv-problem" aria-labelledby="pv-url-problem">
        <h2 id="pv-url-problem">
          <PreviewIcon name="warning" size={22} />
          {t('preview.openFailed')}
        </h2>
        <p role="alert">{current.error}</p>
        <p>
          <button type="button" className="primary" onClick={() => retry()}>
            {t('preview.retry')}
          </button>
        </p>
        <h3>{t('preview.facts.title')}</h3>
        <DocumentFacts document={document} />
      </section>
    );
  } else if (kind === 'pdf') {
    body = <PdfPreview key={current.url} document={document} url={current.url} initialPage={resumePage ?? initialPage} findText={findText} onRetry={retry} />;
  } else if (kind === 'image') {
    body = <ImagePreview key={current.url} document={document} url={current.url} />;
  } else {
    body = <TextPreview key={current.url} document={document} url={current.url} />;
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Escape' && onClose && !event.defaultPrevented && !(target instanceof HTMLInputElement)) {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div className="pv-root" data-testid="document-preview" onKeyDown={onKeyDown}>
      <header className="pv-header">
        <h2 className="pv-title" title={document.originalName}>
          {document.originalName}
        </h2>
        <button type="button" className="pv-tool pv-tool-text" aria-pressed={infoOpen} onClick={() => setInfoOpen(!infoOpen)}>
          <PreviewIcon name="info" />
          <span>{t('preview.info')}</span>
        </button>
        {onClose && (
          <button type="button" className="pv-tool pv-tool-text" onClick={onClose} title={t('preview.closeHint')}>
            <PreviewIcon name="close" />
            <span>{t('preview.close')}</span>
          </button>
        )}
      </header>
      <div className="pv-main">
        <div className="pv-content">{body}</div>
        {infoOpen && (
          <aside className="pv-info" aria-label={t('preview.facts.title')}>
            <h3>{t('preview.facts.title')}</h3>
            <DocumentFacts document={document} compact />
          </aside>
        )}
      </div>
    </div>
  );
}

/** TIFF and types Chromium cannot show: the metadata, and a copy to open in the program that reads it. */
function Undrawable({ document, kind }: { document: DocumentInfo; kind: 'tiff' | 'other' }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState<string | null>(null);
  // The link is asked for only on the click: it is audited as a copy taken out of the archive.
  const save = () =>
    void call('documents.url', { documentId: document.id, purpose: 'copy' }).then(
      ({ url }) => saveCopy(url),
      (e: unknown) => setFailed(e instanceof ApiError ? pick(e.value.message) : String(e)),
    );
  // The desktop app hands a read-only copy to the program the system uses for this type.
  const openExternally = () =>
    void call('document.openExternal', { documentId: document.id }).then(
      (r) => r?.opened === false && setFailed(t('preview.openExternalGone')),
      (e: unknown) => setFailed(e instanceof ApiError ? pick(e.value.message) : String(e)),
    );
  return (
    <section className="pv-panel pv-problem pv-undrawable" aria-labelledby="pv-undrawable-title">
      <h2 id="pv-undrawable-title">{kind === 'tiff' ? t('preview.tiff.title') : t('preview.other.title')}</h2>
      <p>{kind === 'tiff' ? t('preview.tiff.body') : t('preview.other.body')}</p>
      <p>
        {host() === 'electron' && (
          <>
            <button type="button" className="primary" onClick={openExternally}>
              <PreviewIcon name="external" /> {t('preview.openExternal')}
            </button>{' '}
          </>
        )}
        <button type="button" className="secondary" onClick={save}>
          <PreviewIcon name="external" /> {t('preview.saveCopy')}
        </button>{' '}
        <span className="pv-note">{t('preview.saveCopyHint')}</span>
      </p>
      {failed && (
        <p role="alert" className="form-error">
          {failed}
        </p>
      )}
      <h3>{t('preview.facts.title')}</h3>
      <DocumentFacts document={document} />
    </section>
  );
}
