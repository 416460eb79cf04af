// The PDF preview's chrome: toolbar (pages, zoom, fit, rotate), find bar, thumbnails strip, the
// password prompt and the messages for a broken or slow document. The pages themselves are drawn
// by PdfViewer (pdf-viewer.ts) into the elements this component hands it. The password typed here
// goes to pdf.js in this window only; it is never sent to the backend, stored or logged.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { DocumentInfo } from '../../../../preload/contract.ts';
import { i18next } from '../../i18n/index.ts';
import { DocumentFacts } from './DocumentFacts.tsx';
import { PreviewIcon } from './icons.tsx';
import { LOAD_TIMEOUT_MS, PdfViewer, type ViewerLabels } from './pdf-viewer.ts';
import { createPdfViewStore, type PdfViewStore } from './store.ts';

const labels: ViewerLabels = {
  page: (page, count) => i18next.t('preview.pageLabel', { page, count }),
  thumbnail: (page) => i18next.t('preview.thumbnail', { page }),
  pageError: (page, reason) => i18next.t('preview.pageError', { page, reason }),
  expired: (page) => i18next.t('preview.expiredPage', { page }),
};

const FIND_DELAY_MS = 250;

export function PdfPreview(props: { document: DocumentInfo; url: string; initialPage?: number; findText?: string; onRetry: (page?: number) => void }) {
  const { document, url, initialPage, findText, onRetry } = props;
  const { t, i18n } = useTranslation();
  const [store] = useState(createPdfViewStore);
  const viewerRef = useRef<PdfViewer | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const stripRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [thumbsOpen, setThumbsOpen] = useState(true);
  const phase = useStore(store, (s) => s.phase);
  const pageCount = useStore(store, (s) => s.pageCount);
  const linkExpired = useStore(store, (s) => s.linkExpired);

  useEffect(() => {
    const viewer = new PdfViewer({ container: containerRef.current!, strip: stripRef.current!, store, labels });
    viewerRef.current = viewer;
    void viewer.open(url, { initialPage, findText });
    return () => {
      viewerRef.current = null;
      void viewer.destroy();
    };
  }, [store, url, initialPage, findText]);

  useEffect(() => {
    viewerRef.current?.setLabels(labels);
  }, [i18n.language]);

  const ready = phase === 'ready';
  const showThumbs = ready && thumbsOpen && pageCount > 1;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const viewer = viewerRef.current;
    if (!viewer || !ready) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      findRef.current?.focus();
      findRef.current?.select();
      return;
    }
    if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      viewer.nextPage(event.key === 'PageDown' ? 1 : -1);
      return;
    }
    if (event.target === containerRef.current && (event.key === 'Home' || event.key === 'End')) {
      event.preventDefault();
      viewer.goToPage(event.key === 'Home' ? 1 : store.getState().pageCount);
    }
  };

  return (
    <div className="pv-pdf" onKeyDown={onKeyDown}>
      {ready && (
        <div className="pv-toolbar" role="group" aria-label={t('preview.toolbar')}>
          {pageCount > 1 && (
            <button type="button" className="pv-tool" aria-pressed={thumbsOpen} aria-label={t('preview.thumbnails')} title={t('preview.thumbnails')} onClick={() => setThumbsOpen(!thumbsOpen)}>
              <PreviewIcon name="thumbnails" />
            </button>
          )}
          <PageControls store={store} viewerRef={viewerRef} />
          <span className="pv-sep" />
          <ZoomControls store={store} viewerRef={viewerRef} />
          <span className="pv-sep" />
          <button type="button" className="pv-tool" aria-label={t('preview.rotate')} title={t('preview.rotate')} onClick={() => viewerRef.current?.rotate()}>
            <PreviewIcon name="rotate" />
          </button>
          <FindBar store={store} viewerRef={viewerRef} inputRef={findRef} initial={findText ?? ''} />
        </div>
      )}
      {linkExpired && (
        <div className="pv-banner" role="alert">
          <span>{t('preview.expired')}</span>
          <button type="button" className="primary" onClick={() => onRetry(store.getState().currentPage)}>
            {t('preview.reload')}
          </button>
        </div>
      )}
      <div className="pv-body">
        <div ref={stripRef} className="pv-thumbs" role="navigation" aria-label={t('preview.thumbnailsRegion')} hidden={!showThumbs} />
        <div className="pv-stage">
          <div
            ref={containerRef}
            className={ready ? 'pv-scroll' : 'pv-scroll pv-hidden'}
            tabIndex={ready ? 0 : -1}
            role="region"
            aria-label={t('preview.pagesRegion', { name: document.originalName })}
          />
          {!ready && <PhasePanel store={store} viewerRef={viewerRef} document={document} onRetry={() => onRetry()} />}
        </div>
      </div>
    </div>
  );
}

