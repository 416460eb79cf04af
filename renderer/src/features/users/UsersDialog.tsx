// The admin's user management: add users with roles, change roles, disable, reset a password, and
// set each user's clearance (the highest security class they may see) and the idle time after
// which sessions lock. Every rule (last admin, own account) is enforced in
// main; this dialog shows its answer.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, SessionUser, UserView } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatDateTime } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { useSession } from '../login/store.ts';
import { OfficeFields, nipProblem, type Office } from './OfficeFields.tsx';
import './users.css';
import '../login/i18n.ts';

const ROLES: Role[] = ['staff', 'supervisor', 'admin'];
type Clearance = SessionUser['clearance'];
const CLEARANCES: Clearance[] = ['biasa', 'terbatas', 'rahasia', 'sangat-rahasia'];

function ClearanceSelect({ id, value, label, onChange }: { id: string; value: Clearance; label: string; onChange: (value: Clearance) => void }) {
  const { t } = useTranslation();
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Clearance)}>
      {CLEARANCES.map((c) => (
        <option key={c} value={c}>
          {t(`arsip.security.${c}`)}
        </option>
      ))}
    </select>
  );
}

export function UsersDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [users, setUsers] = useState<UserView[]>([]);
  const [edits, setEdits] = useState<Record<number, Role[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [resetFor, setResetFor] = useState<UserView | null>(null);
  const [profileFor, setProfileFor] = useState<UserView | null>(null);
  const idleMinutes = useSession((s) => s.status?.idleMinutes ?? 15);
  const [idle, setIdle] = useState(idleMinutes);

  const fail = useCallback((error: unknown) => setMessage({ ok: false, text: error instanceof ApiError ? pick(error.value.message) : String(error) }), []);
  const load = useCallback(
    () =>
      call('accounts.list', {}).then((list) => {
        setUsers(list);
        setEdits({});
      }, fail),
    [fail],
  );
  useEffect(() => {
    dialog.current?.showModal();
    void load();
  }, [load]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMessage({ ok: true, text: done });
      await load();
      await useSession.getState().refresh();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <dialog ref={dialog} className="dialog wide users-dialog" aria-labelledby="users-title" onClose={onClose}>
      <h2 id="users-title">{t('akun.users.title')}</h2>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'users-ok' : undefined}>
          {message.text}
        </p>
      )}
      <table className="simple-table">
        <thead>
          <tr>
            <th>{t('akun.users.columns.name')}</th>
            <th>{t('akun.users.columns.displayName')}</th>
            <th>{t('akun.users.columns.roles')}</th>
            <th>{t('akun.users.columns.clearance')}</th>
            <th>{t('akun.users.columns.status')}</th>
            <th>{t('akun.users.columns.lastLogin')}</th>
            <th>{t('akun.users.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const roles = edits[u.id] ?? u.roles;
            const changed = edits[u.id] !== undefined && edits[u.id]!.join() !== u.roles.join();
            return (
              <tr key={u.id} data-user={u.name}>
                <td className="code">{u.name}</td>
                <td>
                  {u.displayName}
                  <div className="hint users-office">{u.nip || u.jabatan ? [u.jabatan, u.nip && `NIP ${u.nip}`].filter(Boolean).join(' · ') : t('akun.office.missing')}</div>
                </td>
                <td>
                  <span className="users-roles">
                    {ROLES.map((role) => (
                      <label key={role} className="check">
                        <input
                          type="checkbox"
                          checked={roles.includes(role)}
                          onChange={() => setEdits({ ...edits, [u.id]: roles.includes(role) ? roles.filter((r) => r !== role) : ROLES.filter((r) => r === role || roles.includes(r)) })}
                        />
                        {t(`akun.roles.${role}`)}
                      </label>
                    ))}
                  </span>
                </td>
                <td>
                  <ClearanceSelect
                    id={`clearance-${u.id}`}
                    value={u.clearance}
                    label={t('akun.users.clearanceFor', { name: u.name })}
                    onChange={(clearance) => void act(() => call('accounts.update', { id: u.id, clearance }), t('akun.users.saved', { name: u.name }))}
                  />
                </td>
                <td>{u.disabled ? <span className="badge badge-warn">{t('akun.users.disabled')}</span> : t('akun.users.active')}</td>
                <td>{formatDateTime(u.lastLoginAt)}</td>
                <td className="users-actions">
                  {changed && (
                    <button type="button" className="primary small" onClick={() => void act(() => call('accounts.update', { id: u.id, roles }), t('akun.users.saved', { name: u.name }))}>
                      {t('akun.users.saveRoles')}
                    </button>
                  )}
                  <button type="button" className="secondary small" onClick={() => setProfileFor(u)}>
                    {t('akun.office.edit')}
                  </button>
                  <button type="button" className="secondary small" onClick={() => setResetFor(u)}>
                    {t('akun.users.reset')}
                  </button>
                  <button type="button" className="secondary small" onClick={() => void act(() => call('accounts.update', { id: u.id, disabled: !u.disabled }), t('akun.users.saved', { name: u.name }))}>
                    {u.disabled ? t('akun.users.enable') : t('akun.users.disable')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {profileFor && (
        <ProfileForm
          key={profileFor.id}
          user={profileFor}
          onCancel={() => setProfileFor(null)}
          onSubmit={(office) =>
            act(async () => {
              await call('accounts.update', { id: profileFor.id, ...office });
              setProfileFor(null);
            }, t('akun.users.saved', { name: profileFor.name }))
          }
        />
      )}
      {resetFor && (
        <PasswordForm
          title={t('akun.users.resetTitle', { name: resetFor.name })}
          onCancel={() => setResetFor(null)}
          onSubmit={(password) =>
            act(async () => {
              await call('accounts.resetPassword', { id: resetFor.id, password });
              setResetFor(null);
            }, t('akun.users.resetDone', { name: resetFor.name }))
          }
        />
      )}
      <AddUser onAdded={(name) => void act(async () => undefined, t('akun.users.created', { name }))} onError={fail} />
      <form
        className="users-idle"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => call('accounts.setIdle', { idleMinutes: idle }), t('akun.users.idleSaved'));
        }}
      >
        <div className="field">
          <label htmlFor="users-idle">{t('akun.users.idle')}</label>
          <input id="users-idle" type="number" min={1} max={480} value={idle} onChange={(e) => setIdle(Number(e.target.value))} />
        </div>
        <button type="submit" className="secondary">
          {t('akun.users.save')}
        </button>
      </form>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => dialog.current?.close()}>
          {t('akun.users.close')}
        </button>
      </div>
    </dialog>
  );
}

