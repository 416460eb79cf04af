// Disposition cases: the lists proposed for destruction, transfer or handover, each shown as the
// steps the law asks for, which are done, which one is next, and — before anything can be carried
// out — exactly what is still missing. The buttons only ask; main decides (see destruction.ts).
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Approval, AttachmentKind, Authority, BackupNotice, CaseDocument, CaseView, Signatory } from '../../../../preload/contract.ts';
import { call, filesToHandles } from '../../api.ts';
import { useRoles, useSession } from '../login/store.ts';
import { pick } from '../../i18n/index.ts';
import { DocButtons } from './DocButtons.tsx';
import { ReasonButton } from './ReasonButton.tsx';
import { formatDay, formatCount } from './format.ts';
import { KIND_OF_TAB, useRetention } from './store.ts';
import { DateField } from '../../ui/DateField.tsx';
import './i18n.ts';

type StepState = 'done' | 'current' | 'waiting';

function Step(props: { n: number; state: StepState; title: string; children?: ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <li className={`rt-step ${props.state}`} data-testid={props.testId} aria-current={props.state === 'current' ? 'step' : undefined}>
      <span className="rt-step-mark" aria-hidden="true">
        {props.state === 'done' ? '✓' : props.n}
      </span>
      <div className="rt-step-body">
        <h3>
          {props.title} <span className={`rt-step-state ${props.state}`}>{t(`retensi.step.${props.state}`)}</span>
        </h3>
        {props.children}
      </div>
    </li>
  );
}

function ApprovalLine({ a }: { a: Approval }) {
  const { t } = useTranslation();
  return (
    <p className="rt-small">
      {a.letterNumber ? t('retensi.case.letter', { number: a.letterNumber, date: formatDay(a.letterDate), by: a.signedBy ?? '—' }) : t('retensi.case.approvedBy', { by: a.signedBy ?? a.recordedBy, date: formatDay(a.letterDate) })}
      {a.opinion && <> — “{a.opinion}”</>}
      <span className="rt-muted"> · {t('retensi.case.recordedBy', { by: a.recordedBy })}</span>
    </p>
  );
}

function LetterForm(props: { submitLabel: string; signedByLabel: string; withOpinion?: boolean; onSubmit(v: { letterNumber: string; letterDate: string; signedBy: string; opinion: string; agrees: boolean }): void }) {
  const { t } = useTranslation();
  const [letterNumber, setNumber] = useState('');
  const [letterDate, setDate] = useState('');
  const [signedBy, setSignedBy] = useState('');
  const [opinion, setOpinion] = useState('');
  // No verdict is preselected: the committee's conclusion is copied from its letter, never assumed.
  const [agrees, setAgrees] = useState<boolean | null>(null);
  const undecided = props.withOpinion === true && agrees === null;
  return (
    <form
      className="rt-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (undecided) return;
        props.onSubmit({ letterNumber, letterDate, signedBy, opinion, agrees: agrees ?? true });
      }}
    >
      <label>
        {t('retensi.case.letterNumber')}
        <input value={letterNumber} onChange={(e) => setNumber(e.target.value)} required />
      </label>
      <label className="rt-narrow">
        {t('retensi.case.letterDate')}
        <DateField id="rt-letter-date" value={letterDate || null} onChange={(v) => setDate(v ?? '')} required />
      </label>
      <label>
        {props.signedByLabel}
        <input value={signedBy} onChange={(e) => setSignedBy(e.target.value)} required />
      </label>
      {props.withOpinion && (
        <>
          <label className="rt-wide">
            {t('retensi.case.opinion')}
            <textarea value={opinion} onChange={(e) => setOpinion(e.target.value)} required rows={2} />
          </label>
          <fieldset className="rt-wide rt-radios">
            <legend>{t('retensi.case.committeeVerdict')}</legend>
            <label>
              <input type="radio" name="rt-verdict" checked={agrees === true} onChange={() => setAgrees(true)} /> {t('retensi.case.agrees')}
            </label>
            <label>
              <input type="radio" name="rt-verdict" checked={agrees === false} onChange={() => setAgrees(false)} /> {t('retensi.case.disagrees')}
            </label>
            {undecided && <span className="rt-small rt-muted">{t('retensi.case.chooseVerdict')}</span>}
          </fieldset>
        </>
      )}
      <div className="rt-actions">
        <button type="submit" className="primary" disabled={undecided}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}

