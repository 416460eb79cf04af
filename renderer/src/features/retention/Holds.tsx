// Legal holds (penahanan): set one on records, files, a classification code or a saved search; see
// what each holds now; lift it with a written reason; and the hold report an auditor asks for.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ChannelOutput, Hold, HoldTarget } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCount, formatDay, parseIds } from './format.ts';
import { ReasonButton } from './ReasonButton.tsx';
import { messageOf, useRetention } from './store.ts';
import './i18n.ts';

type TargetKind = HoldTarget['kind'];

function describe(target: HoldTarget, t: TFunction): string {
  switch (target.kind) {
    case 'record':
      return t('retensi.holds.targetRecord', { id: target.recordId });
    case 'file':
      return t('retensi.holds.targetFile', { id: target.fileId });
    case 'code':
      return t('retensi.holds.targetCode', { code: target.codePrefix });
    case 'search':
      return t('retensi.holds.targetSearch', { text: target.query.text ?? JSON.stringify(target.query.filter ?? {}) });
  }
}

function NewHold({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [kind, setKind] = useState<TargetKind>('code');
  const [value, setValue] = useState('');
  const targets = (): HoldTarget[] => {
    switch (kind) {
      case 'record':
        return parseIds(value).map((recordId) => ({ kind: 'record', recordId }));
      case 'file':
        return parseIds(value).map((fileId) => ({ kind: 'file', fileId }));
      case 'code':
        return value
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((codePrefix) => ({ kind: 'code', codePrefix }));
      case 'search':
        return [{ kind: 'search', query: { text: value } }];
    }
  };
  return (
    <form
      className="rt-form rt-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => call('retention.holds.create', { name, reason, caseRef: caseRef || null, targets: targets() })).then((r) => r && done());
      }}
    >
      <label>
        {t('retensi.holds.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required placeholder={t('retensi.holds.namePlaceholder')} />
      </label>
      <label>
        {t('retensi.holds.caseRef')}
        <input value={caseRef} onChange={(e) => setCaseRef(e.target.value)} placeholder="12/Pdt.G/2026/PN Plk" />
      </label>
      <label className="rt-wide">
        {t('retensi.holds.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <label>
        {t('retensi.holds.covers')}
        <select value={kind} onChange={(e) => setKind(e.target.value as TargetKind)}>
          {(['code', 'file', 'record', 'search'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`retensi.holds.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t(`retensi.holds.valueLabel.${kind}`)}
        <input value={value} onChange={(e) => setValue(e.target.value)} required placeholder={t(`retensi.holds.valuePlaceholder.${kind}`)} />
      </label>
      <div className="rt-actions">
        <button type="submit" className="primary">
          {t('retensi.holds.create')}
        </button>
        <button type="button" className="secondary" onClick={done}>
          {t('retensi.cancel')}
        </button>
      </div>
    </form>
  );
}

export function Holds() {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [holds, setHolds] = useState<Hold[]>([]);
  const [showLifted, setShowLifted] = useState(false);
  const [adding, setAdding] = useState(false);
  const [report, setReport] = useState<ChannelOutput<'retention.holds.report'> | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let alive = true;
    call('retention.holds.list', { includeLifted: showLifted }).then(
      (list) => alive && setHolds(list),
      (error: unknown) => useRetention.setState({ error: messageOf(error) }),
    );
    return () => {
      alive = false;
    };
  }, [showLifted, tick]);
  return (
    <div className="rt-holds">
      <section className="rt-panel" aria-labelledby="rt-holds-title">
        <div className="rt-section-head">
          <h2 id="rt-holds-title">{t('retensi.holds.title')}</h2>
          <div className="rt-actions">
            <label className="rt-check">
              <input type="checkbox" checked={showLifted} onChange={(e) => setShowLifted(e.target.checked)} /> {t('retensi.holds.showLifted')}
            </label>
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              {t('retensi.holds.add')}
            </button>
          </div>
        </div>
        <p className="rt-muted rt-small">{t('retensi.holds.hint')}</p>
        {adding && (
          <NewHold
            done={() => {
              setAdding(false);
              refresh();
            }}
          />
        )}
        {holds.length === 0 ? (
          <p className="rt-empty">{t('retensi.holds.none')}</p>
        ) : (
          <table className="rt-table">
            <thead>
              <tr>
                <th>{t('retensi.holds.name')}</th>
                <th>{t('retensi.holds.reason')}</th>
                <th>{t('retensi.holds.covers')}</th>
                <th>{t('retensi.holds.heldNow')}</th>
                <th>{t('retensi.holds.setBy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {holds.map((h) => (
                <tr key={h.id} className={h.liftedAt ? 'rt-removed' : undefined}>
                  <td>
                    <strong>{h.name}</strong>
                    {h.caseRef && <div className="rt-small rt-muted">{h.caseRef}</div>}
                  </td>
                  <td>{h.reason}</td>
                  <td>{h.targets.map((x) => describe(x, t)).join('; ')}</td>
                  <td>{h.heldRecords == null ? '—' : formatCount(h.heldRecords)}</td>
                  <td>
                    {h.createdBy} · {formatDay(h.createdAt)}
                  </td>
                  <td>
                    {h.liftedAt ? (
                      <span className="rt-small">{t('retensi.holds.lifted', { by: h.liftedBy, date: formatDay(h.liftedAt), reason: h.liftReason })}</span>
                    ) : (
                      <ReasonButton
                        label={t('retensi.holds.lift')}
                        prompt={t('retensi.holds.liftPrompt')}
                        onSubmit={async (reason) => {
                          if (await run(() => call('retention.holds.lift', { id: h.id, reason }))) refresh();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="rt-panel" aria-labelledby="rt-report-title">
        <div className="rt-section-head">
          <h2 id="rt-report-title">{t('retensi.holds.report')}</h2>
          <button type="button" className="secondary" onClick={() => void run(() => call('retention.holds.report', {}), { reload: false }).then((r) => r && setReport(r))}>
            {t('retensi.holds.makeReport')}
          </button>
        </div>
        {report && (
          <>
            <p className="rt-small">{t('retensi.holds.reportTotal', { count: report.total })}</p>
            <table className="rt-table">
              <thead>
                <tr>
                  <th>ID</th>
                  <th>{t('retensi.case.subject')}</th>
                  <th>{t('retensi.q.code')}</th>
                  <th>{t('retensi.q.file')}</th>
                  <th>{t('retensi.case.status')}</th>
                  <th>{t('retensi.holds.title')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.recordId}>
                    <td className="rt-mono">{r.recordId}</td>
                    <td>{r.subject}</td>
                    <td className="rt-mono">{r.classificationCode}</td>
                    <td>{r.fileTitle}</td>
                    <td>{t(`retensi.status.${r.status}`, { defaultValue: r.status })}</td>
                    <td>{r.holds.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
