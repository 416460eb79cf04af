// The Retensi screen: what is due at a glance, the work lists, the disposition workflows with
// what each still needs, legal holds, the JRA with the change preview.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState.tsx';
import { pick } from '../../i18n/index.ts';
import { CasesView } from './Cases.tsx';
import { Dashboard } from './Dashboard.tsx';
import { Holds } from './Holds.tsx';
import { JraPanel } from './Jra.tsx';
import { ArchiveLists } from './Lists.tsx';
import { QueuesView } from './Queues.tsx';
import { TABS, useRetention } from './store.ts';
import './retention.css';
import { DateField } from '../../ui/DateField.tsx';
import './i18n.ts';

export function RetentionPage() {
  const { t } = useTranslation();
  const { tab, setTab, asOf, setAsOf, load, loaded, dashboard, error, clearError } = useRetention();
  useEffect(() => {
    void load();
  }, [load]);

  const noSchedule = loaded && !dashboard?.version;
  return (
    <div className="page rt-page">
      <header className="page-header">
        <h1>{t('nav.retensi')}</h1>
        <label className="rt-asof">
          {t('retensi.asOf')}
          <DateField id="rt-asof" value={asOf} onChange={(v) => v && setAsOf(v)} />
        </label>
        <span id="rt-asof-hint" className="rt-muted rt-small">
          {t('retensi.asOfHint')}
        </span>
      </header>
      <nav className="rt-tabs" role="tablist" aria-label={t('nav.retensi')}>
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'rt-tab active' : 'rt-tab'} onClick={() => setTab(name)}>
            {t(`retensi.tabs.${name}`)}
          </button>
        ))}
      </nav>
      {error && (
        <div className="rt-error" role="alert">
          <span>{pick(error)}</span>
          <button type="button" className="secondary" onClick={clearError}>
            {t('retensi.dismiss')}
          </button>
        </div>
      )}
      <div className="rt-body" role="tabpanel">
        {!loaded ? (
          <p className="rt-muted">{t('retensi.loading')}</p>
        ) : noSchedule && tab !== 'jra' && tab !== 'penahanan' && tab !== 'daftar' ? (
          <EmptyState title={t('empty.retensiTitle')} body={t('empty.retensiBody')}>
            <button type="button" className="primary" onClick={() => setTab('jra')}>
              {t('retensi.jra.importButton')}
            </button>
          </EmptyState>
        ) : tab === 'ringkasan' ? (
          <Dashboard />
        ) : tab === 'antrean' ? (
          <QueuesView />
        ) : tab === 'pemusnahan' || tab === 'pemindahan' || tab === 'penyerahan' ? (
          <CasesView />
        ) : tab === 'penahanan' ? (
          <Holds />
        ) : tab === 'daftar' ? (
          <ArchiveLists />
        ) : (
          <JraPanel />
        )}
      </div>
    </div>
  );
}
