// Search hits: one per record, best match first, with the matched words highlighted and the page
// they are on. Opening a hit opens its document on that page with the words marked.
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, snippetParts } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { useArchive } from './store.ts';

export function SearchResults() {
  const { t } = useTranslation();
  const { search, searching, query, detailId } = useArchive();
  if (searching && !search) return <p className="hint pad">{t('search.searching')}</p>;
  if (!search) return null;
  const terms = query.replace(/["*]/g, ' ').trim();
  return (
    <div className="search-results" aria-live="polite">
      {search.notice && <p className="notice">{pick(search.notice)}</p>}
      <p className="hint pad">{search.capped ? t('search.manyResults', { formatted: formatNumber(search.total) }) : t('search.results', { count: search.total, formatted: formatNumber(search.total) })}</p>
      <ol className="hits">
        {search.hits.map((hit) => (
          <li key={hit.recordId} className={hit.recordId === detailId ? 'hit active' : 'hit'}>
            <button
              type="button"
              className="hit-button"
              onClick={() => {
                const state = useArchive.getState();
                state.open(hit.recordId);
                if (hit.documentId) state.showPreview({ documentId: hit.documentId, page: hit.page ?? undefined, findText: terms });
              }}
            >
              <span className="hit-title">{hit.subject}</span>
              <span className="hit-meta">
                {hit.classificationCode && <span className="code">{hit.classificationCode}</span>} {hit.letterNumber ?? ''} {hit.letterDate ? `· ${formatDate(hit.letterDate)}` : ''}
                {hit.page ? <span className="badge">{t('search.page', { page: hit.page })}</span> : <span className="badge">{t('search.metadata')}</span>}
              </span>
              <span className="hit-snippet">
                {snippetParts(hit.snippet).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
