// The Audit screen: the hash-chained trail filtered by user, action, record and period, paged in
// the main process; a CSV export; and the chain check. Read-only by design.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditFilter, ChainCheck } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { useRoles } from '../login/store.ts';
import './audit.css';
import { DateField } from '../../ui/DateField.tsx';
import './i18n.ts';
import { actionWords, detailWords } from './words.ts';
import { saveCopy } from '../../app/files.ts';

const PAGE = 100;

export function AuditPage() {
  const { t } = useTranslation();
  const supervisor = useRoles().includes('supervisor');
  const [filter, setFilter] = useState<AuditFilter>({});
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; rows: AuditEntry[] } | null>(null);
  const [facets, setFacets] = useState<{ actors: string[]; actions: string[] }>({ actors: [], actions: [] });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [check, setCheck] = useState<ChainCheck | 'running' | null>(null);
  const fail = (error: unknown) => setMessage({ ok: false, text: error instanceof ApiError ? pick(error.value.message) : String(error) });

  const load = useCallback(() => {
    call('audit.list', { filter, offset, limit: PAGE }).then(setData, fail);
  }, [filter, offset]);
  useEffect(() => {
    if (supervisor) load();
  }, [load, supervisor]);
  useEffect(() => {
    if (supervisor) call('audit.facets', {}).then(setFacets, fail);
  }, [supervisor]);

  if (!supervisor) {
    return (
      <div className="page">
        <header className="page-header">
          <h1>{t('nav.audit')}</h1>
        </header>
        <p className="audit-none audit-empty">{t('audit.noAccess')}</p>
      </div>
    );
  }

  const change = (patch: Partial<AuditFilter>) => {
    const next = { ...filter, ...patch };
    for (const k of Object.keys(next) as (keyof AuditFilter)[]) if (next[k] === '' || next[k] === undefined) delete next[k];
    setOffset(0);
    setFilter(next);
  };
  const families = [...new Set(facets.actions.map((a) => a.split('.')[0]!))];

  return (
    <div className="page audit-page">
      <header className="page-header">
        <h1>{t('nav.audit')}</h1>
        <span className="hint audit-lead">{t('audit.lead')}</span>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setCheck('running');
            call('audit.verify', {}).then(setCheck, (e: unknown) => {
              setCheck(null);
              fail(e);
            });
          }}
        >
          {check === 'running' ? t('audit.verifying') : t('audit.verify')}
        </button>
        <button type="button" className="secondary" onClick={() => call('audit.export', { filter }).then((r) => {
              setMessage({ ok: true, text: t('audit.exported', { rows: r.rows, path: r.path }) });
              saveCopy(r.download);
            }, fail)}>
          {t('audit.export')}
        </button>
      </header>
      {check && check !== 'running' && (
        <div className={check.breaks.length ? 'audit-check broken' : 'audit-check ok'} role={check.breaks.length ? 'alert' : 'status'} data-testid="chain-check">
          <strong>{check.breaks.length ? t('audit.verifyBroken', { count: check.breaks.length }) : t('audit.verifyOk', { entries: formatNumber(check.entries), when: formatDateTime(check.checkedAt) })}</strong>
          {check.breaks.length > 0 && (
            <ul>
              {check.breaks.slice(0, 20).map((b) => (
                <li key={`${b.id}-${b.problem}`}>
                  #{b.id}: {b.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {message && (
        <div className={message.ok ? 'audit-message ok' : 'audit-message error'} role={message.ok ? 'status' : 'alert'}>
          <span>{message.text}</span>
          <button type="button" className="secondary small" onClick={() => setMessage(null)}>
            {t('audit.dismiss')}
          </button>
        </div>
      )}
      <div className="filter-bar audit-filters">
        <div className="field">
          <label htmlFor="audit-actor">{t('audit.filters.user')}</label>
          <select id="audit-actor" value={filter.actor ?? ''} onChange={(e) => change({ actor: e.target.value })}>
            <option value="">{t('audit.filters.all')}</option>
            {facets.actors.map((a) => (
              <option key={a} value={a}>
                {actionWords(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.filters.action')}</label>
          <select id="audit-action" value={filter.action ?? ''} onChange={(e) => change({ action: e.target.value })}>
            <option value="">{t('audit.filters.all')}</option>
            {families.map((f) => (
              <option key={`${f}.*`} value={`${f}.*`}>
                {t('audit.filters.family', { family: f })}
              </option>
            ))}
            {facets.actions.map((a) => (
              <option key={a} value={a}>
                {actionWords(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field compact">
          <label htmlFor="audit-record">{t('audit.filters.record')}</label>
          <input id="audit-record" inputMode="numeric" value={filter.recordId ?? ''} onChange={(e) => change({ recordId: /^\d+$/.test(e.target.value) && Number(e.target.value) > 0 ? Number(e.target.value) : undefined })} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('audit.filters.from')}</label>
          <DateField id="audit-from" value={filter.from ?? null} onChange={(v) => change({ from: v ?? undefined })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.filters.to')}</label>
          <DateField id="audit-to" value={filter.to ?? null} onChange={(v) => change({ to: v ?? undefined })} />
        </div>
        <button type="button" className="link-inline" onClick={() => change({ actor: undefined, action: undefined, recordId: undefined, from: undefined, to: undefined })}>
          {t('audit.filters.reset')}
        </button>
      </div>
      <div className="audit-body">
        {!data ? (
          <p className="hint pad">{t('audit.loading')}</p>
        ) : data.rows.length === 0 ? (
          <p className="audit-none">{t('audit.empty')}</p>
        ) : (
          <table className="simple-table audit-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('audit.columns.at')}</th>
                <th>{t('audit.columns.actor')}</th>
                <th>{t('audit.columns.action')}</th>
                <th>{t('audit.columns.object')}</th>
                <th>{t('audit.columns.details')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((e) => (
                <tr key={e.id}>
                  <td className="hint">{e.id}</td>
                  <td className="audit-at">{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td title={e.action}>{actionWords(e.action)}</td>
                  <td>
                    {t(`audit.objects.${e.entity}`, { defaultValue: e.entity })}
                    {e.entityId ? ` ${e.entityId}` : ''}
                  </td>
                  <td className="audit-details" title={detailWords(e)}>
                    {detailWords(e)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {data && data.total > 0 && (
        <footer className="table-foot audit-foot">
          <span>{t('audit.range', { from: formatNumber(offset + 1), to: formatNumber(Math.min(offset + PAGE, data.total)), total: formatNumber(data.total) })}</span>
          <span className="spacer" />
          <button type="button" className="secondary small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('audit.prev')}
          </button>
          <button type="button" className="secondary small" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
            {t('audit.next')}
          </button>
        </footer>
      )}
    </div>
  );
}