type ViewerRef = { readonly current: PdfViewer | null };

function PageControls({ store, viewerRef }: { store: PdfViewStore; viewerRef: ViewerRef }) {
  const { t } = useTranslation();
  const current = useStore(store, (s) => s.currentPage);
  const count = useStore(store, (s) => s.pageCount);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const n = Number.parseInt(draft, 10);
    if (Number.isFinite(n)) viewerRef.current?.goToPage(n);
    setDraft(null);
  };
  return (
    <div className="pv-pages-nav">
      <button type="button" className="pv-tool" aria-label={t('preview.prevPage')} title={t('preview.prevPage')} disabled={current <= 1} onClick={() => viewerRef.current?.nextPage(-1)}>
        <PreviewIcon name="up" />
      </button>
      <input
        className="pv-page-input"
        type="text"
        inputMode="numeric"
        aria-label={t('preview.pageInput', { count })}
        value={draft ?? String(current)}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setDraft(e.currentTarget.value.replace(/\D/g, ''))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape') setDraft(null);
        }}
      />
      <span className="pv-page-count" data-testid="preview-page-count">{t('preview.pageOf', { count })}</span>
      <button type="button" className="pv-tool" aria-label={t('preview.nextPage')} title={t('preview.nextPage')} disabled={current >= count} onClick={() => viewerRef.current?.nextPage(1)}>
        <PreviewIcon name="down" />
      </button>
    </div>
  );
}

function ZoomControls({ store, viewerRef }: { store: PdfViewStore; viewerRef: ViewerRef }) {
  const { t } = useTranslation();
  const zoom = useStore(store, (s) => s.zoom);
  const mode = useStore(store, (s) => s.zoomMode);
  return (
    <div className="pv-zoom">
      <button type="button" className="pv-tool" aria-label={t('preview.zoomOut')} title={t('preview.zoomOut')} onClick={() => viewerRef.current?.zoomBy(-1)}>
        <PreviewIcon name="zoomOut" />
      </button>
      <output className="pv-zoom-value" aria-label={t('preview.zoomLevel')}>{Math.round(zoom * 100)}%</output>
      <button type="button" className="pv-tool" aria-label={t('preview.zoomIn')} title={t('preview.zoomIn')} onClick={() => viewerRef.current?.zoomBy(1)}>
        <PreviewIcon name="zoomIn" />
      </button>
      <button type="button" className="pv-tool pv-tool-text" aria-pressed={mode === 'fit-width'} aria-label={t('preview.fitWidth')} title={t('preview.fitWidthHint')} onClick={() => viewerRef.current?.setZoomMode('fit-width')}>
        <PreviewIcon name="fitWidth" />
        <span>{t('preview.fitWidth')}</span>
      </button>
      <button type="button" className="pv-tool pv-tool-text" aria-pressed={mode === 'fit-page'} aria-label={t('preview.fitPage')} title={t('preview.fitPageHint')} onClick={() => viewerRef.current?.setZoomMode('fit-page')}>
        <PreviewIcon name="fitPage" />
        <span>{t('preview.fitPage')}</span>
      </button>
    </div>
  );
}

