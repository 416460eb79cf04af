// The work lists for the as-of day: files due for transfer, destruction, handover or
// re-appraisal, with how many of their records can go on a list now; and what cannot move —
// held files, files with no rule, files waiting for their event date.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef, QueueItem } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { EventDateDialog } from '../archive/FileDateDialogs.tsx';
import { formatCount, formatDay } from './format.ts';
import { useRetention, type Tab } from './store.ts';
import './i18n.ts';

type Kind = 'transfer' | 'destroy' | 'handover' | 'reappraise';

function QueueTable(props: { kind: Kind | 'hold'; items: QueueItem[]; selected: Set<number>; toggle(id: number): void; onReappraise?(item: QueueItem): void }) {
  const { t } = useTranslation();
  const selectable = props.kind !== 'hold' && props.kind !== 'reappraise';
  return (
    <table className="rt-table">
      <thead>
        <tr>
          {selectable && <th aria-label={t('retensi.q.select')} />}
          <th>{t('retensi.q.file')}</th>
          <th>{t('retensi.q.code')}</th>
          <th>{t('retensi.q.closed')}</th>
          <th>{props.kind === 'hold' ? t('retensi.q.wouldBeDue') : t('retensi.q.due')}</th>
          <th>{t('retensi.q.records')}</th>
          <th>{t('retensi.q.rule')}</th>
          {props.kind === 'reappraise' && <th />}
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={`${item.fileId}-${item.stage}`}>
            {selectable && (
              <td>
                <input
                  type="checkbox"
                  aria-label={t('retensi.q.selectFile', { title: item.title })}
                  checked={props.selected.has(item.fileId)}
                  disabled={item.eligible === 0}
                  onChange={() => props.toggle(item.fileId)}
                />
              </td>
            )}
            <td>
              <strong>{item.title}</strong>
              {item.fileNumber && <span className="rt-muted"> · {item.fileNumber}</span>}
            </td>
            <td className="rt-mono">{item.classificationCode}</td>
            <td className="rt-date">{formatDay(item.closedAt)}</td>
            <td className="rt-date">{formatDay(item.dueAt)}</td>
            <td>
              {formatCount(item.eligible)}
              {item.held > 0 && <span className="rt-badge warning">{t('retensi.q.held', { count: item.held })}</span>}
              {item.inCase > 0 && <span className="rt-badge">{t('retensi.q.inCase', { count: item.inCase })}</span>}
              {props.kind === 'hold' && item.holdNames.length > 0 && <div className="rt-small rt-muted">{item.holdNames.join(', ')}</div>}
            </td>
            <td>
              <span className="rt-mono">{item.ruleCode}</span> {item.dispositionText}
              {item.needsDecision && <span className="rt-badge warning">{t('retensi.q.conditional')}</span>}
            </td>
            {props.kind === 'reappraise' && (
              <td>
                <button type="button" className="secondary" onClick={() => props.onReappraise?.(item)}>
                  {t('retensi.q.reappraise')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProposeForm(props: { kind: 'transfer' | 'destroy' | 'handover'; fileIds: number[]; done(): void }) {
  const { t } = useTranslation();
  const { run, setTab, setCase } = useRetention();
  const [title, setTitle] = useState('');
  const [location, setLocation] = useState('');
  const [recipient, setRecipient] = useState('');
  const [firstBox, setFirstBox] = useState(1);
  const [perBox, setPerBox] = useState(10);
  const submit = async () => {
    const view =
      props.kind === 'destroy'
        ? await run(() => call('retention.destruction.propose', { fileIds: props.fileIds, title }))
        : props.kind === 'transfer'
          ? await run(() => call('retention.transfer.create', { fileIds: props.fileIds, title, location, firstBox, foldersPerBox: perBox }))
          : await run(() => call('retention.handover.create', { fileIds: props.fileIds, title, recipient }));
    if (view) {
      const tab: Tab = props.kind === 'destroy' ? 'pemusnahan' : props.kind === 'transfer' ? 'pemindahan' : 'penyerahan';
      setTab(tab);
      setCase(view);
      props.done();
    }
  };
  return (
    <form
      className="rt-form rt-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('retensi.q.listTitle')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required placeholder={t(`retensi.q.titlePlaceholder.${props.kind}`)} />
      </label>
      {props.kind === 'transfer' && (
        <>
          <label>
            {t('retensi.q.location')}
            <input value={location} onChange={(e) => setLocation(e.target.value)} required placeholder={t('retensi.q.locationPlaceholder')} />
          </label>
          <label className="rt-narrow">
            {t('retensi.q.firstBox')}
            <input type="number" min={1} value={firstBox} onChange={(e) => setFirstBox(Number(e.target.value))} />
          </label>
          <label className="rt-narrow">
            {t('retensi.q.perBox')}
            <input type="number" min={1} value={perBox} onChange={(e) => setPerBox(Number(e.target.value))} />
          </label>
        </>
      )}
      {props.kind === 'handover' && (
        <label>
          {t('retensi.q.recipient')}
          <input value={recipient} onChange={(e) => setRecipient(e.target.value)} required placeholder={t('retensi.q.recipientPlaceholder')} />
        </label>
      )}
      <div className="rt-actions">
        <button type="submit" className="primary">
          {t(`retensi.q.create.${props.kind}`, { count: props.fileIds.length })}
        </button>
        <button type="button" className="secondary" onClick={props.done}>
          {t('retensi.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReappraiseForm({ item, done }: { item: QueueItem; done(): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [extendYears, setExtend] = useState(5);
  const [disposition, setDisposition] = useState<'musnah' | 'permanen' | 'dinilai-kembali'>('permanen');
  const [reason, setReason] = useState('');
  const [decisionRef, setRef] = useState('');
  return (
    <form
      className="rt-form rt-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => call('retention.reappraisal.decide', { fileId: item.fileId, extendYears, disposition, reason, decisionRef })).then((r) => r && done());
      }}
    >
      <p className="rt-wide">
        <strong>{item.title}</strong> — {t('retensi.q.reappraiseHint')}
      </p>
      <label className="rt-narrow">
        {t('retensi.q.extendYears')}
        <input type="number" min={0} max={100} value={extendYears} onChange={(e) => setExtend(Number(e.target.value))} />
      </label>
      <label>
        {t('retensi.q.newDisposition')}
        <select value={disposition} onChange={(e) => setDisposition(e.target.value as typeof disposition)}>
          {(['permanen', 'musnah', 'dinilai-kembali'] as const).map((d) => (
            <option key={d} value={d}>
              {t(`retensi.disposition.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="rt-wide">
        {t('retensi.q.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <label>
        {t('retensi.q.decisionRef')}
        <input value={decisionRef} onChange={(e) => setRef(e.target.value)} required />
      </label>
      <div className="rt-actions">
        <button type="submit" className="primary">
          {t('retensi.q.saveDecision')}
        </button>
        <button type="button" className="secondary" onClick={done}>
          {t('retensi.cancel')}
        </button>
      </div>
    </form>
  );
}

function Section(props: { kind: Kind; items: QueueItem[] }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [proposing, setProposing] = useState(false);
  const [reappraising, setReappraising] = useState<QueueItem | null>(null);
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const all = props.items.filter((i) => i.eligible > 0).map((i) => i.fileId);
  return (
    <section className="rt-panel" aria-labelledby={`q-${props.kind}`}>
      <div className="rt-section-head">
        <h2 id={`q-${props.kind}`}>
          {t(`retensi.q.title.${props.kind}`)} <span className="rt-count">{props.items.length}</span>
        </h2>
        {props.kind !== 'reappraise' && props.items.length > 0 && (
          <div className="rt-actions">
            <button type="button" className="secondary" onClick={() => setSelected(new Set(selected.size === all.length ? [] : all))}>
              {selected.size === all.length && all.length > 0 ? t('retensi.q.selectNone') : t('retensi.q.selectAll')}
            </button>
            <button type="button" className={props.kind === 'destroy' ? 'danger' : 'primary'} disabled={selected.size === 0} onClick={() => setProposing(true)}>
              {t(`retensi.q.propose.${props.kind}`, { count: selected.size })}
            </button>
          </div>
        )}
      </div>
      <p className="rt-muted rt-small">{t(`retensi.q.hint.${props.kind}`)}</p>
      {proposing && props.kind !== 'reappraise' && <ProposeForm kind={props.kind} fileIds={[...selected]} done={() => setProposing(false)} />}
      {reappraising && <ReappraiseForm item={reappraising} done={() => setReappraising(null)} />}
      {props.items.length === 0 ? (
        <p className="rt-empty">{t('retensi.q.none')}</p>
      ) : (
        <QueueTable kind={props.kind} items={props.items} selected={selected} toggle={toggle} onReappraise={setReappraising} />
      )}
    </section>
  );
}

export function QueuesView() {
  const { t } = useTranslation();
  const { queues: q, load } = useRetention();
  const [eventFor, setEventFor] = useState<FileRef | null>(null);
  if (!q) return null;
  return (
    <div className="rt-queues">
      {q.holdFailures.length > 0 && (
        <p className="rt-error" role="alert">
          {t('retensi.q.holdFailures', { count: q.holdFailures.length })}
        </p>
      )}
      <Section kind="destroy" items={q.destroy} />
      <Section kind="transfer" items={q.transfer} />
      <Section kind="handover" items={q.handover} />
      <Section kind="reappraise" items={q.reappraise} />
      <section className="rt-panel" aria-labelledby="q-hold">
        <h2 id="q-hold">
          {t('retensi.q.title.hold')} <span className="rt-count">{q.onHold.length}</span>
        </h2>
        <p className="rt-muted rt-small">{t('retensi.q.hint.hold')}</p>
        {q.onHold.length === 0 ? <p className="rt-empty">{t('retensi.q.none')}</p> : <QueueTable kind="hold" items={q.onHold} selected={new Set()} toggle={() => undefined} />}
      </section>
      <div className="rt-two">
        <section className="rt-panel" aria-labelledby="q-norule">
          <h2 id="q-norule">
            {t('retensi.q.title.noRule')} <span className="rt-count">{q.noRule.length}</span>
          </h2>
          <p className="rt-muted rt-small">{t('retensi.q.hint.noRule')}</p>
          <ul className="rt-list">
            {q.noRule.map((f) => (
              <li key={f.fileId}>
                <span className="rt-mono">{f.classificationCode}</span> {f.title} <span className="rt-muted">({t('retensi.dash.records', { count: f.records })})</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="rt-panel" aria-labelledby="q-event">
          <h2 id="q-event">
            {t('retensi.q.title.awaitingEvent')} <span className="rt-count">{q.awaitingEvent.length}</span>
          </h2>
          <p className="rt-muted rt-small">{t('retensi.q.hint.awaitingEvent')}</p>
          <ul className="rt-list">
            {q.awaitingEvent.map((f) => (
              <li key={f.fileId}>
                <span className="rt-mono">{f.classificationCode}</span> {f.title} — <em>{f.detail}</em>{' '}
                <button type="button" className="secondary small" onClick={() => setEventFor(f)}>
                  {t('retensi.q.setEvent')}
                </button>
              </li>
            ))}
          </ul>
          {q.unfiledRecords > 0 && <p className="rt-small">{t('retensi.q.unfiled', { count: q.unfiledRecords })}</p>}
          {eventFor && <EventDateDialog file={{ id: eventFor.fileId, title: eventFor.title, classificationCode: eventFor.classificationCode, triggerDate: null }} onDone={() => void load()} onClose={() => setEventFor(null)} />}
        </section>
      </div>
    </div>
  );
}
