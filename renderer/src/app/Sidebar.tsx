import { useTranslation } from 'react-i18next';
import { useSession } from '../features/login/store.ts';
import { pick } from '../i18n/index.ts';
import { Icon } from './icons.tsx';
import { useInbox, useInboxRefresh } from './inbox.ts';
import { areasFor, useFrame } from './store.ts';

const WAITING = {
  publikasi: (n: number) => ({ id: `${n} usulan menunggu keputusan`, en: `${n} proposals waiting for a decision` }),
  retensi: (n: number) => ({ id: `${n} berkas jatuh tempo`, en: `${n} files due` }),
} as const;

export function Sidebar() {
  const { t } = useTranslation();
  const { area, go, theme, setTheme, locale, setLocale, showAbout } = useFrame();
  const roles = useSession((s) => s.status?.session?.user.roles) ?? [];
  useInboxRefresh(roles);
  const counts = useInbox((s) => s.counts);
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {areasFor(roles).map((a) => (
            <li key={a}>
              <button
                type="button"
                className={a === area ? 'nav-item active' : 'nav-item'}
                aria-current={a === area ? 'page' : undefined}
                onClick={() => go(a)}
                data-area={a}
              >
                <span className="nav-icon">
                  <Icon name={a} />
                </span>
                <span className="nav-label">{t(`nav.${a}`)}</span>
                {(a === 'publikasi' || a === 'retensi') && (counts[a] ?? 0) > 0 && (
                  <span className="nav-count" title={pick(WAITING[a](counts[a]!))} aria-label={pick(WAITING[a](counts[a]!))} data-testid={`nav-count-${a}`}>
                    {counts[a]! > 999 ? '999+' : counts[a]}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <div className="segmented" role="group" aria-label={t('settings.language')}>
          <button type="button" aria-pressed={locale === 'id'} onClick={() => setLocale('id')} lang="id">
            ID
          </button>
          <button type="button" aria-pressed={locale === 'en'} onClick={() => setLocale('en')} lang="en">
            EN
          </button>
        </div>
        <div className="segmented" role="group" aria-label={t('settings.theme')}>
          <button type="button" aria-pressed={theme === 'light'} onClick={() => setTheme('light')}>
            {t('settings.light')}
          </button>
          <button type="button" aria-pressed={theme === 'dark'} onClick={() => setTheme('dark')}>
            {t('settings.dark')}
          </button>
        </div>
        <button type="button" className="link-button" onClick={() => showAbout(true)}>
          {t('settings.about')}
        </button>
      </div>
    </aside>
  );
}