function SignatoryFields(props: { legend: string; value: Signatory; onChange(v: Signatory): void; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="rt-wide rt-signatory">
      <legend>{props.legend}</legend>
      <label>
        {t('retensi.case.name')}
        <input value={props.value.name} onChange={(e) => props.onChange({ ...props.value, name: e.target.value })} required={props.required !== false} />
      </label>
      <label className="rt-narrow">
        NIP
        <input value={props.value.nip} onChange={(e) => props.onChange({ ...props.value, nip: e.target.value })} inputMode="numeric" />
      </label>
      <label>
        {t('retensi.case.position')}
        <input value={props.value.jabatan} onChange={(e) => props.onChange({ ...props.value, jabatan: e.target.value })} />
      </label>
    </fieldset>
  );
}

const EMPTY_SIGNATORY: Signatory = { name: '', nip: '', jabatan: '' };

/** The signed-in user as a signatory (their profile), so whoever carries out a step need not type themselves. */
function useSelfSignatory(): Signatory {
  const user = useSession((s) => s.status?.session?.user);
  return user ? { name: user.displayName, nip: user.nip ?? '', jabatan: user.jabatan ?? '' } : EMPTY_SIGNATORY;
}

function Missing({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  if (view.check.missing.length === 0 && view.check.blockers.length === 0) return null;
  return (
    <div className="rt-missing" role="status" data-testid="case-missing">
      <strong>{t('retensi.case.notYet')}</strong>
      <ul>
        {view.check.missing.map((a) => (
          <li key={a}>{t('retensi.case.missingAuthority', { who: t(`retensi.authority.${a}`) })}</li>
        ))}
        {view.check.blockers.slice(0, 12).map((b, i) => (
          <li key={i}>{pick(b.message)}</li>
        ))}
        {view.check.blockers.length > 12 && <li>{t('retensi.case.moreProblems', { count: view.check.blockers.length - 12 })}</li>}
      </ul>
    </div>
  );
}

function Items({ view, onChange }: { view: CaseView; onChange(v: CaseView): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const open = view.state !== 'done' && view.state !== 'cancelled' && view.state !== 'rejected';
  const shown = view.items.slice(0, 300);
  const confirm = async (recordId: number, note: string) => {
    const v = await run(() => call('retention.destruction.confirmCondition', { id: view.id, recordIds: [recordId], note }));
    if (v) onChange(v);
  };
  const remove = async (recordId: number, reason: string) => {
    const v = await run(() => call('retention.cases.removeItems', { id: view.id, recordIds: [recordId], reason }));
    if (v) onChange(v);
  };
  return (
    <details className="rt-items" open={view.items.length <= 20}>
      <summary>{t('retensi.case.items', { count: view.items.filter((i) => !i.removed).length })}</summary>
      <table className="rt-table">
        <thead>
          <tr>
            <th>ID</th>
            <th>{t('retensi.case.subject')}</th>
            <th>{t('retensi.q.file')}</th>
            <th>{t('retensi.q.code')}</th>
            <th>{t('retensi.q.rule')}</th>
            <th>{t('retensi.q.due')}</th>
            {view.kind === 'transfer' && <th>{t('retensi.case.boxFolder')}</th>}
            <th>{t('retensi.case.status')}</th>
            {open && <th />}
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.recordId} className={item.removed ? 'rt-removed' : undefined}>
              <td className="rt-mono">{item.recordId}</td>
              <td>
                {item.subject}
                {item.letterNumber && <div className="rt-small rt-muted">{item.letterNumber}</div>}
              </td>
              <td>{item.fileTitle}</td>
              <td className="rt-mono">{item.classificationCode}</td>
              <td>
                <span className="rt-mono">{item.ruleCode}</span> {item.dispositionText}
              </td>
              <td>{formatDay(item.dueAt)}</td>
              {view.kind === 'transfer' && (
                <td>
                  {item.boxNumber} / {item.folderNumber}
                </td>
              )}
              <td>
                {item.removed ? (
                  <span className="rt-muted">{t('retensi.case.removed', { reason: item.removedReason ?? '' })}</span>
                ) : (
                  <span>{t(`retensi.status.${item.status}`)}</span>
                )}
                {item.conditional && !item.removed && (
                  <div className={item.conditionNote ? 'rt-small rt-ok' : 'rt-badge warning'}>{item.conditionNote ? t('retensi.case.conditionOk', { note: item.conditionNote }) : t('retensi.q.conditional')}</div>
                )}
              </td>
              {open && (
                <td className="rt-row-actions">
                  {!item.removed && view.kind === 'destruction' && item.conditional && !item.conditionNote && (
                    <ReasonButton label={t('retensi.case.confirmCondition')} prompt={t('retensi.case.conditionPrompt')} onSubmit={(note) => confirm(item.recordId, note)} />
                  )}
                  {!item.removed && <ReasonButton className="link-like" label={t('retensi.case.remove')} prompt={t('retensi.case.removePrompt')} onSubmit={(reason) => remove(item.recordId, reason)} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {view.items.length > shown.length && <p className="rt-small rt-muted">{t('retensi.case.moreItems', { count: view.items.length - shown.length })}</p>}
    </details>
  );
}

/** A generated document's buttons, shown inside the step that produced it (the DAUM beside its step, the berita acara beside the execution). */
function StepDocuments({ view, kinds }: { view: CaseView; kinds: readonly CaseDocument['kind'][] }) {
  const { t } = useTranslation();
  const shown = view.documents.filter((d) => kinds.includes(d.kind));
  if (shown.length === 0) return null;
  return (
    <div className="rt-step-docs">
      {shown.map((d) => (
        <DocButtons key={d.documentId} documentId={d.documentId} name={`${t(`retensi.docKind.${d.kind}`)} — ${d.originalName}`} />
      ))}
    </div>
  );
}

const DESTRUCTION_STEP_DOCS: readonly CaseDocument['kind'][] = ['daum', 'ba-pemusnahan'];

/**
 * Says who recorded each step, and warns when one account did them all: the law wants a committee,
 * an approver and an executor, and an app account doing every step is worth a second look.
 */
function WhoDidWhat({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const steps: { step: string; by: string }[] = [{ step: t('retensi.case.whoCreated'), by: view.createdBy }];
  for (const a of view.approvals) steps.push({ step: t(`retensi.authority.${a.authority}`), by: a.recordedBy });
  if (view.executedBy) steps.push({ step: t('retensi.case.whoExecuted'), by: view.executedBy });
  const people = new Set(steps.map((s) => s.by));
  const alone = steps.length >= 3 && people.size === 1;
  return (
    <div className={alone ? 'rt-who rt-missing' : 'rt-who'} data-testid="case-who" role={alone ? 'note' : undefined}>
      <p className="rt-small">
        {t('retensi.case.whoTitle')}{' '}
        {steps.map((s, i) => (
          <span key={i}>
            {i > 0 && ' · '}
            {s.step}: <strong>{s.by}</strong>
          </span>
        ))}
      </p>
      {alone && (
        <p className="rt-small" data-testid="case-one-person">
          <strong>{t('retensi.case.onePerson', { by: [...people][0] })}</strong>
        </p>
      )}
    </div>
  );
}

function Documents({ view, exclude = [] }: { view: CaseView; exclude?: readonly CaseDocument['kind'][] }) {
  const { t } = useTranslation();
  const rest = view.documents.filter((d) => !exclude.includes(d.kind));
  if (rest.length === 0) return null;
  return (
    <section className="rt-docs" aria-label={t('retensi.case.documents')}>
      <h3>{t('retensi.case.documents')}</h3>
      {rest.map((d) => (
        <DocButtons key={d.documentId} documentId={d.documentId} name={`${t(`retensi.docKind.${d.kind}`)} — ${d.originalName}`} />
      ))}
    </section>
  );
}

function LkdForm({ id, onChange }: { id: number; onChange(v: CaseView): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [agency, setAgency] = useState('');
  const [letterNumber, setNumber] = useState('');
  const [letterDate, setDate] = useState('');
  const [officer, setOfficer] = useState('');
  return (
    <form
      className="rt-form"
      aria-label={t('retensi.lkd.step')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => call('retention.destruction.lkd', { id, agency, letterNumber, letterDate, officer: officer.trim() || null })).then((r) => r && onChange(r));
      }}
    >
      <p className="rt-small rt-muted rt-wide">{t('retensi.lkd.hint')}</p>
      <label className="rt-wide">
        {t('retensi.lkd.agency')}
        <input value={agency} onChange={(e) => setAgency(e.target.value)} placeholder={t('retensi.lkd.agencyPlaceholder')} required />
      </label>
      <label>
        {t('retensi.case.letterNumber')}
        <input value={letterNumber} onChange={(e) => setNumber(e.target.value)} required />
      </label>
      <label className="rt-narrow">
        {t('retensi.case.letterDate')}
        <DateField id="rt-lkd-date" value={letterDate || null} onChange={(v) => setDate(v ?? '')} required />
      </label>
      <label>
        {t('retensi.lkd.officer')}
        <input value={officer} onChange={(e) => setOfficer(e.target.value)} />
      </label>
      <div className="rt-actions">
        <button type="submit" className="primary">
          {t('retensi.lkd.save')}
        </button>
      </div>
    </form>
  );
}

const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['sk-panitia', 'pertimbangan-panitia', 'persetujuan', 'penetapan', 'ba-ttd-basah', 'daftar-ttd-basah', 'lainnya'];

/** The scans attached to the case dossier, and adding one (staff; any state, even after execution). */
function Attachments({ view, onChange }: { view: CaseView; onChange(v: CaseView): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const staff = useRoles().includes('staff');
  const [kind, setKind] = useState<AttachmentKind>('sk-panitia');
  const [note, setNote] = useState('');
  const attach = async (file: File) => {
    const handle = await run(async () => (await filesToHandles([file]))[0] ?? null, { reload: false });
    if (!handle) return;
    const next = await run(() => call('retention.cases.attach', { id: view.id, handle, name: file.name, kind, note: note.trim() || null }));
    if (next) {
      setNote('');
      onChange(next);
    }
  };
  return (
    <section className="rt-docs" aria-label={t('retensi.attach.title')} data-testid="case-attachments">
      <h3>{t('retensi.attach.title')}</h3>
      <p className="rt-small rt-muted">{t('retensi.attach.hint')}</p>
      {view.attachments.length === 0 && <p className="rt-small rt-muted">{t('retensi.attach.none')}</p>}
      {view.attachments.map((a) => (
        <div key={a.id}>
          <DocButtons documentId={a.documentId} name={`${t(`retensi.attach.kind.${a.kind}`)} — ${a.originalName}${a.note ? ` (${a.note})` : ''}`} />
          <p className="rt-small rt-muted">
            {t('retensi.attach.added', { by: a.addedBy, date: formatDay(a.addedAt) })} · SHA-256 <span className="code">{a.sha256.slice(0, 16)}…</span>
          </p>
        </div>
      ))}
      {staff && (
        <div className="rt-form">
          <label>
            {t('retensi.attach.kindLabel')}
            <select value={kind} onChange={(e) => setKind(e.target.value as AttachmentKind)}>
              {ATTACHMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`retensi.attach.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('retensi.attach.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <label className="rt-wide">
            {t('retensi.attach.file')}
            <input
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/*"
              data-testid="attach-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void attach(file);
                e.target.value = '';
              }}
            />
          </label>
        </div>
      )}
    </section>
  );
}

function DestructionDetail({ view, onChange }: { view: CaseView; onChange(v: CaseView): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const self = useSelfSignatory();
  const [executor, setExecutor] = useState<Signatory>(self);
  const [witness1, setWitness1] = useState<Signatory>(EMPTY_SIGNATORY);
  const [witness2, setWitness2] = useState<Signatory>(EMPTY_SIGNATORY);
  const [baNumber, setBaNumber] = useState('');
  const [place, setPlace] = useState('');
  const [method, setMethod] = useState(t('retensi.case.defaultMethod'));
  const [understood, setUnderstood] = useState(false);
  const [result, setResult] = useState<{ destroyed: number; backups: BackupNotice } | null>(null);

  const by = new Map(view.approvals.map((a) => [a.authority, a]));
  const band = view.check.band;
  const approvalAuthority: Authority = band === '>=10' ? 'anri' : 'kepala-daerah';
  const decisionAuthority: Authority = band === '>=10' ? 'kepala-daerah' : 'kepala-perangkat-daerah';
  const committee = by.get('panitia-penilai');
  const approval = by.get(approvalAuthority);
  const decision = by.get(decisionAuthority);
  const done = view.state === 'done';
  const closed = done || view.state === 'cancelled' || view.state === 'rejected';
  const daum = view.documents.find((d) => d.kind === 'daum');
  const state = (isDone: boolean, isCurrent: boolean): StepState => (isDone ? 'done' : isCurrent ? 'current' : 'waiting');

  const record = async (authority: 'kepala-perangkat-daerah' | 'kepala-daerah' | 'anri', v: { letterNumber: string; letterDate: string; signedBy: string }) => {
    const next = await run(() => call('retention.destruction.approve', { id: view.id, authority, letterNumber: v.letterNumber, letterDate: v.letterDate, signedBy: v.signedBy }));
    if (next) onChange(next);
  };

  return (
    <>
      {band && (
        <p className="rt-band" data-testid="case-band">
          {t(band === '>=10' ? 'retensi.case.bandLong' : 'retensi.case.bandShort', { years: view.check.maxTotalYears })}
        </p>
      )}
      {!closed && <Missing view={view} />}
      <WhoDidWhat view={view} />
      <ol className="rt-steps">
        <Step n={1} testId="step-daum" state={state(Boolean(daum) || closed, !daum && !closed)} title={t('retensi.case.stepDaum', { count: view.items.filter((i) => !i.removed).length })}>
          <p className="rt-small rt-muted">{t('retensi.case.stepDaumHint')}</p>
          {!closed && (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void run(() => call('retention.destruction.daum', { id: view.id })).then(async (r) => {
                  if (r) onChange(await call('retention.cases.get', { id: view.id }));
                })
              }
            >
              {daum ? t('retensi.case.regenerateDaum') : t('retensi.case.generateDaum')}
            </button>
          )}
          <StepDocuments view={view} kinds={['daum']} />
        </Step>
        <Step n={2} testId="step-committee" state={state(Boolean(committee), view.state === 'draft')} title={t('retensi.case.stepCommittee')}>
          {committee ? (
            <ApprovalLine a={committee} />
          ) : view.state === 'draft' ? (
            <LetterForm
              withOpinion
              submitLabel={t('retensi.case.saveCommittee')}
              signedByLabel={t('retensi.case.committeeChair')}
              onSubmit={(v) => void run(() => call('retention.destruction.committee', { id: view.id, ...v })).then((r) => r && onChange(r))}
            />
          ) : null}
        </Step>
        <Step n={3} testId="step-approval" state={state(Boolean(approval), Boolean(committee?.agrees) && !approval && !closed)} title={t('retensi.case.stepApproval', { who: t(`retensi.authority.${approvalAuthority}`) })}>
          {approval ? (
            <ApprovalLine a={approval} />
          ) : committee?.agrees && !closed ? (
            <LetterForm submitLabel={t('retensi.case.saveApproval')} signedByLabel={t('retensi.case.signedBy')} onSubmit={(v) => void record(approvalAuthority as 'anri' | 'kepala-daerah', v)} />
          ) : (
            <p className="rt-small rt-muted">{t('retensi.case.afterCommittee')}</p>
          )}
        </Step>
        <Step n={4} testId="step-decision" state={state(Boolean(decision), Boolean(approval) && !decision && !closed)} title={t('retensi.case.stepDecision', { who: t(`retensi.authority.${decisionAuthority}`) })}>
          {decision ? (
            <ApprovalLine a={decision} />
          ) : approval && !closed ? (
            <LetterForm submitLabel={t('retensi.case.saveDecision')} signedByLabel={t('retensi.case.signedBy')} onSubmit={(v) => void record(decisionAuthority as 'kepala-daerah' | 'kepala-perangkat-daerah', v)} />
          ) : (
            <p className="rt-small rt-muted">{t('retensi.case.afterApproval')}</p>
          )}
        </Step>
        {band === '>=10' && (
          <Step n={5} testId="step-lkd" state={state(Boolean(view.lkd), Boolean(decision) && !view.lkd && !closed)} title={t('retensi.lkd.step')}>
            {view.lkd ? (
              <p className="rt-small">
                {t('retensi.lkd.recorded', { agency: view.lkd.agency, number: view.lkd.letterNumber, date: formatDay(view.lkd.letterDate), officer: view.lkd.officer ? ` — ${view.lkd.officer}` : '' })}
                <span className="rt-muted"> · {t('retensi.case.recordedBy', { by: view.lkd.recordedBy })}</span>
              </p>
            ) : decision && !closed ? (
              <LkdForm id={view.id} onChange={onChange} />
            ) : (
              <p className="rt-small rt-muted">{t('retensi.lkd.afterDecision')}</p>
            )}
          </Step>
        )}
        <Step n={band === '>=10' ? 6 : 5} testId="step-execute" state={state(done, Boolean(decision) && (band !== '>=10' || Boolean(view.lkd)) && !closed)} title={t('retensi.case.stepExecute')}>
          {done ? (
            <>
              <p className="rt-small">{t('retensi.case.executed', { number: view.baNumber, date: formatDay(view.baDate), by: view.executedBy })}</p>
              <StepDocuments view={view} kinds={['ba-pemusnahan']} />
            </>
          ) : closed ? (
            <p className="rt-small">{t(`retensi.state.${view.state}`)}: {view.closedReason}</p>
          ) : (
            <>
              {!view.check.canExecute && <p className="rt-small rt-muted">{t('retensi.case.afterAll')}</p>}
              {view.check.canExecute && (
                <form
                  className="rt-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const witnesses = [witness1, witness2].filter((w) => w.name.trim());
                    void run(() => call('retention.destruction.execute', { id: view.id, baNumber, place, method, executor, witnesses })).then((r) => {
                      if (r) {
                        setResult({ destroyed: r.destroyedRecords, backups: r.backups });
                        onChange(r.case);
                      }
                    });
                  }}
                >
                  <label>
                    {t('retensi.case.baNumber')}
                    <input value={baNumber} onChange={(e) => setBaNumber(e.target.value)} required />
                  </label>
                  <label>
                    {t('retensi.case.place')}
                    <input value={place} onChange={(e) => setPlace(e.target.value)} />
                  </label>
                  <label className="rt-wide">
                    {t('retensi.case.method')}
                    <input value={method} onChange={(e) => setMethod(e.target.value)} required />
                  </label>
                  <SignatoryFields legend={t('retensi.case.executor')} value={executor} onChange={setExecutor} />
                  <SignatoryFields legend={t('retensi.case.witness', { n: 1 })} value={witness1} onChange={setWitness1} />
                  <SignatoryFields legend={t('retensi.case.witness', { n: 2 })} value={witness2} onChange={setWitness2} required={false} />
                  <label className="rt-wide rt-check">
                    <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} required /> {t('retensi.case.understand', { count: view.items.filter((i) => !i.removed).length })}
                  </label>
                  <div className="rt-actions">
                    <button type="submit" className="danger" disabled={!understood}>
                      {t('retensi.case.execute')}
                    </button>
                  </div>
                </form>
              )}
            </>
          )}
        </Step>
      </ol>
      {result && (
        <div className="rt-result" role="status" data-testid="destruction-result">
          <strong>{t('retensi.case.destroyedCount', { count: result.destroyed })}</strong>
          <p>{pick(result.backups.message)}</p>
          {result.backups.generations.length > 0 && (
            <ul className="rt-small">
              {result.backups.generations.map((g) => (
                <li key={g.name}>
                  {g.name} ({formatDay(g.modifiedAt)})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

function SimpleDetail({ view, onChange }: { view: CaseView; onChange(v: CaseView): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [baNumber, setBaNumber] = useState('');
  const self = useSelfSignatory();
  const [from, setFrom] = useState<Signatory>(self);
  const [to, setTo] = useState<Signatory>(EMPTY_SIGNATORY);
  const [exportDir, setExportDir] = useState('');
  const [exportPath, setExportPath] = useState<string | null>(null);
  const approval = view.approvals.find((a) => a.authority === 'atasan');
  const done = view.state === 'done';
  const closed = done || view.state === 'cancelled';
  const kind = view.kind as 'transfer' | 'handover';
  return (
    <ol className="rt-steps">
      <Step n={1} testId="step-list" state="done" title={t(`retensi.case.stepList.${kind}`, { count: view.items.filter((i) => !i.removed).length })}>
        {view.location && <p className="rt-small">{t('retensi.case.location', { location: view.location })}</p>}
        {view.recipient && <p className="rt-small">{t('retensi.case.recipient', { recipient: view.recipient })}</p>}
      </Step>
      <Step n={2} testId="step-approve" state={approval ? 'done' : closed ? 'waiting' : 'current'} title={t('retensi.case.stepSupervisor')}>
        {approval ? (
          <ApprovalLine a={approval} />
        ) : (
          !closed && (
            <button type="button" className="primary" onClick={() => void run(() => call(kind === 'transfer' ? 'retention.transfer.approve' : 'retention.handover.approve', { id: view.id, note: '' })).then((r) => r && onChange(r))}>
              {t('retensi.case.approveList')}
            </button>
          )
        )}
      </Step>
      <Step n={3} testId="step-execute" state={done ? 'done' : approval && !closed ? 'current' : 'waiting'} title={t(`retensi.case.stepBa.${kind}`)}>
        {done ? (
          <p className="rt-small">
            {t('retensi.case.executed', { number: view.baNumber, date: formatDay(view.baDate), by: view.executedBy })}
            {(exportPath ?? view.exportPath) && <> — {t('retensi.case.exported', { path: exportPath ?? view.exportPath })}</>}
          </p>
        ) : approval && !closed ? (
          <>
            <Missing view={view} />
            <form
              className="rt-form"
              onSubmit={(e) => {
                e.preventDefault();
                const request =
                  kind === 'transfer'
                    ? run(() => call('retention.transfer.execute', { id: view.id, baNumber, from, to })).then((r) => r && onChange(r.case))
                    : run(() => call('retention.handover.execute', { id: view.id, baNumber, from, to, exportDir })).then((r) => {
                        if (r) {
                          setExportPath(r.exportPath);
                          onChange(r.case);
                        }
                      });
                void request;
              }}
            >
              <label>
                {t('retensi.case.baNumber')}
                <input value={baNumber} onChange={(e) => setBaNumber(e.target.value)} required />
              </label>
              {kind === 'handover' && (
                <label className="rt-wide">
                  {t('retensi.case.exportDir')}
                  <input value={exportDir} onChange={(e) => setExportDir(e.target.value)} required placeholder={t('retensi.doc.folderPlaceholder')} />
                </label>
              )}
              <SignatoryFields legend={t('retensi.case.fromParty')} value={from} onChange={setFrom} />
              <SignatoryFields legend={t(`retensi.case.toParty.${kind}`)} value={to} onChange={setTo} />
              <div className="rt-actions">
                <button type="submit" className="primary" disabled={!view.check.canExecute}>
                  {t(`retensi.case.executeSimple.${kind}`)}
                </button>
              </div>
            </form>
          </>
        ) : (
          <p className="rt-small rt-muted">{closed ? t(`retensi.state.${view.state}`) : t('retensi.case.afterSupervisor')}</p>
        )}
      </Step>
    </ol>
  );
}

function CaseDetail({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { setCase, showCase, run } = useRetention();
  const open = view.state !== 'done' && view.state !== 'cancelled' && view.state !== 'rejected';
  return (
    <article className="rt-case" aria-labelledby="rt-case-title">
      <header className="rt-case-head">
        <button type="button" className="link-like" onClick={() => void showCase(null)}>
          ← {t('retensi.case.back')}
        </button>
        <h2 id="rt-case-title">
          #{view.id} {view.title} <span className={`rt-state ${view.state}`}>{t(`retensi.state.${view.state}`)}</span>
        </h2>
        <span className="rt-muted rt-small">{t('retensi.case.createdBy', { by: view.createdBy, date: formatDay(view.createdAt) })}</span>
        {open && (
          <ReasonButton
            label={t('retensi.case.cancelCase')}
            prompt={t('retensi.case.cancelPrompt')}
            onSubmit={async (reason) => {
              const r = await run(() => call('retention.cases.cancel', { id: view.id, reason }));
              if (r) setCase(r);
            }}
          />
        )}
      </header>
      {view.kind === 'destruction' ? <DestructionDetail view={view} onChange={setCase} /> : <SimpleDetail view={view} onChange={setCase} />}
      <Documents view={view} exclude={view.kind === 'destruction' ? DESTRUCTION_STEP_DOCS : []} />
      <Attachments view={view} onChange={setCase} />
      <Items view={view} onChange={setCase} />
    </article>
  );
}

export function CasesView() {
  const { t } = useTranslation();
  const { tab, cases, openCase, showCase, loadCases, setTab } = useRetention();
  const kind = KIND_OF_TAB[tab]!;
  useEffect(() => {
    void loadCases();
  }, [loadCases, tab]);
  if (openCase && openCase.kind === kind) return <CaseDetail view={openCase} />;
  return (
    <section className="rt-panel" aria-labelledby="rt-cases-title">
      <div className="rt-section-head">
        <h2 id="rt-cases-title">{t(`retensi.cases.title.${kind}`)}</h2>
        <button type="button" className="secondary" onClick={() => setTab('antrean')}>
          {t('retensi.cases.fromQueue')}
        </button>
      </div>
      <p className="rt-muted rt-small">{t(`retensi.cases.hint.${kind}`)}</p>
      {cases.length === 0 ? (
        <p className="rt-empty">{t('retensi.cases.none')}</p>
      ) : (
        <table className="rt-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('retensi.cases.listTitle')}</th>
              <th>{t('retensi.case.status')}</th>
              <th>{t('retensi.q.records')}</th>
              <th>{t('retensi.cases.created')}</th>
              <th>{t('retensi.case.baNumber')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td className="rt-mono">{c.id}</td>
                <td>
                  <button type="button" className="link-like" onClick={() => void showCase(c.id)}>
                    {c.title}
                  </button>
                </td>
                <td>
                  <span className={`rt-state ${c.state}`}>{t(`retensi.state.${c.state}`)}</span>
                </td>
                <td>{formatCount(c.items)}</td>
                <td>
                  {formatDay(c.createdAt)} · {c.createdBy}
                </td>
                <td>{c.baNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
