// Nothing of the app shows until someone is logged in: first run → admin setup; no session →
// login; locked → the lock screen. Once in, a thin bar names the user and offers lock and logout.
// The gate follows the main process (polling accounts.status), which expires idle sessions itself.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { pick } from '../../i18n/index.ts';
import { ChangePasswordDialog } from '../users/ChangePasswordDialog.tsx';
import { ProfileDialog } from '../users/ProfileDialog.tsx';
import { UsersDialog } from '../users/UsersDialog.tsx';
import { LockScreen, LoginScreen, SetupScreen } from './LoginScreens.tsx';
import { useSession } from './store.ts';
import { useIdleLock } from './useIdleLock.ts';
import './login.css';
import './i18n.ts';

const POLL_MS = 20_000;

export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status, refresh, error } = useSession();
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
  const session = status?.session ?? null;
  useIdleLock(Boolean(session && !session.locked), status?.idleMinutes ?? 15);
  // Whoever signs in next starts clean: once a user logs out (or another takes over), the page is
  // loaded anew, so no screen state, cached record or toast of theirs survives in memory for the
  // next person at this PC. A lock keeps the user's place.
  const userId = session?.user.id ?? null;
  const previousUser = useRef<number | null>(null);
  useEffect(() => {
    if (previousUser.current !== null && userId !== previousUser.current) window.location.reload();
    previousUser.current = userId;
  }, [userId]);

  if (!status) {
    return <div className="login-screen">{error ? <p role="alert">{pick(error)}</p> : <p className="hint">{t('akun.loading')}</p>}</div>;
  }
  if (status.needsSetup) return <SetupScreen />;
  if (!session) return <LoginScreen />;
  if (session.locked) return <LockScreen user={session.user} />;
  return (
    <div className="session-shell">
      <SessionBar />
      {/* A different user gets fresh screens, not the previous user's state. */}
      <div className="session-body" key={session.user.id}>
        {children}
      </div>
    </div>
  );
}

function SessionBar() {
  const { t } = useTranslation();
  const { status, run } = useSession();
  const [dialog, setDialog] = useState<'users' | 'password' | 'profile' | null>(null);
  const user = status?.session?.user;
  if (!user) return null;
  return (
    <div className="session-bar" role="region" aria-label={t('akun.bar.label')}>
      <span className="session-who" data-testid="session-user">
        {t('akun.bar.signedInAs')} <strong>{user.displayName}</strong> ({user.roles.map((r) => t(`akun.roles.${r}`)).join(', ')})
      </span>
      <span className="spacer" />
      {user.roles.includes('admin') && (
        <button type="button" onClick={() => setDialog('users')}>
          {t('akun.bar.users')}
        </button>
      )}
      <button type="button" onClick={() => setDialog('profile')}>
        {t('akun.bar.profile')}
      </button>
      <button type="button" onClick={() => setDialog('password')}>
        {t('akun.bar.changePassword')}
      </button>
      <button type="button" onClick={() => void run(() => call('accounts.lock', {}))}>
        {t('akun.bar.lock')}
      </button>
      <button type="button" onClick={() => void run(() => call('accounts.logout', {}))}>
        {t('akun.bar.logout')}
      </button>
      {dialog === 'users' && <UsersDialog onClose={() => setDialog(null)} />}
      {dialog === 'profile' && <ProfileDialog onClose={() => setDialog(null)} />}
      {dialog === 'password' && <ChangePasswordDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
