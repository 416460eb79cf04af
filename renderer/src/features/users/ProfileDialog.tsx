// The signed-in user's own name, NIP and jabatan: what every berita acara and list they draw up
// prints under their signature. Roles and clearance stay the admin's.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api.ts';
import { pick } from '../../i18n/index.ts';
import { useSession } from '../login/store.ts';
import { OfficeFields, nipProblem, type Office } from './OfficeFields.tsx';
import '../login/i18n.ts';

export function ProfileDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const user = useSession((s) => s.status?.session?.user);
  const [value, setValue] = useState<Office>({ displayName: user?.displayName ?? '', nip: user?.nip ?? '', jabatan: user?.jabatan ?? '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (nipProblem(value.nip)) return;
    try {
      const saved = await call('accounts.updateProfile', value);
      setValue({ displayName: saved.displayName, nip: saved.nip ?? '', jabatan: saved.jabatan ?? '' });
      setMessage({ ok: true, text: t('akun.office.saved') });
      await useSession.getState().refresh();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiError ? pick(error.value.message) : String(error) });
    }
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="profile-title" onClose={onClose}>
      <h2 id="profile-title">{t('akun.office.title')}</h2>
      <p className="hint">{t('akun.office.lead')}</p>
      <form onSubmit={submit} className="login-form">
        <OfficeFields idPrefix="profile" value={value} onChange={setValue} />
        {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('akun.users.close')}
          </button>
          <button type="submit" className="primary" disabled={nipProblem(value.nip)}>
            {t('akun.users.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
