// The dialogs that move a file's retention clock, each with a reason the audit log keeps (or, for
// closing, the closing date): the event date a JRA row counts from ("2 tahun setelah tidak
// berlaku"), reopening a closed file, closing a file. Who may do what is decided in main; the
// dialog shows its refusal as it comes.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileScheduleView, FileView } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatDate } from '../../app/format.ts';
import { DateField } from '../../ui/DateField.tsx';
import { todayLocal } from '../../ui/dates.ts';
import { FormDialog, useDialogAction, useModal } from '../../ui/FormDialog.tsx';

export function EventDateDialog({ file, onDone, onClose }: { file: Pick<FileView, 'id' | 'title' | 'classificationCode'> & { triggerDate: string | null }; onDone(file: FileView): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModal();
  const { error, run } = useDialogAction(dialog);
  const [schedule, setSchedule] = useState<FileScheduleView | null>(null);
  const [date, setDate] = useState(file.triggerDate ?? '');
  const [reason, setReason] = useState('');
  useEffect(() => void call('retention.fileSchedule', { fileId: file.id }).then(setSchedule, () => setSchedule(null)), [file.id]);
  const save = (value: string | null) => run(async () => onDone(await call('files.setTriggerDate', { id: file.id, date: value, reason })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(date || null);
  };
  const trigger = schedule?.rule?.trigger ?? null;
  return (
    <FormDialog
      dialog={dialog}
      id="event"
      testId="event-date-dialog"
      title={t('files.event.title')}
      intro={
        <>
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
        </>
      }
      error={error}
      cancelLabel={t('files.cancel')}
      submitLabel={t('files.event.save')}
      extraActions={
        file.triggerDate && (
          <button type="button" className="secondary" disabled={!reason.trim()} onClick={() => void save(null)}>
            {t('files.event.clear')}
          </button>
        )
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor="event-date">{t('files.event.date')}</label>
        <DateField id="event-date" value={date || null} onChange={(v) => setDate(v ?? '')} required />
      </div>
      <div className="field">
        <label htmlFor="event-reason">{t('files.event.reason')}</label>
        <input id="event-reason" value={reason} onChange={(e) => setReason(e.target.value)} required placeholder={t('files.event.reasonHint')} />
        <span className="hint">{t('files.event.supervisorHint')}</span>
      </div>
    </FormDialog>
  );
}

export function ReopenDialog({ file, onDone, onClose }: { file: FileView; onDone(file: FileView): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModal();
  const { error, run } = useDialogAction(dialog);
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onDone(await call('files.reopen', { id: file.id, reason })));
  };
  return (
    <FormDialog
      dialog={dialog}
      id="reopen"
      title={t('files.reopenTitle')}
      intro={
        <>
          <p>
            <span className="code">{file.classificationCode}</span> {file.title} — {t('files.closedOn', { date: formatDate(file.closedAt) })}
          </p>
          <p className="hint">{t('files.reopenHint')}</p>
        </>
      }
      error={error}
      cancelLabel={t('files.cancel')}
      submitLabel={t('files.reopen')}
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor="reopen-reason">{t('files.event.reason')}</label>
        <input id="reopen-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      </div>
    </FormDialog>
  );
}

/** "Tutup berkas" starts the file's retention clock, so it asks first and names the closing date. */
export function CloseFileDialog({ file, onDone, onClose }: { file: FileView; onDone(file: FileView): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModal();
  const { error, setError, run } = useDialogAction(dialog);
  const [closedAt, setClosedAt] = useState<string | null>(todayLocal());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!closedAt) return setError(t('files.closeNeedDate'));
    void run(async () => onDone(await call('files.close', { id: file.id, closedAt })));
  };
  return (
    <FormDialog
      dialog={dialog}
      id="close-file"
      title={t('files.closeTitle')}
      intro={
        <>
          <p>
            <span className="code">{file.classificationCode}</span> {file.title} — {t('files.records')}: {file.recordCount}
          </p>
          <p className="hint">{t('files.closeHint')}</p>
        </>
      }
      error={error}
      cancelLabel={t('files.cancel')}
      submitLabel={t('files.closeConfirm')}
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor="close-file-date">{t('files.closeDate')}</label>
        <DateField id="close-file-date" value={closedAt} onChange={setClosedAt} required />
      </div>
    </FormDialog>
  );
}
