// Berkala information is published at least every six months: the items, the ones not refreshed
// for six months first, and recording a refresh (what was updated, on which day). Main decides
// what is due (publication/berkala.ts); this screen lists and asks.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerkalaItem } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatDate } from '../../app/format.ts';
import { DateField } from '../../ui/DateField.tsx';
import { useRoles } from '../login/store.ts';
import { both, usePublication } from './store.ts';
import './i18n.ts';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function RefreshForm({ item, onDone }: { item: BerkalaItem; onDone(items: BerkalaItem[]): void }) {
  const { t } = useTranslation();
  const { attempt } = usePublication();
  const [on, setOn] = useState(today());
  const [note, setNote] = useState('');
  return (
    <form
      className="pub-row"
      aria-label={t('publikasi.berkala.refresh')}
      onSubmit={(e) => {
        e.preventDefault();
        void attempt(() => call('publication.berkalaRefresh', { recordId: item.recordId, on, note }), both('publikasi.berkala.saved')).then((items) => items && onDone(items));
      }}
    >
      <div className="field">
        <label htmlFor={`b-note-${item.recordId}`}>{t('publikasi.berkala.note')}</label>
        <input id={`b-note-${item.recordId}`} value={note} onChange={(e) => setNote(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`b-on-${item.recordId}`}>{t('publikasi.berkala.on')}</label>
        <DateField id={`b-on-${item.recordId}`} value={on} onChange={(v) => setOn(v ?? '')} required />
      </div>
      <button type="submit" className="primary small">
        {t('publikasi.berkala.refresh')}
      </button>
    </form>
  );
}

export function BerkalaPanel() {
  const { t } = useTranslation();
  const { version } = usePublication();
  const staff = useRoles().includes('staff');
  const [items, setItems] = useState<BerkalaItem[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    void call('publication.berkala', {}).then(setItems);
  }, [version]);
  if (!items) return <p className="hint">{t('publikasi.loading')}</p>;
  if (items.length === 0) return <p className="hint">{t('publikasi.berkala.empty')}</p>;
  const due = items.filter((i) => i.due).length;
  return (
    <section aria-labelledby="berkala-title">
      <h2 id="berkala-title">{t('publikasi.berkala.title')}</h2>
      <p className="hint">{due ? t('publikasi.berkala.dueCount', { count: due }) : t('publikasi.berkala.noneDue')}</p>
      <table className="pub-table" data-testid="berkala-list">
        <thead>
          <tr>
            <th>{t('publikasi.berkala.subject')}</th>
            <th>{t('publikasi.berkala.since')}</th>
            <th>{t('publikasi.berkala.dueOn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.recordId} className={i.due ? 'pub-due' : undefined}>
              <td>
                {i.subject}
                {i.letterNumber && <div className="hint">{i.letterNumber}</div>}
              </td>
              <td>
                {formatDate(i.since)} <span className="hint">({t(`publikasi.berkala.basis.${i.basis}`)})</span>
              </td>
              <td>{i.due ? <span className="badge badge-warn">{t('publikasi.berkala.overdue', { date: formatDate(i.dueOn) })}</span> : formatDate(i.dueOn)}</td>
              <td>
                {staff &&
                  (open === i.recordId ? (
                    <RefreshForm
                      item={i}
                      onDone={(next) => {
                        setItems(next);
                        setOpen(null);
                      }}
                    />
                  ) : (
                    <button type="button" className="secondary small" onClick={() => setOpen(i.recordId)}>
                      {t('publikasi.berkala.refresh')}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