function ProfileForm({ user, onSubmit, onCancel }: { user: UserView; onSubmit: (office: Office) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<Office>({ displayName: user.displayName, nip: user.nip, jabatan: user.jabatan });
  return (
    <form
      className="users-box"
      aria-labelledby="profile-for-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!nipProblem(value.nip)) void onSubmit(value);
      }}
    >
      <h3 id="profile-for-title">{t('akun.office.editTitle', { name: user.name })}</h3>
      <div className="users-row">
        <OfficeFields idPrefix={`user-${user.id}`} value={value} onChange={setValue} />
        <button type="submit" className="primary" disabled={nipProblem(value.nip)}>
          {t('akun.users.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('akun.users.cancel')}
        </button>
      </div>
    </form>
  );
}

function PasswordForm({ title, onSubmit, onCancel }: { title: string; onSubmit: (password: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const differ = again.length > 0 && again !== password;
  return (
    <form
      className="users-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (!differ) void onSubmit(password);
      }}
    >
      <h3>{title}</h3>
      <div className="users-row">
        <div className="field">
          <label htmlFor="reset-password">{t('akun.password')}</label>
          <input id="reset-password" type="password" autoComplete="new-password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="reset-again">{t('akun.passwordAgain')}</label>
          <input id="reset-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required aria-invalid={differ} />
        </div>
        <button type="submit" className="primary" disabled={differ}>
          {t('akun.users.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('akun.users.cancel')}
        </button>
      </div>
      {differ && <span className="field-error">{t('akun.passwordsDiffer')}</span>}
    </form>
  );
}

function AddUser({ onAdded, onError }: { onAdded: (name: string) => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['staff']);
  const [clearance, setClearance] = useState<Clearance>('terbatas');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call('accounts.create', { name, displayName: displayName || name, password, roles, clearance });
      onAdded(name);
      setName('');
      setDisplayName('');
      setPassword('');
      setRoles(['staff']);
      setClearance('terbatas');
    } catch (error) {
      onError(error);
    }
  };
  return (
    <form className="users-box" onSubmit={submit} aria-labelledby="add-user-title">
      <h3 id="add-user-title">{t('akun.users.addTitle')}</h3>
      <div className="users-row">
        <div className="field">
          <label htmlFor="new-name">{t('akun.name')}</label>
          <input id="new-name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="new-display">{t('akun.displayName')}</label>
          <input id="new-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="new-password">{t('akun.password')}</label>
          <input id="new-password" type="password" autoComplete="new-password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="new-clearance">{t('akun.users.clearance')}</label>
          <ClearanceSelect id="new-clearance" value={clearance} label={t('akun.users.clearance')} onChange={setClearance} />
        </div>
      </div>
      <div className="users-row">
        {ROLES.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" checked={roles.includes(role)} onChange={() => setRoles(roles.includes(role) ? roles.filter((r) => r !== role) : ROLES.filter((r) => r === role || roles.includes(r)))} />
            {t(`akun.roles.${role}`)}
          </label>
        ))}
        <span className="spacer" />
        <button type="submit" className="primary" disabled={roles.length === 0}>
          {t('akun.users.add')}
        </button>
      </div>
    </form>
  );
}
