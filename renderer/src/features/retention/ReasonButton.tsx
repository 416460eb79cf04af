// A button that asks for a short reason inline before it acts (removing an item, lifting a hold,
// cancelling a case): window.prompt does not exist in Electron, and a reason must be written down.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './i18n.ts';

export function ReasonButton(props: { label: string; prompt: string; className?: string; onSubmit(reason: string): void | Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button type="button" className={props.className ?? 'secondary'} onClick={() => setOpen(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <form
      className="rt-reason"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return;
        void Promise.resolve(props.onSubmit(reason.trim())).then(() => {
          setOpen(false);
          setReason('');
        });
      }}
    >
      <label>
        <span className="rt-small">{props.prompt}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
      </label>
      <button type="submit" className="primary">
        {t('retensi.ok')}
      </button>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('retensi.cancel')}
      </button>
    </form>
  );
}
