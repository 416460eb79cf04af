// Files (berkas): open a new one, close one when its matter ends (retention counts from the
// close), record the date of the event a JRA row counts from, reopen one closed by mistake (a
// supervisor, with a reason), record where the paper sits and print its box and folder labels.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatDate } from '../../app/format.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { ClassificationPicker } from './ClassificationPicker.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { todayLocal } from '../../ui/dates.ts';
import { CloseFileDialog, EventDateDialog, ReopenDialog } from './FileDateDialogs.tsx';
import { FileLocationDialog } from './FileLocationDialog.tsx';
import { saveCopy } from '../../app/files.ts';

export function FilesDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [files, setFiles] = useState<FileView[]>([]);
  const [code, setCode] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [number, setNumber] = useState('');
  const [opened, setOpened] = useState(todayLocal());
  const [error, setError] = useState<string | null>(null);
  const [eventFor, setEventFor] = useState<FileView | null>(null);
  const [reopenFor, setReopenFor] = useState<FileView | null>(null);
  const [closeFor, setCloseFor] = useState<FileView | null>(null);
  const [locationFor, setLocationFor] = useState<FileView | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [saved, setSaved] = useState<string | null>(null);

  const load = () => void call('files.list', { openOnly: false }).then(setFiles, () => setFiles([]));
  useEffect(() => {
    dialog.current?.showModal();
    load();
  }, []);

  const fail = (e: unknown) => setError(e instanceof ApiError ? pick(e.value.message) : String(e));
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!code) return setError(t('files.needCode'));
    if (!title.trim()) return setError(t('files.needTitle'));
    try {
      await call('files.create', { classificationCode: code, title, fileNumber: number || null, openedAt: opened });
      toast('success', { id: `Berkas "${title}" dibuka.`, en: `File "${title}" opened.` });
      setTitle('');
      setNumber('');
      load();
    } catch (e) {
      fail(e);
    }
  };

  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const printLabels = async (kind: 'folder' | 'box') => {
    setError(null);
    setSaved(null);
    try {
      const out = await call('files.labels', { fileIds: files.filter((f) => chosen.has(f.id)).map((f) => f.id), kind });
      setSaved(t('files.labels.saved', { labels: out.labels, pages: out.pages, path: out.path }));
      saveCopy(out.download);
    } catch (e) {
      fail(e);
    }
  };
  const where = (f: FileView) => (f.location.box || f.location.folder ? `${f.location.box ?? '–'} / ${f.location.folder ?? '–'}` : t('files.location.none'));

  return (
    // A nested dialog closing must not close this one (React passes its close event up the tree).
    <dialog ref={dialog} className="dialog wide" aria-labelledby="files-title" onClose={(e) => e.target === e.currentTarget && onClose()}>
      <h2 id="files-title">{t('files.title')}</h2>
      <form className="files-new" onSubmit={create}>
        <ClassificationPicker label={t('form.code')} value={code} onChange={setCode} />
        <div className="field">
          <label htmlFor="file-title">{t('files.fileTitle')}</label>
          <input id="file-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field compact">
          <label htmlFor="file-number">{t('files.number')}</label>
          <input id="file-number" value={number} onChange={(e) => setNumber(e.target.value)} />
        </div>
        <div className="field compact">
          <label htmlFor="file-opened">{t('files.opened')}</label>
          <DateField id="file-opened" value={opened || null} onChange={(v) => setOpened(v ?? '')} />
        </div>
        <button type="submit" className="primary small">
          {t('files.open')}
        </button>
      </form>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <table className="simple-table">
        <thead>
          <tr>
            <th />
            <th>{t('form.code')}</th>
            <th>{t('files.fileTitle')}</th>
            <th>{t('files.records')}</th>
            <th>{t('files.period')}</th>
            <th>{t('files.state')}</th>
            <th title={`${t('files.location.box')} / ${t('files.location.folder')}`}>{t('files.location.button')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {files.length === 0 && (
            <tr>
              <td colSpan={8} className="hint">
                {t('files.none')}
              </td>
            </tr>
          )}
          {files.map((f) => (
            <tr key={f.id}>
              <td>
                <input type="checkbox" aria-label={t('files.labels.select', { title: f.title })} checked={chosen.has(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} />
              </td>
              <td className="code">{f.classificationCode}</td>
              <td>
                {f.fileNumber ? `${f.fileNumber} · ` : ''}
                {f.title}
              </td>
              <td>{f.recordCount}</td>
              <td>
                {formatDate(f.dateFrom)} – {formatDate(f.dateTo)}
              </td>
              <td>{f.closedAt ? t('files.closedOn', { date: formatDate(f.closedAt) }) : t('files.openSince', { date: formatDate(f.openedAt) })}</td>
              <td>
                <button type="button" className="link-inline" onClick={() => setLocationFor(f)} title={[f.location.room, f.location.shelf].filter(Boolean).join(', ') || undefined}>
                  {where(f)}
                </button>
              </td>
              <td>
                <button type="button" className="secondary small" onClick={() => setEventFor(f)}>
                  {f.triggerDate ? t('files.event.on', { date: formatDate(f.triggerDate) }) : t('files.event.button')}
                </button>{' '}
                {f.closedAt ? (
                  <button type="button" className="secondary small" onClick={() => setReopenFor(f)}>
                    {t('files.reopen')}
                  </button>
                ) : (
                  <button type="button" className="secondary small" onClick={() => setCloseFor(f)}>
                    {t('files.close')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="files-labels">
        <p className="hint">{t('files.labels.hint')}</p>
        <button type="button" className="secondary small" disabled={chosen.size === 0} onClick={() => void printLabels('folder')}>
          {t('files.labels.folder')}
        </button>{' '}
        <button type="button" className="secondary small" disabled={chosen.size === 0} onClick={() => void printLabels('box')}>
          {t('files.labels.box')}
        </button>
        {saved && (
          <p role="status" className="hint">
            {saved}
          </p>
        )}
      </div>
      {locationFor && <FileLocationDialog file={locationFor} onDone={load} onClose={() => setLocationFor(null)} />}
      {eventFor && <EventDateDialog file={eventFor} onDone={load} onClose={() => setEventFor(null)} />}
      {closeFor && <CloseFileDialog file={closeFor} onDone={load} onClose={() => setCloseFor(null)} />}
      {reopenFor && <ReopenDialog file={reopenFor} onDone={load} onClose={() => setReopenFor(null)} />}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => dialog.current?.close()}>
          {t('about.close')}
        </button>
      </div>
    </dialog>
  );
}
