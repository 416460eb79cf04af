// Any logged-in user changes their own password (the current one is checked in main).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api.ts';
import { pick } from '../../i18n/index.ts';
import '../login/i18n.ts';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const differ = again.length > 0 && again !== next;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (differ) return;
    try {
      await call('accounts.changePassword', { current, next });
      setMessage({ ok: true, text: t('akun.change.done') });
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiError ? pick(error.value.message) : String(error) });
    }
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="pw-title" onClose={onClose}>
      <h2 id="pw-title">{t('akun.change.title')}</h2>
      <form onSubmit={submit} className="login-form">
        <div className="field">
          <label htmlFor="pw-current">{t('akun.change.current')}</label>
          <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="pw-next">{t('akun.change.next')}</label>
          <input id="pw-next" type="password" autoComplete="new-password" minLength={8} value={next} onChange={(e) => setNext(e.target.value)} required />
          <span className="hint">{t('akun.passwordHint')}</span>
        </div>
        <div className="field">
          <label htmlFor="pw-again">{t('akun.passwordAgain')}</label>
          <input id="pw-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required aria-invalid={differ} />
          {differ && <span className="field-error">{t('akun.passwordsDiffer')}</span>}
        </div>
        {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('akun.users.close')}
          </button>
          <button type="submit" className="primary" disabled={differ}>
            {t('akun.users.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
