// A full-window preview at #/preview/<documentId>[?page=N&find=words], for support and testing:
// IT can open exactly the document a user reports, on the page they saw. Reads only through the
// contract; the contract has no documents.get yet, so the document's metadata is found through
// its record (see findDocument).
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { pick } from '../../i18n/index.ts';
import { DocumentPreview } from './DocumentPreview.tsx';
import './preview.css';

export interface PreviewTarget {
  documentId: number;
  page?: number;
  find?: string;
}

export function parsePreviewHash(hash: string): PreviewTarget | null {
  const match = /^#\/preview\/(\d+)(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  const documentId = Number(match[1]);
  if (!Number.isSafeInteger(documentId) || documentId < 1) return null;
  const params = new URLSearchParams(match[2] ?? '');
  const page = Number(params.get('page'));
  const find = params.get('find')?.trim();
  return { documentId, page: Number.isInteger(page) && page > 0 ? page : undefined, find: find || undefined };
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The preview target in the address, or null for the normal app. */
export function usePreviewRoute(): PreviewTarget | null {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  return useMemo(() => parsePreviewHash(hash), [hash]);
}

async function findDocument(documentId: number): Promise<DocumentInfo | null> {
  try {
    return await call('documents.get', { documentId });
  } catch (error) {
    if (error instanceof ApiError && error.value.code === 'not-found') return null;
    throw error;
  }
}

export function PreviewRoute({ target }: { target: PreviewTarget }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ id: number; document?: DocumentInfo; error?: string } | null>(null);

  useEffect(() => {
    let live = true;
    findDocument(target.documentId).then(
      (document) => {
        if (live) setLoaded(document ? { id: target.documentId, document } : { id: target.documentId, error: t('preview.notFound', { id: target.documentId }) });
      },
      (error: unknown) => {
        if (live) setLoaded({ id: target.documentId, error: error instanceof ApiError ? pick(error.value.message) : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [target.documentId, t]);

  const close = () => {
    window.location.hash = '';
  };
  const current = loaded?.id === target.documentId ? loaded : null;
  return (
    <div className="pv-route">
      {current?.document ? (
        <DocumentPreview document={current.document} initialPage={target.page} findText={target.find} onClose={close} />
      ) : current ? (
        <section className="pv-panel pv-problem">
          <p role="alert">{current.error}</p>
          <button type="button" className="secondary" onClick={close}>
            {t('preview.close')}
          </button>
        </section>
      ) : (
        <div className="pv-panel pv-loading" role="status">
          {t('preview.loading')}
        </div>
      )}
    </div>
  );
}
