// The import progress panel: files, bytes, rate, ETA, current file, cancel; then the results with
// duplicates and rejected files and why, and one click to file what came in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDuration, formatNumber } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { DropEntryRow } from '../dropfolder/DropFolderSettings.tsx';
import { useDropFolders } from '../dropfolder/store.ts';
import { OcrQueueLine } from '../ocr/OcrDocumentStatus.tsx';
import { BulkEditDialog } from './BulkEditDialog.tsx';
import { useImport } from './importStore.ts';
import { useArchive } from './store.ts';

export function ImportPanel() {
  const { t } = useTranslation();
  const { progress, outcomes, panelOpen, dropsOnly, cancel, close } = useImport();
  const arrived = useDropFolders((s) => s.arrived);
  const [filing, setFiling] = useState(false);
  const [showAll, setShowAll] = useState(false);
  if (!panelOpen) return null;
  const closePanel = () => {
    useDropFolders.getState().clearArrived();
    close();
  };
  const drops = arrived.length > 0 && (
    <div className="import-drops" data-testid="import-drops">
      {!dropsOnly && <h3>{t('dropFolder.feedTitle')}</h3>}
      <table className="simple-table">
        <tbody>
          {arrived.slice(0, 20).map((e) => (
            <DropEntryRow key={e.id} entry={e} />
          ))}
        </tbody>
      </table>
    </div>
  );
  if (dropsOnly) {
    return (
      <section className="import-panel" aria-labelledby="import-title" data-testid="import-panel">
        <header>
          <h2 id="import-title">{t('dropFolder.feedTitle')}</h2>
          <button type="button" className="secondary small" onClick={closePanel} aria-label={t('import.close')}>
            ×
          </button>
        </header>
        {drops}
        <OcrQueueLine />
      </section>
    );
  }
  const running = !progress || progress.state === 'running' || progress.state === 'scanning';
  const percent = progress && progress.bytesTotal > 0 ? Math.round((progress.bytesDone / progress.bytesTotal) * 100) : 0;
  const importedIds = outcomes.filter((o) => o.status === 'imported' && o.recordId).map((o) => o.recordId!);
  const problems = outcomes.filter((o) => o.status !== 'imported');
  const listed = showAll ? outcomes : problems;

  return (
    <section className="import-panel" aria-labelledby="import-title" data-testid="import-panel">
      <header>
        <h2 id="import-title">{running ? t('import.running') : progress?.state === 'cancelled' ? t('import.cancelled') : t('import.done')}</h2>
        {running ? (
          <button type="button" className="secondary small" onClick={() => void cancel()}>
            {t('import.cancel')}
          </button>
        ) : (
          <button type="button" className="secondary small" onClick={closePanel} aria-label={t('import.close')}>
            ×
          </button>
        )}
      </header>
      {progress && (
        <>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('import.progressLabel')}>
            <div className="progress-bar" style={{ width: `${running ? percent : 100}%` }} />
          </div>
          <dl className="import-stats">
            <dt>{t('import.fileCount')}</dt>
            <dd data-testid="import-files">
              {formatNumber(progress.filesDone)} / {formatNumber(progress.filesTotal)}
            </dd>
            <dt>{t('import.bytes')}</dt>
            <dd>
              {formatBytes(progress.bytesDone)} / {formatBytes(progress.bytesTotal)}
            </dd>
            {running && (
              <>
                <dt>{t('import.rate')}</dt>
                <dd>{formatBytes(progress.bytesPerSecond)}/s</dd>
                <dt>{t('import.eta')}</dt>
                <dd>{formatDuration(progress.etaSeconds)}</dd>
              </>
            )}
          </dl>
          {running && progress.currentFile && <p className="import-current" title={progress.currentFile}>{progress.currentFile}</p>}
          <p className="import-summary" data-testid="import-summary">
            {t('import.summary', { imported: progress.imported, duplicates: progress.duplicates, rejected: progress.rejected })}
          </p>
        </>
      )}
      {!running && outcomes.length > 0 && (
        <>
          <OcrQueueLine />
          <div className="import-actions">
            {importedIds.length > 0 && (
              <button type="button" className="primary small" onClick={() => setFiling(true)}>
                {t('import.fileThem', { count: importedIds.length })}
              </button>
            )}
            <button type="button" className="secondary small" onClick={() => setShowAll((v) => !v)}>
              {showAll ? t('import.showProblems') : t('import.showAll')}
            </button>
          </div>
          <ul className="import-results">
            {listed.slice(0, 500).map((o) => (
              <li key={o.path} className={`result-${o.status}`}>
                <span className={`badge badge-${o.status}`}>{t(`import.status.${o.status}`)}</span>
                <span className="result-path" title={o.path}>
                  {o.path.split(/[\\/]/).pop()}
                </span>
                {o.reason && <span className="result-reason">{o.status === 'duplicate' && o.recordId ? t('import.duplicateOf', { id: o.recordId }) : o.message ? pick(o.message) : o.reason}</span>}
              </li>
            ))}
            {listed.length === 0 && <li className="hint">{t('import.noProblems')}</li>}
          </ul>
        </>
      )}
      {drops}
      {filing && (
        <BulkEditDialog
          ids={importedIds}
          onClose={() => setFiling(false)}
          onDone={() => {
            setFiling(false);
            useArchive.getState().refresh();
          }}
        />
      )}
    </section>
  );
}
