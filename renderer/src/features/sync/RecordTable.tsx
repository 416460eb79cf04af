// One page of records with where each stands on the portal: the state as a badge, tries, when the
// next try is, why it is held back (in the user's language, with the portal's own words), and the
// dataset link. Held-back records can be sent again by a supervisor once the cause is fixed.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RecordPortalStatus } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { both, clock, count, portalWords } from './format.ts';
import { hasRole, PAGE_SIZE, useSync } from './store.ts';
import './i18n.ts';

function note(item: RecordPortalStatus, t: TFunction): { text: string; detail: string | null } {
  const shown = item.reason ? pick(item.reason) : '';
  const words = portalWords(item.reason, shown);
  const said = words ? t('sync.table.portalSaid', { text: words }) : null;
  switch (item.state) {
    case 'parked':
    case 'refused':
      return { text: shown, detail: said };
    case 'catalogue':
      return { text: t('sync.table.catalogueOnly'), detail: null };
    case 'not-sent':
      return { text: t('sync.table.withdrawnNever'), detail: null };
    case 'waiting':
      if (item.reason) return { text: t('sync.table.failedOnce', { reason: shown }), detail: said };
      return { text: item.kind === 'withdraw' ? t('sync.table.waitingWithdraw') : t('sync.table.waitingPublish'), detail: null };
    case 'pushing':
      return { text: t('sync.table.pushingNow'), detail: null };
    case 'live':
      return { text: item.private ? t('sync.table.private') : t('sync.table.public'), detail: null };
    case 'withdrawn':
      return { text: item.withdrawnAt ? t('sync.table.withdrawnAt', { time: clock(item.withdrawnAt) }) : t('sync.table.withdrawnNever'), detail: null };
    case 'needs-confirmation':
      return { text: t('sync.table.needsConfirmation'), detail: null };
  }
}

export function RecordTable() {
  const { t } = useTranslation();
  const { status, filter, offset, setOffset, roles, run, busy } = useSync();
  if (!status) return null;
  const supervisor = hasRole(roles, 'supervisor');

  const retry = async (recordIds?: number[]) => {
    const result = await run(() => call('portal.retryParked', recordIds ? { recordIds } : {}));
    if (result) toast('success', both('sync.table.retried', { n: result.requeued }));
  };

  const from = status.matching === 0 ? 0 : offset + 1;
  const to = Math.min(offset + status.items.length, status.matching);
  return (
    <section className="sy-panel" aria-labelledby="sy-table-title">
      <div className="sy-panel-head">
        <h2 id="sy-table-title">
          {t('sync.table.title')}
          {filter && <span className={`sy-badge sy-state-${filter}`}>{t(`sync.state.${filter}`)}</span>}
        </h2>
        {status.counts.parked > 0 &&
          (supervisor ? (
            <button type="button" className="secondary small" disabled={busy} onClick={() => void retry()}>
              {t('sync.table.retryAll', { n: count(status.counts.parked) })}
            </button>
          ) : (
            <span className="sy-muted sy-small">{t('sync.table.retryNeedsSupervisor')}</span>
          ))}
      </div>
      {status.items.length === 0 ? (
        <p className="sy-muted">{t('sync.table.empty')}</p>
      ) : (
        <table className="sy-table" data-testid="sync-table">
          <thead>
            <tr>
              <th>{t('sync.table.subject')}</th>
              <th>{t('sync.table.state')}</th>
              <th className="sy-num">{t('sync.table.attempts')}</th>
              <th>{t('sync.table.next')}</th>
              <th>{t('sync.table.note')}</th>
              <th>{t('sync.table.dataset')}</th>
              <th aria-label={t('sync.table.retry')} />
            </tr>
          </thead>
          <tbody>
            {status.items.map((item) => {
              const n = note(item, t);
              return (
                <tr key={item.recordId} data-record={item.recordId} data-state={item.state}>
                  <td className="sy-subject">
                    <span className="sy-id">#{item.recordId}</span> {item.subject}
                    {item.kind === 'withdraw' && item.state !== 'withdrawn' && <span className="sy-kind"> · {t('sync.table.kindWithdraw')}</span>}
                  </td>
                  <td>
                    <span className={`sy-badge sy-state-${item.state}`}>{t(`sync.state.${item.state}`)}</span>
                  </td>
                  <td className="sy-num">{item.attempts > 0 && item.state !== 'live' && item.state !== 'withdrawn' ? item.attempts : '—'}</td>
                  <td className="sy-nowrap">{item.state === 'waiting' && item.nextAttemptAt ? clock(item.nextAttemptAt) : '—'}</td>
                  <td className={item.state === 'parked' ? 'sy-note sy-note-parked' : 'sy-note'}>
                    {n.text}
                    {n.detail && <span className="sy-said">{n.detail}</span>}
                  </td>
                  <td className="sy-dataset">
                    {item.datasetUrl && item.state !== 'withdrawn' ? (
                      <a href={item.datasetUrl} target="_blank" rel="noreferrer" title={t('sync.table.open')}>
                        {item.datasetName ?? item.datasetUrl}
                      </a>
                    ) : (
                      <span className="sy-muted">{item.datasetName ?? '—'}</span>
                    )}
                  </td>
                  <td>
                    {item.state === 'parked' && supervisor && (
                      <button type="button" className="secondary small" disabled={busy} onClick={() => void retry([item.recordId])}>
                        {t('sync.table.retry')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {status.matching > PAGE_SIZE && (
        <div className="sy-pager">
          <button type="button" className="secondary small" disabled={offset === 0} onClick={() => setOffset(offset - PAGE_SIZE)}>
            {t('sync.table.prev')}
          </button>
          <span>{t('sync.table.page', { from: count(from), to: count(to), total: count(status.matching) })}</span>
          <button type="button" className="secondary small" disabled={to >= status.matching} onClick={() => setOffset(offset + PAGE_SIZE)}>
            {t('sync.table.nextPage')}
          </button>
        </div>
      )}
    </section>
  );
}
