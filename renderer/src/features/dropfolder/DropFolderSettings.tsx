// Pengaturan → Folder pantau: the folders an admin named (state, files waiting, where files go),
// adding one through the host's folder dialog (the page never names a path), removing one, and
// the history of what became of each file taken from them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DropEntry } from '../../../../preload/contract.ts';
import { ApiError, call, pickHandles } from '../../api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useFrame } from '../../app/store.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { useArchive } from '../archive/store.ts';
import './dropfolder.css';
import './i18n.ts';
import { useDropFolders } from './store.ts';

/** Why a file went where it went, in the reader's language where the history has both. */
export function entryReason(entry: DropEntry): string {
  return entry.message ? pick(entry.message) : (entry.reason ?? '');
}

export function DropEntryRow({ entry }: { entry: DropEntry }) {
  const { t } = useTranslation();
  const openRecord = (id: number) => {
    useFrame.getState().go('arsip');
    useArchive.getState().open(id);
  };
  return (
    <tr>
      <td>{formatDateTime(entry.at)}</td>
      <td className="drop-file" title={entry.folder}>
        {entry.fileName}
      </td>
      <td>
        <span className={`badge badge-${entry.status}`}>{t(`dropFolder.status.${entry.status}`)}</span>
      </td>
      <td>
        {[entryReason(entry), entry.movedTo && t('dropFolder.movedTo', { path: entry.movedTo })].filter(Boolean).join(' · ')}
        {entry.recordId !== null && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => openRecord(entry.recordId!)}>
              {t('dropFolder.openRecord', { id: entry.recordId })}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

export function DropFolderSettings() {
  const { t } = useTranslation();
  const { folders, history, load, setFolders } = useDropFolders();
  const [importedDir, setImportedDir] = useState('diimpor');
  const [rejectedDir, setRejectedDir] = useState('ditolak');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [noPicker, setNoPicker] = useState(false);

  const fail = (e: unknown) => setError(e instanceof ApiError ? pick(e.value.message) : String(e));
  useEffect(() => void load().catch(fail), [load]);

  const add = async () => {
    setError(null);
    setBusy(true);
    try {
      const handles = await pickHandles('folder');
      if (handles === null) return setNoPicker(true);
      if (handles.length === 0) return; // cancelled in the dialog
      const result = await call('dropFolder.add', { handle: handles[0]!, importedDir: importedDir.trim(), rejectedDir: rejectedDir.trim(), classificationCode: code.trim() || null });
      setFolders(result.folders);
      const added = result.folders.at(-1);
      if (added) toast('success', { id: t('dropFolder.added', { path: added.path, lng: 'id' }), en: t('dropFolder.added', { path: added.path, lng: 'en' }) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (path: string) => {
    if (!window.confirm(t('dropFolder.removeConfirm', { path }))) return;
    try {
      setFolders((await call('dropFolder.remove', { path })).folders);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="card card-wide" aria-labelledby="drop-title">
      <h2 id="drop-title">{t('dropFolder.title')}</h2>
      <p className="hint">{t('dropFolder.help')}</p>
      {folders && folders.length === 0 && <p>{t('dropFolder.none')}</p>}
      {folders && folders.length > 0 && (
        <table className="simple-table" aria-label={t('dropFolder.title')}>
          <thead>
            <tr>
              <th>{t('dropFolder.columns.folder')}</th>
              <th>{t('dropFolder.columns.state')}</th>
              <th>{t('dropFolder.columns.waiting')}</th>
              <th>{t('dropFolder.columns.lastScan')}</th>
              <th>{t('dropFolder.columns.subfolders')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {folders.map((f) => (
              <tr key={f.path}>
                <td className="drop-path">
                  {f.path}
                  {f.classificationCode && <span className="code"> {f.classificationCode}</span>}
                </td>
                <td>
                  <span className={`badge ${f.state === 'offline' ? 'badge-rejected' : 'badge-imported'}`}>{t(`dropFolder.state.${f.state}`)}</span>
                  {f.state === 'offline' && <div className="hint">{t('dropFolder.offlineHint', { error: f.error ?? '—' })}</div>}
                </td>
                <td>{f.waiting}</td>
                <td>{f.lastScanAt ? formatDateTime(f.lastScanAt) : '—'}</td>
                <td>
                  {f.importedDir}/ · {f.rejectedDir}/
                </td>
                <td>
                  <button type="button" className="secondary small" onClick={() => void remove(f.path)}>
                    {t('dropFolder.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="drop-add">
        <div className="field">
          <label htmlFor="drop-imported">{t('dropFolder.importedDir')}</label>
          <input id="drop-imported" value={importedDir} onChange={(e) => setImportedDir(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="drop-rejected">{t('dropFolder.rejectedDir')}</label>
          <input id="drop-rejected" value={rejectedDir} onChange={(e) => setRejectedDir(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="drop-code">{t('dropFolder.code')}</label>
          <input id="drop-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="000.1.2" />
        </div>
        <button type="button" className="primary small" disabled={busy} onClick={() => void add()}>
          {busy ? t('dropFolder.adding') : t('dropFolder.add')}
        </button>
      </div>
      {noPicker && <p className="hint">{t('dropFolder.noPicker')}</p>}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <h3>{t('dropFolder.history')}</h3>
      {history.length === 0 ? (
        <p className="hint">{t('dropFolder.historyEmpty')}</p>
      ) : (
        <table className="simple-table" aria-label={t('dropFolder.history')}>
          <thead>
            <tr>
              <th>{t('dropFolder.historyColumns.at')}</th>
              <th>{t('dropFolder.historyColumns.file')}</th>
              <th>{t('dropFolder.historyColumns.status')}</th>
              <th>{t('dropFolder.historyColumns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {history.slice(0, 50).map((e) => (
              <DropEntryRow key={e.id} entry={e} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
