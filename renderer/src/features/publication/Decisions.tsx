// What is live on the portal (with withdrawal for supervisors) and the history of decisions.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useRoles } from '../login/store.ts';
import { both, usePublication } from './store.ts';
import './i18n.ts';

/** One list of decisions: the proposals in `states`, loading and empty states, a table whose
 *  columns the caller names and whose cells it draws. */
function DecisionList({ states, empty, headers, cells }: { states: Proposal['state'][]; empty: string; headers: string[]; cells(p: Proposal): ReactNode }) {
  const { t } = useTranslation();
  const { version } = usePublication();
  const [rows, setRows] = useState<Proposal[] | null>(null);
  const key = states.join();
  useEffect(() => {
    void call('publication.proposals', { states: key.split(',') as Proposal['state'][], limit: 500 }).then((r) => setRows(r.rows));
  }, [version, key]);
  if (!rows) return <p className="hint pad">{t('publikasi.loading')}</p>;
  if (rows.length === 0) return <p className="pub-empty">{t(empty)}</p>;
  return (
    <table className="simple-table pub-table">
      <thead>
        <tr>
          {headers.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id}>{cells(p)}</tr>
        ))}
      </tbody>
    </table>
  );
}

export function LivePanel() {
  const { t } = useTranslation();
  const supervisor = useRoles().includes('supervisor');
  const { attempt } = usePublication();
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  return (
    <DecisionList
      states={['approved']}
      empty="publikasi.live.empty"
      headers={[t('publikasi.classify.columns.subject'), t('publikasi.classify.columns.category'), t('publikasi.tabs.terbit'), '']}
      cells={(p) => (
        <>
          <td>
            {p.subject}
            {p.letterNumber && <div className="hint code">{p.letterNumber}</div>}
          </td>
          <td>{t(`publikasi.category.${p.publicCategory ?? 'none'}`)}</td>
          <td>
            {t('publikasi.live.approvedBy', { name: p.decidedBy ?? '—', when: formatDateTime(p.decidedAt) })}
            <div className="hint">{t('publikasi.proposals.proposedBy', { name: p.proposedBy, when: formatDateTime(p.proposedAt) })}</div>
          </td>
          <td className="pub-row-actions">
            {supervisor &&
              (withdrawing === p.recordId ? (
                <form
                  className="pub-inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void attempt(() => call('publication.withdraw', { recordId: p.recordId, comment: reason }), both('publikasi.live.withdrawn')).then(() => setWithdrawing(null));
                  }}
                >
                  <input aria-label={t('publikasi.live.withdrawReason')} placeholder={t('publikasi.live.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
                  <button type="submit" className="danger small">
                    {t('publikasi.live.withdraw')}
                  </button>
                </form>
              ) : (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => {
                    setReason('');
                    setWithdrawing(p.recordId);
                  }}
                >
                  {t('publikasi.live.withdraw')}
                </button>
              ))}
          </td>
        </>
      )}
    />
  );
}

export function HistoryPanel() {
  const { t } = useTranslation();
  return (
    <DecisionList
      states={['approved', 'rejected', 'cancelled', 'withdrawn']}
      empty="publikasi.history.empty"
      headers={[t('publikasi.classify.columns.subject'), t('publikasi.classify.columns.state'), t('publikasi.proposals.comment')]}
      cells={(p) => (
        <>
          <td>
            {p.subject}
            <div className="hint">{t('publikasi.proposals.proposedBy', { name: p.proposedBy, when: formatDateTime(p.proposedAt) })}</div>
          </td>
          <td>
            <span className={`badge pub-state-${p.state}`}>{t(`publikasi.state.${p.state}`)}</span>
            <div className="hint">
              {p.state === 'withdrawn'
                ? t('publikasi.history.decidedBy', { name: p.withdrawnBy ?? '—', when: formatDateTime(p.withdrawnAt) })
                : t('publikasi.history.decidedBy', { name: p.decidedBy ?? '—', when: formatDateTime(p.decidedAt) })}
            </div>
          </td>
          <td>{p.state === 'withdrawn' ? p.withdrawComment : p.comment}</td>
        </>
      )}
    />
  );
}
