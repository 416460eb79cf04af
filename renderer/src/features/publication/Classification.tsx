// Public-information classification of records: find a record, set its KIP category (an exemption
// with its consequence test), and propose it for publication. RecordPublicationPanel is also meant
// for the record's detail pane in the Arsip screen.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate, ConsequenceTest, Exemption, ExemptionGround, OpenCategory, Proposal, PublicCategory } from '../../../../preload/contract.ts';
import { EXEMPTION_GROUNDS } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { useRoles } from '../login/store.ts';
import { both, usePublication } from './store.ts';
import { DateField } from '../../ui/DateField.tsx';
import './i18n.ts';

const FILTERS = ['all', 'unclassified', 'public', 'exempt', 'proposed', 'live'] as const;
type Filter = (typeof FILTERS)[number];

export function ClassificationPanel() {
  const { t } = useTranslation();
  const { version } = usePublication();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [rows, setRows] = useState<{ total: number; rows: Candidate[] } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(query), 200);
    return () => window.clearTimeout(timer);
  }, [query]);
  useEffect(() => {
    void call('publication.candidates', { query: debounced, filter, limit: 200 }).then(setRows);
  }, [debounced, filter, version]);
  return (
    <div className="pub-split">
      <div className="pub-candidates">
        <div className="pub-toolbar">
          <input type="search" aria-label={t('publikasi.classify.search')} placeholder={t('publikasi.classify.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <select aria-label={t('publikasi.classify.columns.category')} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`publikasi.classify.filter.${f}`)}
              </option>
            ))}
          </select>
        </div>
        {rows && rows.rows.length === 0 && <p className="pub-empty">{t('publikasi.classify.empty')}</p>}
        <ul className="pub-list">
          {rows?.rows.map((c) => (
            <li key={c.recordId}>
              <button type="button" className={c.recordId === selected ? 'pub-item active' : 'pub-item'} onClick={() => setSelected(c.recordId)} aria-current={c.recordId === selected}>
                <span className="pub-item-title">{c.subject}</span>
                <span className="pub-item-meta">
                  {c.letterNumber && <span className="code">{c.letterNumber}</span>}
                  <span>{formatDate(c.letterDate)}</span>
                  <span className={c.publicCategory === 'dikecualikan' ? 'badge badge-sec-rahasia' : c.publicCategory ? 'badge badge-text-ok' : 'badge'}>
                    {t(`publikasi.category.${c.publicCategory ?? 'none'}`)}
                  </span>
                  {c.proposalState && <span className="badge badge-warn">{t(`publikasi.state.${c.proposalState}`)}</span>}
                  {c.securityClass !== 'biasa' && <span className={`badge badge-sec-${c.securityClass}`}>{t(`publikasi.security.${c.securityClass}`)}</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="pub-detail">{selected !== null ? <RecordPublicationPanel key={selected} recordId={selected} /> : <p className="hint">{t('publikasi.classify.choose')}</p>}</div>
    </div>
  );
}

const GROUNDS = Object.keys(EXEMPTION_GROUNDS) as ExemptionGround[];
const CATEGORIES: PublicCategory[] = ['berkala', 'serta-merta', 'setiap-saat', 'dikecualikan'];

function emptyTest(): ConsequenceTest {
  return { information: '', ground: 'a', statute: null, harm: '', until: null, decisionNumber: '', decisionDate: '' };
}

/** One record's KIP classification, consequence test, proposal and publication history. */
export function RecordPublicationPanel({ recordId }: { recordId: number }) {
  const { t } = useTranslation();
  const { version, attempt } = usePublication();
  const staff = useRoles().includes('staff');
  const [data, setData] = useState<{ candidate: Candidate; exemption: Exemption | null; history: Proposal[] } | null>(null);
  const [category, setCategory] = useState<PublicCategory | null>(null);
  const [test, setTest] = useState<ConsequenceTest>(emptyTest);
  const [note, setNote] = useState('');
  useEffect(() => {
    void call('publication.record', { recordId }).then((d) => {
      setData(d);
      setCategory(d.candidate.publicCategory);
      if (d.exemption) {
        const { information, ground, statute, harm, until, decisionNumber, decisionDate } = d.exemption;
        setTest({ information, ground, statute: statute ?? null, harm, until, decisionNumber, decisionDate });
      }
    });
  }, [recordId, version]);
  if (!data) return <p className="hint">{t('publikasi.loading')}</p>;
  const c = data.candidate;
  const permanentAllowed = test.ground === 'g' || test.ground === 'h';
  const save = (e: FormEvent) => {
    e.preventDefault();
    const input =
      category === 'dikecualikan'
        ? { recordId, category, test: { ...test, until: test.until || null, statute: test.ground === 'j' ? test.statute : null } }
        : { recordId, category: category as OpenCategory | null };
    void attempt(() => call('publication.classify', input), both('publikasi.classify.saved'));
  };
  const setField = <K extends keyof ConsequenceTest>(key: K, value: ConsequenceTest[K]) => setTest({ ...test, [key]: value });
  return (
    <article className="pub-review" aria-labelledby="record-title">
      <h2 id="record-title">{c.subject}</h2>
      <p className="hint">
        {c.letterNumber && <span className="code">{c.letterNumber} · </span>}
        {formatDate(c.letterDate)} · {c.classificationCode ?? '—'}
      </p>
      {(c.securityClass === 'rahasia' || c.securityClass === 'sangat-rahasia') && (
        <p className="pub-warn">{t('publikasi.classify.secretWarning', { cls: t(`publikasi.security.${c.securityClass}`) })}</p>
      )}
      {data.exemption && (
        <p className="pub-info">
          {t('publikasi.classify.currentExemption', {
            ground: data.exemption.ground,
            number: data.exemption.decisionNumber,
            until: data.exemption.until ? t('publikasi.classify.untilDate', { date: formatDate(data.exemption.until) }) : t('publikasi.classify.permanentShort'),
          })}
        </p>
      )}
      <form onSubmit={save} className="pub-classify">
        <fieldset disabled={!staff}>
          <legend>{t('publikasi.classify.categoryLabel')}</legend>
          {CATEGORIES.map((cat) => (
            <label key={cat} className="check pub-radio">
              <input type="radio" name="category" checked={category === cat} onChange={() => setCategory(cat)} />
              <strong>{t(`publikasi.category.${cat}`)}</strong>
              <span className="hint">— {t(`publikasi.categoryHint.${cat}`)}</span>
            </label>
          ))}
          {category === 'dikecualikan' && (
            <div className="pub-test" role="group" aria-label={t('publikasi.classify.test')}>
              <h3>{t('publikasi.classify.test')}</h3>
              <div className="field">
                <label htmlFor="t-info">{t('publikasi.classify.information')}</label>
                <textarea id="t-info" rows={2} value={test.information} onChange={(e) => setField('information', e.target.value)} required />
              </div>
              <div className="field">
                <label htmlFor="t-ground">{t('publikasi.classify.ground')}</label>
                <select id="t-ground" value={test.ground} onChange={(e) => setField('ground', e.target.value as ExemptionGround)}>
                  {GROUNDS.map((g) => (
                    <option key={g} value={g}>
                      {g} — {pick(EXEMPTION_GROUNDS[g])}
                    </option>
                  ))}
                </select>
              </div>
              {test.ground === 'j' && (
                <div className="pub-row" role="group" aria-label={t('publikasi.classify.statuteHint')}>
                  <div className="field">
                    <label htmlFor="t-statute">{t('publikasi.classify.statuteName')}</label>
                    <input
                      id="t-statute"
                      value={test.statute?.name ?? ''}
                      onChange={(e) => setField('statute', { name: e.target.value, article: test.statute?.article ?? '' })}
                      required
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="t-article">{t('publikasi.classify.statuteArticle')}</label>
                    <input
                      id="t-article"
                      value={test.statute?.article ?? ''}
                      onChange={(e) => setField('statute', { name: test.statute?.name ?? '', article: e.target.value })}
                      required
                    />
                  </div>
                </div>
              )}
              <div className="field">
                <label htmlFor="t-harm">{t('publikasi.classify.harm')}</label>
                <textarea id="t-harm" rows={3} value={test.harm} onChange={(e) => setField('harm', e.target.value)} required />
              </div>
              <div className="pub-row">
                <div className="field">
                  <label htmlFor="t-until">{t('publikasi.classify.until')}</label>
                  <DateField id="t-until" value={test.until} onChange={(v) => setField('until', v)} required={!permanentAllowed} />
                  {permanentAllowed && <span className="hint">{t('publikasi.classify.permanent')}</span>}
                </div>
                <div className="field">
                  <label htmlFor="t-number">{t('publikasi.classify.decisionNumber')}</label>
                  <input id="t-number" value={test.decisionNumber} onChange={(e) => setField('decisionNumber', e.target.value)} required />
                </div>
                <div className="field">
                  <label htmlFor="t-date">{t('publikasi.classify.decisionDate')}</label>
                  <DateField id="t-date" value={test.decisionDate || null} onChange={(v) => setField('decisionDate', v ?? '')} required />
                </div>
              </div>
            </div>
          )}
          <button type="submit" className="primary">
            {t('publikasi.classify.save')}
          </button>
        </fieldset>
      </form>
      {staff && !c.proposalState && (
        <div className="pub-propose">
          {c.blockers.length > 0 ? (
            <ul className="pub-blockers">
              {c.blockers.map((b) => (
                <li key={b.code}>{pick(b.message)}</li>
              ))}
            </ul>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void attempt(() => call('publication.propose', { recordId, note }), both('publikasi.classify.proposed'));
              }}
            >
              <div className="field">
                <label htmlFor="propose-note">{t('publikasi.classify.proposeNote')}</label>
                <input id="propose-note" value={note} onChange={(e) => setNote(e.target.value)} />
              </div>
              <button type="submit" className="primary">
                {t('publikasi.classify.propose')}
              </button>
            </form>
          )}
        </div>
      )}
      <h3>{t('publikasi.classify.history')}</h3>
      {data.history.length === 0 ? (
        <p className="hint">{t('publikasi.classify.noHistory')}</p>
      ) : (
        <ul className="pub-history">
          {data.history.map((p) => (
            <li key={p.id}>
              <span className={`badge pub-state-${p.state}`}>{t(`publikasi.state.${p.state}`)}</span> {/* The badge already says the state: the line says who (never "Diusulkan Diusulkan oleh …"). */}
              {t('publikasi.history.proposer', { name: p.proposedBy, when: formatDateTime(p.proposedAt) })}
              {p.decidedBy && p.state !== 'proposed' && <> · {t('publikasi.history.decidedBy', { name: p.decidedBy, when: formatDateTime(p.decidedAt) })}</>}
              {(p.comment || p.withdrawComment) && <div className="hint">“{p.withdrawComment ?? p.comment}”</div>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
