// The top of the Sinkronisasi screen: the portal-wide banner (down, throttled, token refused), the
// fail-safe box for a mass withdrawal, and the overall progress with one count per state that
// also filters the table below.
import { useTranslation } from 'react-i18next';
import type { PortalStatus, RecordPortalState } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { both, clock, count, portalWords } from './format.ts';
import { hasRole, useSync } from './store.ts';
import './i18n.ts';

export const STATE_ORDER: readonly RecordPortalState[] = ['waiting', 'pushing', 'live', 'catalogue', 'parked', 'refused', 'needs-confirmation', 'withdrawn', 'not-sent'];

const COUNT_KEY: Record<RecordPortalState, keyof PortalStatus['counts']> = {
  waiting: 'waiting',
  pushing: 'pushing',
  live: 'live',
  catalogue: 'catalogue',
  parked: 'parked',
  refused: 'refused',
  withdrawn: 'withdrawn',
  'not-sent': 'notSent',
  'needs-confirmation': 'needsConfirmation',
};

export function stateCount(status: PortalStatus, state: RecordPortalState): number {
  return status.counts[COUNT_KEY[state]];
}

export function Banner({ status }: { status: PortalStatus }) {
  const { t } = useTranslation();
  const lastError = status.items.find((i) => i.state === 'waiting' && i.reason)?.reason ?? null;
  let headline: string | null = null;
  let fix: string | null = null;
  if (status.problem) {
    headline = t('sync.banner.problem', { problem: pick(status.problem) });
    fix = t('sync.banner.problemFix');
  } else if (status.pauseReason === 'retry-after' && status.pausedUntil) {
    headline = t('sync.banner.retryAfter', { time: clock(status.pausedUntil) });
  } else if (status.pausedUntil) {
    headline = t('sync.banner.backoff', { time: clock(status.pausedUntil) });
  } else if (lastError && status.counts.live === 0 && status.counts.waiting > 0) {
    // Between two tries the pause has run out but nothing has gone through yet.
    headline = t('sync.banner.backoffLate');
  }
  if (!headline) return null;
  return (
    <section className="sy-banner" role="alert" data-testid="sync-banner">
      <strong>{headline}</strong>
      {fix && <span>{fix}</span>}
      {status.problem && status.pausedUntil && <span>{t('sync.banner.problemRetry', { time: clock(status.pausedUntil) })}</span>}
      {!status.problem && lastError && <span className="sy-banner-detail">{t('sync.banner.lastError', { error: pick(lastError) })}</span>}
      <span className="sy-banner-safe">{t('sync.banner.safe')}</span>
    </section>
  );
}

/** Approved records the configured portal does not have (approved before it was set, or on another one): the admin sees how many and confirms before they go. */
export function NotOnPortal({ status }: { status: PortalStatus }) {
  const { t } = useTranslation();
  const { roles, run, busy } = useSync();
  const n = status.approvedNotOnTarget;
  if (n === 0 || status.target !== 'ckan') return null;
  const queue = async () => {
    if (!window.confirm(t('sync.notOnPortal.confirm', { n: count(n), portal: status.portalUrl ?? '' }))) return;
    const result = await run(() => call('portal.queueApproved', {}));
    if (result) toast('success', both('sync.notOnPortal.queued', { n: result.queued }));
  };
  return (
    <section className="sy-failsafe" aria-labelledby="sy-notonportal-title" data-testid="sync-not-on-portal">
      <h2 id="sy-notonportal-title">{t('sync.notOnPortal.title', { n: count(n) })}</h2>
      <p>{t('sync.notOnPortal.body', { n: count(n), portal: status.portalUrl ?? '' })}</p>
      {hasRole(roles, 'admin') ? (
        <button type="button" className="primary" disabled={busy} onClick={() => void queue()}>
          {t('sync.notOnPortal.button', { n: count(n) })}
        </button>
      ) : (
        <p className="sy-muted">{t('sync.notOnPortal.askAdmin')}</p>
      )}
    </section>
  );
}

export function FailSafe({ status }: { status: PortalStatus }) {
  const { t } = useTranslation();
  const { roles, run, busy } = useSync();
  if (!status.failSafe.blocked) return null;
  const { pending, live, thresholdPercent } = status.failSafe;
  const confirm = async () => {
    const result = await run(() => call('portal.confirmWithdrawals', {}));
    if (result) toast('success', both('sync.failSafe.confirmed', { n: result.confirmed }));
  };
  return (
    <section className="sy-failsafe" aria-labelledby="sy-failsafe-title" data-testid="sync-failsafe">
      <h2 id="sy-failsafe-title">{t('sync.failSafe.title')}</h2>
      <p>{t('sync.failSafe.body', { pending: count(pending), live: count(live), percent: thresholdPercent })}</p>
      {hasRole(roles, 'supervisor') ? (
        <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
          {t('sync.failSafe.confirm', { pending: count(pending) })}
        </button>
      ) : (
        <p className="sy-muted">{t('sync.failSafe.askSupervisor')}</p>
      )}
    </section>
  );
}