function FindBar(props: { store: PdfViewStore; viewerRef: ViewerRef; inputRef: RefObject<HTMLInputElement | null>; initial: string }) {
  const { store, viewerRef, inputRef, initial } = props;
  const { t } = useTranslation();
  const [query, setQuery] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const total = useStore(store, (s) => s.findTotal);
  const index = useStore(store, (s) => s.findIndex);
  const searching = useStore(store, (s) => s.findSearching);
  const searched = useStore(store, (s) => s.findQuery);

  useEffect(() => () => clearTimeout(timer.current), []);

  const run = (value: string) => {
    clearTimeout(timer.current);
    viewerRef.current?.find(value);
  };
  const change = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => viewerRef.current?.find(value), FIND_DELAY_MS);
  };
  const step = (direction: 1 | -1) => {
    if (query !== store.getState().findQuery) run(query);
    else viewerRef.current?.findStep(direction);
  };

  let status = '';
  if (searched.trim()) {
    if (searching) status = t('preview.find.searching', { count: total });
    else if (total === 0) status = t('preview.find.none');
    else status = t('preview.find.count', { current: index + 1, total });
  }

  return (
    <div className="pv-find" role="search">
      <PreviewIcon name="search" />
      <input
        ref={inputRef}
        className="pv-find-input"
        type="search"
        aria-label={t('preview.find.label')}
        placeholder={t('preview.find.placeholder')}
        value={query}
        onChange={(e) => change(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape' && query) {
            e.preventDefault();
            setQuery('');
            run('');
          }
        }}
      />
      <span className={total === 0 && !searching && searched.trim() ? 'pv-find-status pv-find-none' : 'pv-find-status'} role="status" data-testid="preview-find-status">
        {status}
      </span>
      <button type="button" className="pv-tool" aria-label={t('preview.find.prev')} title={t('preview.find.prev')} disabled={total === 0} onClick={() => step(-1)}>
        <PreviewIcon name="up" />
      </button>
      <button type="button" className="pv-tool" aria-label={t('preview.find.next')} title={t('preview.find.next')} disabled={total === 0} onClick={() => step(1)}>
        <PreviewIcon name="down" />
      </button>
    </div>
  );
}

function PhasePanel(props: { store: PdfViewStore; viewerRef: ViewerRef; document: DocumentInfo; onRetry: () => void }) {
  const { store, viewerRef, document, onRetry } = props;
  const { t } = useTranslation();
  const phase = useStore(store, (s) => s.phase);
  const wrong = useStore(store, (s) => s.passwordWrong);
  const reason = useStore(store, (s) => s.reason);

  if (phase === 'loading') {
    return (
      <div className="pv-panel pv-loading" role="status">
        {t('preview.loading')}
      </div>
    );
  }
  if (phase === 'password') {
    return <PasswordPrompt wrong={wrong} name={document.originalName} onSubmit={(password) => viewerRef.current?.submitPassword(password)} />;
  }
  const timeout = phase === 'timeout';
  return (
    <section className="pv-panel pv-problem" aria-labelledby="pv-problem-title">
      <h2 id="pv-problem-title">
        <PreviewIcon name="warning" size={22} />
        {timeout ? t('preview.timeout.title') : t('preview.broken.title')}
      </h2>
      <p role="alert">{timeout ? t('preview.timeout.body', { seconds: LOAD_TIMEOUT_MS / 1000 }) : t('preview.broken.body')}</p>
      {!timeout && reason && (
        <p className="pv-reason" data-testid="preview-reason">
          {t('preview.broken.reason')} <code>{reason}</code>
        </p>
      )}
      {timeout && (
        <p>
          <button type="button" className="primary" onClick={onRetry}>
            {t('preview.retry')}
          </button>
        </p>
      )}
      <h3>{t('preview.facts.title')}</h3>
      <DocumentFacts document={document} />
    </section>
  );
}

function PasswordPrompt({ wrong, name, onSubmit }: { wrong: boolean; name: string; onSubmit: (password: string) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    const value = password;
    setPassword('');
    onSubmit(value);
  };
  return (
    <form className="pv-panel pv-password" onSubmit={submit} aria-labelledby="pv-password-title">
      <h2 id="pv-password-title">
        <PreviewIcon name="lock" size={22} />
        {t('preview.password.title')}
      </h2>
      <p className="pv-password-name">{name}</p>
      <p>{t('preview.password.body')}</p>
      {wrong && (
        <p className="pv-password-wrong" role="alert">
          {t('preview.password.wrong')}
        </p>
      )}
      <label className="pv-password-field">
        <span>{t('preview.password.label')}</span>
        <input type="password" autoFocus autoComplete="off" spellCheck={false} value={password} onChange={(e) => setPassword(e.currentTarget.value)} aria-invalid={wrong} />
      </label>
      <p className="pv-password-actions">
        <button type="submit" className="primary" disabled={!password}>
          {t('preview.password.submit')}
        </button>
      </p>
      <p className="pv-password-note">{t('preview.password.note')}</p>
    </form>
  );
}
