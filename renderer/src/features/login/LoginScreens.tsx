// The screens before the app: first-run admin setup, login, and the lock screen. They talk only to
// the accounts channels; the main process decides, the screens show what it said.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, SessionUser } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFrame } from '../../app/store.ts';
import { pick } from '../../i18n/index.ts';
import { useSession } from './store.ts';
import './i18n.ts';

function Shell({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { locale, setLocale } = useFrame();
  const { error } = useSession();
  return (
    <div className="login-screen">
      <div className="login-card">
        <div className="login-brand">
          <span className="login-name">{t('app.name')}</span>
          <span className="login-tagline">{t('app.tagline')}</span>
        </div>
        <div className="login-lang" role="group" aria-label={t('settings.language')}>
          <button type="button" aria-pressed={locale === 'id'} onClick={() => setLocale('id')} lang="id">
            ID
          </button>
          <button type="button" aria-pressed={locale === 'en'} onClick={() => setLocale('en')} lang="en">
            EN
          </button>
        </div>
        <h1>{title}</h1>
        <p className="login-lead">{lead}</p>
        {error && (
          <p role="alert" className="login-error">
            {pick(error)}
          </p>
        )}
        {children}
      </div>
    </div>
  );
}

function Field({ id, label, children, hint }: { id: string; label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="field login-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="hint">{hint}</span>}
    </div>
  );
}

export function SetupScreen() {
  const { t } = useTranslation();
  const { run, busy } = useSession();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [roles, setRoles] = useState<Role[]>(['staff', 'supervisor', 'admin']);
  const differ = again.length > 0 && again !== password;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (differ) return;
    void run(() => call('accounts.setup', { name, displayName: displayName || name, password, roles }));
  };
  const toggle = (role: Role) => setRoles((r) => (r.includes(role) ? r.filter((x) => x !== role) : [...r, role]));
  return (
    <Shell title={t('akun.setup.title')} lead={t('akun.setup.lead')}>
      <form onSubmit={submit} className="login-form">
        <Field id="setup-name" label={t('akun.name')}>
          <input id="setup-name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </Field>
        <Field id="setup-display" label={t('akun.displayName')}>
          <input id="setup-display" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </Field>
        <Field id="setup-password" label={t('akun.password')} hint={t('akun.passwordHint')}>
          <input id="setup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} minLength={8} required />
        </Field>
        <Field id="setup-again" label={t('akun.passwordAgain')} hint={differ ? t('akun.passwordsDiffer') : undefined}>
          <input id="setup-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required aria-invalid={differ} />
        </Field>
        <fieldset className="login-roles">
          <legend>{t('akun.setup.rolesLabel')}</legend>
          {(['staff', 'supervisor', 'admin'] as const).map((role) => (
            <label key={role} className="check">
              <input type="checkbox" checked={role === 'admin' || roles.includes(role)} disabled={role === 'admin'} onChange={() => toggle(role)} />
              <strong>{t(`akun.roles.${role}`)}</strong> — {t(`akun.roleHints.${role}`)}
            </label>
          ))}
          <p className="hint">{t('akun.setup.fourEyes')}</p>
        </fieldset>
        <button type="submit" className="primary" disabled={busy || differ}>
          {t('akun.setup.submit')}
        </button>
      </form>
    </Shell>
  );
}

export function LoginScreen() {
  const { t } = useTranslation();
  const { run, busy } = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(() => call('accounts.login', { name, password }));
    if (!ok) setPassword('');
  };
  return (
    <Shell title={t('akun.login.title')} lead={t('akun.login.lead')}>
      <form onSubmit={submit} className="login-form">
        <Field id="login-name" label={t('akun.name')}>
          <input id="login-name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </Field>
        <Field id="login-password" label={t('akun.password')}>
          <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('akun.login.submit')}
        </button>
        <p className="hint">{t('akun.login.forgot')}</p>
      </form>
    </Shell>
  );
}

export function LockScreen({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { run, busy } = useSession();
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(() => call('accounts.unlock', { password }));
    if (!ok) setPassword('');
  };
  return (
    <Shell title={t('akun.lock.title')} lead={t('akun.lock.lead', { name: user.displayName })}>
      <form onSubmit={submit} className="login-form">
        <p className="login-who">
          <strong>{user.displayName}</strong> <span className="hint">({user.name})</span>
        </p>
        <Field id="unlock-password" label={t('akun.password')}>
          <input id="unlock-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('akun.lock.submit')}
        </button>
        <button type="button" className="link-inline" onClick={() => void run(() => call('accounts.logout', {}))}>
          {t('akun.lock.other')}
        </button>
      </form>
    </Shell>
  );
}