export function Progress({ status, running }: { status: PortalStatus; running: boolean }) {
  const { t } = useTranslation();
  const { filter, setFilter } = useSync();
  const c = status.counts;
  // With no portal a record can only reach the catalogue export; calling that "on the portal" would lie.
  const portal = status.target === 'ckan';
  const settled = portal ? c.live + c.withdrawn : c.catalogue + c.notSent;
  const percent = c.total === 0 ? 0 : Math.floor((settled / c.total) * 100);
  const width = (n: number) => `${c.total === 0 ? 0 : (n / c.total) * 100}%`;
  return (
    <section className="sy-panel" aria-labelledby="sy-progress-title">
      <div className="sy-panel-head">
        <h2 id="sy-progress-title">{t('sync.progress.title')}</h2>
        {running && (
          <span className="sy-running" data-testid="sync-running">
            <span className="sy-dot" aria-hidden="true" />
            {t(portal ? 'sync.progress.running' : 'sync.progress.runningCatalogue')}
          </span>
        )}
      </div>
      {c.total === 0 ? (
        <p className="sy-muted">{t('sync.progress.none')}</p>
      ) : (
        <>
          <p className="sy-progress-text" data-testid="sync-progress-text">
            <strong>{t(portal ? 'sync.progress.done' : 'sync.progress.doneCatalogue', { done: count(settled), total: count(c.total) })}</strong> <span className="sy-muted">({percent}%)</span>
          </p>
          <div className="sy-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('sync.progress.aria', { percent })}>
            <span className="sy-seg sy-seg-live" style={{ width: width(portal ? c.live : c.catalogue) }} />
            <span className="sy-seg sy-seg-withdrawn" style={{ width: width(c.withdrawn) }} />
            <span className="sy-seg sy-seg-pushing" style={{ width: width(c.pushing) }} />
            <span className="sy-seg sy-seg-parked" style={{ width: width(c.parked) }} />
            <span className="sy-seg sy-seg-needs-confirmation" style={{ width: width(c.needsConfirmation) }} />
          </div>
        </>
      )}
      <div className="sy-chips" role="group" aria-label={t('sync.table.filter')}>
        <button type="button" className={filter === null ? 'sy-chip active' : 'sy-chip'} aria-pressed={filter === null} onClick={() => setFilter(null)}>
          <span className="sy-chip-n">{count(c.total)}</span> {t('sync.state.all')}
        </button>
        {STATE_ORDER.map((state) => {
          const n = stateCount(status, state);
          return (
            <button
              key={state}
              type="button"
              className={`sy-chip sy-chip-${state}${filter === state ? ' active' : ''}${n === 0 ? ' zero' : ''}`}
              aria-pressed={filter === state}
              title={t(`sync.stateHint.${state}`)}
              data-testid={`sync-count-${state}`}
              onClick={() => setFilter(filter === state ? null : state)}
            >
              <span className="sy-chip-n">{count(n)}</span> {t(`sync.state.${state}`)}
            </button>
          );
        })}
      </div>
    </section>
  );
}

/** Held-back records above the table: the clerk sees the problem without scrolling to the end. */
export function Attention({ status }: { status: PortalStatus }) {
  const { t } = useTranslation();
  const { parked, roles, run, busy, setFilter } = useSync();
  if (parked.length === 0) return null;
  const supervisor = hasRole(roles, 'supervisor');
  const retry = async (recordId: number) => {
    const result = await run(() => call('portal.retryParked', { recordIds: [recordId] }));
    if (result) toast('success', both('sync.table.retried', { n: result.requeued }));
  };
  return (
    <section className="sy-attention" aria-labelledby="sy-attention-title" data-testid="sync-attention">
      <div className="sy-panel-head">
        <h2 id="sy-attention-title">{t('sync.attention.title', { n: count(status.counts.parked) })}</h2>
        {status.counts.parked > parked.length && (
          <button type="button" className="link-inline" onClick={() => setFilter('parked')}>
            {t('sync.attention.showAll')}
          </button>
        )}
      </div>
      <p className="sy-muted sy-small">{supervisor ? t('sync.attention.body') : t('sync.table.retryNeedsSupervisor')}</p>
      <ul>
        {parked.map((item) => {
          const shown = item.reason ? pick(item.reason) : '';
          const words = portalWords(item.reason, shown);
          return (
            <li key={item.recordId} data-record={item.recordId}>
              <div className="sy-attention-text">
                <span className="sy-id">#{item.recordId}</span> <strong>{item.subject}</strong>
                {shown && <span className="sy-attention-reason">{shown}</span>}
                {words && <span className="sy-said">{t('sync.table.portalSaid', { text: words })}</span>}
              </div>
              {supervisor && (
                <button type="button" className="secondary small" disabled={busy} onClick={() => void retry(item.recordId)}>
                  {t('sync.table.retry')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
