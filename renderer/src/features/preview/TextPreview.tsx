// Plain-text preview: fetches at most the first TEXT_CAP bytes of the document (a Range request, so
// a huge log file never fills the window's memory) and shows them in a scrollable monospace block.
// UTF-8 first; text that is not valid UTF-8 is read as Windows-1252, the usual legacy encoding.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../preload/contract.ts';
import { DocumentFacts, formatSize } from './DocumentFacts.tsx';
import { PreviewIcon } from './icons.tsx';

export const TEXT_CAP = 2 * 1024 * 1024;

function decode(bytes: Uint8Array): string {
  try {
    // stream: a multi-byte character cut at the cap is left out instead of failing the whole text.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function TextPreview({ document, url }: { document: DocumentInfo; url: string }) {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<{ url: string; text?: string; error?: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { headers: { Range: `bytes=0-${TEXT_CAP - 1}` }, signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        setResult({ url, text: decode(bytes.subarray(0, TEXT_CAP)) });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setResult({ url, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [url]);

  const current = result?.url === url ? result : null;
  if (!current) {
    return (
      <div className="pv-panel pv-loading" role="status">
        {t('preview.loading')}
      </div>
    );
  }
  if (current.error !== undefined) {
    return (
      <section className="pv-panel pv-problem" aria-labelledby="pv-text-problem">
        <h2 id="pv-text-problem">
          <PreviewIcon name="warning" size={22} />
          {t('preview.text.failedTitle')}
        </h2>
        <p role="alert">{t('preview.text.failedBody', { reason: current.error })}</p>
        <h3>{t('preview.facts.title')}</h3>
        <DocumentFacts document={document} />
      </section>
    );
  }
  const truncated = document.size > TEXT_CAP;
  return (
    <div className="pv-text">
      {truncated && (
        <p className="pv-text-note" role="note">
          {t('preview.text.truncated', { shown: formatSize(TEXT_CAP, i18n.language === 'en' ? 'en-GB' : 'id-ID'), total: formatSize(document.size, i18n.language === 'en' ? 'en-GB' : 'id-ID') })}
        </p>
      )}
      <pre className="pv-text-body" tabIndex={0} role="region" aria-label={t('preview.pagesRegion', { name: document.originalName })}>
        {current.text}
      </pre>
    </div>
  );
}
