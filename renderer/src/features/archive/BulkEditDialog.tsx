// Bulk edit of the selected records: code, file, location, security class — all or nothing, in
// one transaction in main, one audit entry per record.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView, RecordFields } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatNumber } from '../../app/format.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { ClassificationPicker } from './ClassificationPicker.tsx';

type Change = Partial<Pick<RecordFields, 'classificationCode' | 'fileId' | 'location' | 'securityClass'>>;

export function BulkEditDialog({ ids, onClose, onDone }: { ids: number[]; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [use, setUse] = useState({ code: false, file: false, location: false, security: false });
  const [code, setCode] = useState<string | null>(null);
  const [fileId, setFileId] = useState<number | null>(null);
  const [location, setLocation] = useState('');
  const [security, setSecurity] = useState<RecordFields['securityClass']>('biasa');
  const [files, setFiles] = useState<FileView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => dialog.current?.showModal(), []);
  useEffect(() => {
    void call('files.list', { openOnly: true, codePrefix: use.code && code ? code : undefined }).then(setFiles, () => setFiles([]));
  }, [use.code, code]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Change = {};
    if (use.code) fields.classificationCode = code;
    if (use.file) fields.fileId = fileId;
    if (use.location) fields.location = location.trim() || null;
    if (use.security) fields.securityClass = security;
    if (Object.keys(fields).length === 0) {
      setError(t('bulk.nothing'));
      return;
    }
    if (use.code && !code) {
      setError(t('bulk.needCode'));
      return;
    }
    setBusy(true);
    try {
      const { updated } = await call('records.bulkUpdate', { ids, fields });
      toast('success', { id: `${updated} arsip diperbarui.`, en: `${updated} records updated.` });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.value.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (key: keyof typeof use) => (
    <input type="checkbox" checked={use[key]} onChange={(e) => setUse((u) => ({ ...u, [key]: e.target.checked }))} aria-label={t(`bulk.use.${key}`)} />
  );

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="bulk-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="bulk-title">{t('bulk.title', { count: ids.length, formatted: formatNumber(ids.length) })}</h2>
        <p className="hint">{t('bulk.hint')}</p>
        <div className="bulk-row">
          {toggle('code')}
          <div className="grow">
            <ClassificationPicker label={t('form.code')} value={code} onChange={(c) => (setCode(c), setUse((u) => ({ ...u, code: true })))} />
          </div>
        </div>
        <div className="bulk-row">
          {toggle('file')}
          <div className="field grow">
            <label htmlFor="bulk-file">{t('form.file')}</label>
            <select id="bulk-file" value={fileId ?? ''} onChange={(e) => (setFileId(e.target.value ? Number(e.target.value) : null), setUse((u) => ({ ...u, file: true })))}>
              <option value="">{t('form.noFile')}</option>
              {files.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.classificationCode} · {f.title}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="bulk-row">
          {toggle('location')}
          <div className="field grow">
            <label htmlFor="bulk-location">{t('form.location')}</label>
            <input id="bulk-location" value={location} placeholder={t('form.locationHint')} onChange={(e) => (setLocation(e.target.value), setUse((u) => ({ ...u, location: true })))} />
          </div>
        </div>
        <div className="bulk-row">
          {toggle('security')}
          <div className="field grow">
            <label htmlFor="bulk-security">{t('form.security')}</label>
            <select id="bulk-security" value={security} onChange={(e) => (setSecurity(e.target.value as RecordFields['securityClass']), setUse((u) => ({ ...u, security: true })))}>
              {(['biasa', 'terbatas', 'rahasia', 'sangat-rahasia'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`arsip.security.${v}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('form.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('bulk.apply', { count: ids.length, formatted: formatNumber(ids.length) })}
          </button>
        </div>
      </form>
    </dialog>
  );
}
