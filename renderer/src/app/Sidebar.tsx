import { useTranslation } from 'react-i18next';
import { Icon } from './icons.tsx';
import { AREAS, useFrame } from './store.ts';

export function Sidebar() {
  const { t } = useTranslation();
  const { area, go, theme, setTheme, locale, setLocale, showAbout } = useFrame();
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {AREAS.map((a) => (
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
                {t(`nav.${a}`)}
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
