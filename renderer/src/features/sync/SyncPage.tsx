// The Sinkronisasi screen: where approved public records stand on the central portal, what stops
// them (portal down, token refused, a mass withdrawal held back), "send now", and the portal
// settings. Refreshes itself from the pusher's progress events; it never decides what may be sent.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { both, clock } from './format.ts';
import { Attention, Banner, FailSafe, NotOnPortal, Progress } from './Overview.tsx';
import { RecordTable } from './RecordTable.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { hasRole, useSync } from './store.ts';
import './sync.css';
import './i18n.ts';

function NoPortal({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="sy-empty" aria-labelledby="sy-empty-title" data-testid="sync-empty">
      <h2 id="sy-empty-title">{t('sync.empty.title')}</h2>
      <p>{t('sync.empty.body')}</p>
      {admin ? (
        <ol>
          <li>{t('sync.empty.step1')}</li>
          <li>{t('sync.empty.step2')}</li>
          <li>{t('sync.empty.step3')}</li>
        </ol>
      ) : (
        <p className="sy-muted">{t('sync.empty.askAdmin')}</p>
      )}
    </section>
  );
}

export function SyncPage() {
  const { t } = useTranslation();
  const { loaded, settings, status, roles, running, busy, error, load, listen, run, pushNow, clearError } = useSync();
  useEffect(() => {
    void load();
    return listen();
  }, [load, listen]);

  const staff = hasRole(roles, 'staff');
  const admin = hasRole(roles, 'admin');
  const configured = settings?.target === 'ckan';

  const exportCatalogue = async () => {
    const result = await run(() => call('portal.exportCatalogue', {}));
    if (result) toast('success', both('sync.exported', { datasets: result.datasets, files: result.files, dir: result.dir }));
  };

  return (
    <div className="page sy-page">
      <header className="page-header">
        <div className="sy-title">
          <h1>{t('nav.sinkronisasi')}</h1>
          {settings && (
            <span className="sy-muted sy-small" data-testid="sync-destination">
              {configured ? t('sync.destination', { url: settings.url, org: settings.organization }) : t('sync.destinationNone')}
              {configured && ` · ${t('sync.schedule', { minutes: settings.intervalMinutes })}`}
              {configured && status && `, ${status.lastRunAt ? t('sync.lastRun', { time: clock(status.lastRunAt) }) : t('sync.neverRun')}`}
            </span>
          )}
        </div>
        {staff && (
          <>
            <button type="button" className="secondary" disabled={busy} onClick={() => void exportCatalogue()}>
              {t('sync.exportCatalogue')}
            </button>
            <button type="button" className="primary" disabled={busy || running || !status || status.counts.total === 0} title={t('sync.pushHint')} onClick={() => void pushNow()}>
              {running ? t('sync.pushing') : t('sync.pushNow')}
            </button>
          </>
        )}
      </header>
      <div className="sy-body">
        {error && (
          <div className="sy-error" role="alert">
            <span>{pick(error)}</span>
            <button type="button" className="secondary small" onClick={clearError}>
              {t('sync.dismiss')}
            </button>
          </div>
        )}
        {!loaded ? (
          <p className="sy-muted">{t('sync.loading')}</p>
        ) : (
          <>
            {status && <Banner status={status} />}
            {status && <NotOnPortal status={status} />}
            {status && <FailSafe status={status} />}
            {!configured && <NoPortal admin={admin} />}
            {status && (configured || status.counts.total > 0) && <Progress status={status} running={running} />}
            {/* Only an admin can set a portal up; to anyone else an empty form would read as settings in force. */}
            {!configured && admin && <SettingsForm />}
            {status && <Attention status={status} />}
            {status && status.counts.total > 0 && <RecordTable />}
            {configured && <SettingsForm />}
          </>
        )}
      </div>
    </div>
  );
}

