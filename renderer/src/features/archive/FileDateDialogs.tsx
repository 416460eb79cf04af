// The two dialogs that move a file's retention clock, each with a reason the audit log keeps:
// the event date a JRA row counts from ("2 tahun setelah tidak berlaku"), and reopening a closed
// file. Who may do what is decided in main; the dialog shows its refusal as it comes.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileScheduleView, FileView } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatDate } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { DateField } from '../../ui/DateField.tsx';
import { todayLocal } from '../../ui/dates.ts';

function useModal() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return dialog;
}

export function EventDateDialog({ file, onDone, onClose }: { file: Pick<FileView, 'id' | 'title' | 'classificationCode'> & { triggerDate: string | null }; onDone(file: FileView): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModal();
  const [schedule, setSchedule] = useState<FileScheduleView | null>(null);
  const [date, setDate] = useState(file.triggerDate ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void call('retention.fileSchedule', { fileId: file.id }).then(setSchedule, () => setSchedule(null)), [file.id]);
  const save = async (value: string | null) => {
    setError(null);
    try {
      const saved = await call('files.setTriggerDate', { id: file.id, date: value, reason });
      onDone(saved);
      dialog.current?.close();
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.value.message) : String(e));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(date || null);
  };
  const trigger = schedule?.rule?.trigger ?? null;
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="event-title" onClose={onClose} data-testid="event-date-dialog">
      <h2 id="event-title">{t('files.event.title')}</h2>
      <p>
        <span className="code">{file.classificationCode}</span> {file.title}
      </p>
      <p className="hint" data-testid="event-rule">
        {schedule?.rule
          ? trigger
            ? t('files.event.rule', { code: schedule.rule.code, active: schedule.rule.activeYears, trigger, type: schedule.rule.recordType })
            : t('files.event.noTrigger', { code: schedule.rule.code })
          : t('files.event.noRule')}
      </p>
      {file.triggerDate && <p>{t('files.event.current', { date: formatDate(file.triggerDate) })}</p>}
      <form onSubmit={submit} className="login-form">
        <div className="field">
          <label htmlFor="event-date">{t('files.event.date')}</label>
          <DateField id="event-date" value={date || null} onChange={(v) => setDate(v ?? '')} required />
        </div>
        <div className="field">
          <label htmlFor="event-reason">{t('files.event.reason')}</label>
          <input id="event-reason" value={reason} onChange={(e) => setReason(e.target.value)} required placeholder={t('files.event.reasonHint')} />
          <span className="hint">{t('files.event.supervisorHint')}</span>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('files.cancel')}
          </button>
          {file.triggerDate && (
            <button type="button" className="secondary" disabled={!reason.trim()} onClick={() => void save(null)}>
              {t('files.event.clear')}
            </button>
          )}
          <button type="submit" className="primary">
            {t('files.event.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function ReopenDialog({ file, onDone, onClose }: { file: FileView; onDone(file: FileView): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModal();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onDone(await call('files.reopen', { id: file.id, reason }));
      dialog.current?.close();
    } catch (err) {
      setError(err instanceof ApiError ? pick(err.value.message) : String(err));
    }
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="reopen-title" onClose={onClose}>
      <h2 id="reopen-title">{t('files.reopenTitle')}</h2>
      <p>
        <span className="code">{file.classificationCode}</span> {file.title} — {t('files.closedOn', { date: formatDate(file.closedAt) })}
      </p>
      <p className="hint">{t('files.reopenHint')}</p>
      <form onSubmit={submit} className="login-form">
        <div className="field">
          <label htmlFor="reopen-reason">{t('files.event.reason')}</label>
          <input id="reopen-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('files.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('files.reopen')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** "Tutup berkas" starts the file's retention clock, so it asks first and names the closing date. */
export function CloseFileDialog({ file, onDone, onClose }: { file: FileView; onDone(file: FileView): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModal();
  const [closedAt, setClosedAt] = useState<string | null>(todayLocal());
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!closedAt) return setError(t('files.closeNeedDate'));
    try {
      onDone(await call('files.close', { id: file.id, closedAt }));
      dialog.current?.close();
    } catch (err) {
      setError(err instanceof ApiError ? pick(err.value.message) : String(err));
    }
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="close-file-title" onClose={onClose}>
      <h2 id="close-file-title">{t('files.closeTitle')}</h2>
      <p>
        <span className="code">{file.classificationCode}</span> {file.title} — {t('files.records')}: {file.recordCount}
      </p>
      <p className="hint">{t('files.closeHint')}</p>
      <form onSubmit={submit} className="login-form">
        <div className="field">
          <label htmlFor="close-file-date">{t('files.closeDate')}</label>
          <DateField id="close-file-date" value={closedAt} onChange={setClosedAt} required />
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('files.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('files.closeConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
