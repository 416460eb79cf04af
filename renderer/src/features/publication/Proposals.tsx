// Pending proposals and the supervisor's review: the document itself and the record's metadata
// beside the decision (nobody approves blind), the DIP columns still empty, what blocks it, the
// personal-data findings with their pages (each match highlighted), the acknowledgement, the
// comment, approve or reject. The record's security-class history is shown, so a downgrade before
// the proposal is seen (four eyes span the downgrade).
// The four-eyes rule and every other rule are enforced in main; the screen explains them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bilingual, ClassChange, PersonalDataScan, Proposal, RecordView } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { DocumentPreview } from '../preview/DocumentPreview.tsx';
import { pick } from '../../i18n/index.ts';
import { useCurrentUser } from '../login/store.ts';
import { both, usePublication } from './store.ts';
import './i18n.ts';

export function ProposalsPanel() {
  const { t } = useTranslation();
  const { version } = usePublication();
  const [rows, setRows] = useState<Proposal[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => {
    void call('publication.proposals', { states: ['proposed'], limit: 200 }).then((r) => {
      setRows(r.rows);
      setSelected((s) => (s !== null && r.rows.some((p) => p.recordId === s) ? s : (r.rows[0]?.recordId ?? null)));
    });
  }, [version]);
  if (!rows) return <p className="hint pad">{t('publikasi.loading')}</p>;
  if (rows.length === 0) return <p className="pub-empty">{t('publikasi.proposals.empty')}</p>;
  const current = rows.find((p) => p.recordId === selected) ?? null;
  return (
    <div className="pub-split pub-split-review">
      <ul className="pub-list" aria-label={t('publikasi.tabs.usulan')}>
        {rows.map((p) => (
          <li key={p.id}>
            <button type="button" className={p.recordId === selected ? 'pub-item active' : 'pub-item'} onClick={() => setSelected(p.recordId)} aria-current={p.recordId === selected}>
              <span className="pub-item-title">{p.subject}</span>
              <span className="pub-item-meta">
                {p.letterNumber && <span className="code">{p.letterNumber}</span>}
                <span className="badge">{t(`publikasi.category.${p.publicCategory ?? 'none'}`)}</span>
                {p.blockers.length > 0 && <span className="badge badge-warn">{t('publikasi.proposals.blocked')}</span>}
              </span>
              <span className="pub-item-meta">{t('publikasi.proposals.proposedBy', { name: p.proposedBy, when: formatDateTime(p.proposedAt) })}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="pub-detail">{current ? <ProposalReview key={current.id} proposal={current} /> : <p className="hint">{t('publikasi.proposals.choose')}</p>}</div>
    </div>
  );
}

function Highlighted({ before, match, after }: { before: string; match: string; after: string }) {
  return (
    <span className="pub-context">
      {before}
      <mark>{match}</mark>
      {after}
    </span>
  );
}

export function ScanResult({ scan }: { scan: PersonalDataScan }) {
  const { t } = useTranslation();
  return (
    <div className="pub-scan" data-testid="personal-data">
      {scan.total === 0 && scan.unscanned.length === 0 && scan.pending.length === 0 && <p className="pub-ok">{t('publikasi.proposals.scanClean')}</p>}
      {scan.total > 0 && <p className="pub-warn">{t('publikasi.proposals.scanHits', { count: scan.total })}</p>}
      {scan.hits.length > 0 && (
        <ul className="pub-hits">
          {scan.hits.map((h, i) => (
            <li key={i} data-kind={h.kind}>
              <span className="badge badge-warn">{t(`publikasi.proposals.kind.${h.kind}`)}</span>
              <span className="pub-where">
                {h.documentName ?? t('publikasi.proposals.metadata')}
                {h.page !== null && `, ${t('publikasi.proposals.page', { page: h.page })}`}
              </span>
              <Highlighted before={h.before} match={h.match} after={h.after} />
            </li>
          ))}
        </ul>
      )}
      {scan.total > scan.hits.length && <p className="hint">{t('publikasi.proposals.scanMore', { count: scan.total - scan.hits.length })}</p>}
      {scan.unscanned.map((d) => (
        <p key={d.documentId} className="pub-warn">
          {t('publikasi.proposals.unscanned', { reason: d.reason })} <strong>{d.name}</strong>
        </p>
      ))}
      {scan.pending.map((d) => (
        <p key={d.documentId} className="pub-warn">
          {t('publikasi.proposals.pending')} <strong>{d.name}</strong>
        </p>
      ))}
    </div>
  );
}

const RANK: ClassChange['from'][] = ['biasa', 'terbatas', 'rahasia', 'sangat-rahasia'];

function ProposalReview({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { attempt } = usePublication();
  const [scan, setScan] = useState<PersonalDataScan | null>(null);
  const [ack, setAck] = useState(false);
  const [comment, setComment] = useState('');
  const [classHistory, setClassHistory] = useState<ClassChange[]>([]);
  const [record, setRecord] = useState<RecordView | null>(null);
  const [gaps, setGaps] = useState<Bilingual[] | null>(null);
  const [shownDocument, setShownDocument] = useState(0);
  // Where an approval goes decides what the toast may promise: with no portal, only the catalogue export.
  const [portalTarget, setPortalTarget] = useState<'none' | 'ckan'>('none');
  useEffect(() => {
    void call('portal.settings', {}).then((p) => setPortalTarget(p.target), () => setPortalTarget('none'));
  }, []);
  useEffect(() => {
    void call('publication.scan', { recordId: proposal.recordId }).then(setScan);
    void call('publication.record', { recordId: proposal.recordId }).then((r) => setClassHistory(r.classHistory));
    void call('records.get', { id: proposal.recordId }).then(setRecord, () => setRecord(null));
    void call('publication.dipGaps', { recordId: proposal.recordId }).then(setGaps, () => setGaps(null));
  }, [proposal.recordId]);
  const document = record?.documents[shownDocument] ?? record?.documents[0] ?? null;
  const own = me !== null && proposal.proposedBy === me.name;
  const supervisor = me?.roles.includes('supervisor') ?? false;
  const needsAck = scan !== null && (scan.total > 0 || scan.unscanned.length > 0);
  const canDecide = supervisor && !own;
  return (
    <div className="pub-review-split">
      <section className="pub-review-document" aria-label={pick(REVIEW.document)}>
        {record && record.documents.length > 1 && (
          <div className="pub-review-docs" role="tablist">
            {record.documents.map((d, i) => (
              <button key={d.id} type="button" role="tab" aria-selected={d === document} className={d === document ? 'active' : undefined} onClick={() => setShownDocument(i)}>
                {d.originalName}
              </button>
            ))}
          </div>
        )}
        {document ? <DocumentPreview key={document.id} document={document} /> : <p className="pub-empty">{record ? pick(REVIEW.noDocument) : t('publikasi.loading')}</p>}
      </section>
    <article className="pub-review" aria-labelledby="review-title">
      <h2 id="review-title">{proposal.subject}</h2>
      <p className="hint">
        {proposal.letterNumber && <span className="code">{proposal.letterNumber} · </span>}
        {t(`publikasi.category.${proposal.publicCategory ?? 'none'}`)} · {t('publikasi.proposals.proposedBy', { name: proposal.proposedBy, when: formatDateTime(proposal.proposedAt) })}
      </p>
      {proposal.note && (
        <p className="pub-note">
          <span className="hint">{t('publikasi.proposals.note')}:</span> {proposal.note}
        </p>
      )}
      {record && <RecordFacts record={record} />}
      {gaps && gaps.length > 0 && (
        <div className="pub-blockers" role="note" data-testid="dip-gaps">
          <strong>{pick(REVIEW.gapsTitle)}</strong>
          <ul>
            {gaps.map((g) => (
              <li key={g.en}>{pick(g)}</li>
            ))}
          </ul>
        </div>
      )}
      {proposal.blockers.length > 0 && (
        <div className="pub-blockers" role="note">
          <strong>{t('publikasi.proposals.blocked')}</strong>
          <ul>
            {proposal.blockers.map((b) => (
              <li key={b.code}>{pick(b.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('publikasi.proposals.classTitle')}</h3>
      {classHistory.length === 0 ? (
        <p className="hint">{t('publikasi.proposals.classNone')}</p>
      ) : (
        <ul className="pub-class-history" data-testid="class-history">
          {classHistory.map((c, i) => (
            <li key={i} className={RANK.indexOf(c.to) < RANK.indexOf(c.from) ? 'pub-warn' : undefined}>
              {t('publikasi.proposals.classChange', { from: t(`arsip.security.${c.from}`), to: t(`arsip.security.${c.to}`), name: c.by, when: formatDateTime(c.at) })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('publikasi.proposals.scanTitle')}</h3>
      {scan ? <ScanResult scan={scan} /> : <p className="hint">{t('publikasi.proposals.scanRunning')}</p>}
      {own && <p className="pub-info">{t('publikasi.proposals.ownProposal')}</p>}
      {!supervisor && !own && <p className="pub-info">{t('publikasi.proposals.needSupervisor')}</p>}
      {canDecide && (
        <div className="pub-decide">
          {needsAck && (
            <label className="check pub-ack">
              <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} />
              {t('publikasi.proposals.acknowledge')}
            </label>
          )}
          <div className="field">
            <label htmlFor="decision-comment">{t('publikasi.proposals.comment')}</label>
            <textarea id="decision-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            <span className="hint">{t('publikasi.proposals.commentHint')}</span>
          </div>
          <div className="pub-actions">
            <button
              type="button"
              className="primary"
              disabled={!scan || (needsAck && !ack) || proposal.blockers.length > 0 || gaps === null || gaps.length > 0}
              onClick={() => void attempt(() => call('publication.approve', { recordId: proposal.recordId, comment, acknowledgePersonalData: ack }), both(portalTarget === 'ckan' ? 'publikasi.proposals.approved' : 'publikasi.proposals.approvedCatalogue'))}
            >
              {t('publikasi.proposals.approve')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={!comment.trim()}
              onClick={() => void attempt(() => call('publication.reject', { recordId: proposal.recordId, comment }), both('publikasi.proposals.rejected'))}
            >
              {t('publikasi.proposals.reject')}
            </button>
          </div>
        </div>
      )}
      {(own || supervisor) && (
        <button type="button" className="link-inline" onClick={() => void attempt(() => call('publication.cancel', { recordId: proposal.recordId }), both('publikasi.proposals.cancelled'))}>
          {t('publikasi.proposals.cancel')}
        </button>
      )}
    </article>
    </div>
  );
}

const REVIEW = {
  document: { id: 'Dokumen yang diusulkan', en: 'The proposed document' },
  noDocument: { id: 'Arsip ini tidak memiliki dokumen digital; periksa fisiknya sebelum memutuskan.', en: 'This record has no digital document; check the physical record before deciding.' },
  gapsTitle: { id: 'Kolom wajib DIP belum lengkap — persetujuan menunggu sampai diisi:', en: "The DIP's mandated columns are incomplete — approval waits until they are filled:" },
  facts: { id: 'Metadata arsip', en: 'Record metadata' },
  letterNumber: { id: 'Nomor naskah', en: 'Letter number' },
  letterDate: { id: 'Tanggal naskah', en: 'Letter date' },
  code: { id: 'Kode klasifikasi', en: 'Classification code' },
  unit: { id: 'Unit pengolah', en: 'Originating unit' },
  creator: { id: 'Pencipta arsip', en: 'Creator' },
  description: { id: 'Uraian informasi', en: 'Description' },
  security: { id: 'Klasifikasi keamanan', en: 'Security class' },
  medium: { id: 'Media', en: 'Medium' },
};

/** What the supervisor approves, at a glance: the fields the DIP prints, and the class. */
function RecordFacts({ record }: { record: RecordView }) {
  const row = (label: Bilingual, value: string | null) => (
    <>
      <dt>{pick(label)}</dt>
      <dd className={value ? undefined : 'pub-missing'}>{value || '—'}</dd>
    </>
  );
  return (
    <dl className="pub-facts" aria-label={pick(REVIEW.facts)} data-testid="review-facts">
      {row(REVIEW.letterNumber, record.letterNumber)}
      {row(REVIEW.letterDate, record.letterDate ? formatDate(record.letterDate) : null)}
      {row(REVIEW.code, record.classificationCode ? `${record.classificationCode}${record.classificationTitle ? ` — ${record.classificationTitle}` : ''}` : null)}
      {row(REVIEW.unit, record.originatingUnit)}
      {row(REVIEW.creator, record.creator)}
      {row(REVIEW.description, record.description)}
      {row(REVIEW.security, record.securityClass)}
      {row(REVIEW.medium, record.medium)}
    </dl>
  );
}

