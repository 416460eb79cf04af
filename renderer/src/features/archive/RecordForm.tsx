// Create or edit a record's metadata (domain.md § Records). Checks what it can before sending,
// with messages that say what to fix; the main process checks again and has the last word.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BLANK_RECORD_FIELDS, CLASSIFICATION_CODE, type FileView, type LetterNumberParts, type RecordFields, type RecordView } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { pick } from '../../i18n/index.ts';
import { toast } from '../../app/Toasts.tsx';
import { ClassificationPicker } from './ClassificationPicker.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { earliestDay, todayLocal } from '../../ui/dates.ts';
import { DocumentPreview } from '../preview/DocumentPreview.tsx';

const SPLIT_KEY = 'berkas.formPreviewPercent';
/** The preview's share of the split window, kept between sessions; the form keeps at least ~420 px. */
function savedPercent(): number {
  const v = Number(localStorage.getItem(SPLIT_KEY));
  return v >= 25 && v <= 70 ? v : 52;
}


function fieldsOf(record: RecordView): RecordFields {
  const { id: _id, status: _s, createdAt: _c, updatedAt: _u, version: _v, classificationTitle: _t, classificationScheme: _cs, fileTitle: _f, documents: _d, ...fields } = record;
  return fields;
}

/** The form's label key of each field, for the conflict table. */
const LABEL: Record<keyof RecordFields, string> = {
  letterNumber: 'form.letterNumber',
  letterDate: 'form.letterDate',
  subject: 'form.subject',
  description: 'form.description',
  creator: 'form.creator',
  originatingUnit: 'form.unit',
  classificationCode: 'form.code',
  fileId: 'form.file',
  itemNumber: 'form.item',
  developmentLevel: 'form.level',
  medium: 'form.medium',
  count: 'form.count',
  countUnit: 'form.countUnit',
  condition: 'form.condition',
  location: 'form.location',
  securityClass: 'form.security',
  recordsCategory: 'form.category',
};

/** The record as it is now, sent with a conflict (main/archive/records.ts updateRecord). */
function conflictCurrent(error: unknown): RecordView | null {
  if (!(error instanceof ApiError) || error.value.code !== 'conflict') return null;
  const current = (error.value.details as { current?: RecordView } | undefined)?.current;
  return current && typeof current.version === 'number' ? current : null;
}

type Errors = Partial<Record<keyof RecordFields, string>>;

export function validate(fields: RecordFields, t: (key: string) => string): Errors {
  const errors: Errors = {};
  if (!fields.subject.trim()) errors.subject = t('form.error.subject');
  if (fields.classificationCode && !CLASSIFICATION_CODE.test(fields.classificationCode)) errors.classificationCode = t('form.error.code');
  if (fields.letterDate && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(fields.letterDate)) errors.letterDate = t('form.error.date');
  else if (fields.letterDate && earliestDay(fields.letterDate) > todayLocal()) errors.letterDate = t('form.error.future');
  if (!Number.isInteger(fields.count) || fields.count < 1) errors.count = t('form.error.count');
  return errors;
}

export function RecordForm({ record, onClose, onSaved }: { record: RecordView | null; onClose(): void; onSaved(record: RecordView): void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<RecordFields>(record ? fieldsOf(record) : BLANK_RECORD_FIELDS);
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [parsed, setParsed] = useState<LetterNumberParts | null>(null);
  const [files, setFiles] = useState<FileView[]>([]);
  const [saving, setSaving] = useState(false);
  // The version this edit started from; a conflict shows what is saved now beside what was typed.
  const [baseVersion, setBaseVersion] = useState(record?.version);
  const [conflict, setConflict] = useState<RecordView | null>(null);
  const conflictBox = useRef<HTMLElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  // The letter beside the form it is typed from (issue 14.7): on by default when there is a document to read.
  const documents = record?.documents ?? [];
  const [split, setSplit] = useState(documents.length > 0 && window.innerWidth >= 1100);
  const [shownDocument, setShownDocument] = useState(0);
  const [percent, setPercent] = useState(savedPercent);
  const splitBox = useRef<HTMLDivElement>(null);
  const document = documents[shownDocument] ?? documents[0] ?? null;

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  // The comparison sits under the last field: bring it into view when a save meets a newer version.
  useEffect(() => {
    if (conflict) conflictBox.current?.scrollIntoView({ block: 'nearest' });
  }, [conflict]);
  useEffect(() => localStorage.setItem(SPLIT_KEY, String(percent)), [percent]);

  const drag = (event: React.PointerEvent<HTMLDivElement>) => {
    const box = splitBox.current?.getBoundingClientRect();
    if (!box) return;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => setPercent(Math.round(Math.min(70, Math.max(25, ((e.clientX - box.left) / box.width) * 100))));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  useEffect(() => {
    void call('files.list', { codePrefix: fields.classificationCode ?? undefined, openOnly: true }).then(setFiles, () => setFiles([]));
  }, [fields.classificationCode]);

  const set = <K extends keyof RecordFields>(key: K, value: RecordFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const text = (key: keyof RecordFields) => (value: string) => set(key, (value.trim() === '' ? null : value) as never);

  const parseNumber = async () => {
    if (!fields.letterNumber) return;
    const parts = await call('letterNumber.parse', { text: fields.letterNumber });
    setParsed(parts);
    if (!parts) return;
    setFields((f) => ({
      ...f,
      classificationCode: parts.classificationCode ?? f.classificationCode,
      originatingUnit: f.originatingUnit ?? parts.unit,
      securityClass: parts.securityPrefix === 'R' ? 'rahasia' : parts.securityPrefix === 'SR' ? 'sangat-rahasia' : parts.securityPrefix === 'T' ? 'terbatas' : f.securityClass,
      // Only what the number says: a year alone stays a year, a month and year stay that.
      letterDate: f.letterDate ?? (parts.year ? (parts.month ? `${parts.year}-${String(parts.month).padStart(2, '0')}` : String(parts.year)) : null),
    }));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(fields, t);
    setErrors(found);
    // A date field whose text does not read as a date says so itself and blocks sending.
    if (Object.keys(found).length > 0 || !event.currentTarget.checkValidity()) return;
    await save(baseVersion);
  };

  const save = async (expectedVersion: number | undefined) => {
    setSaving(true);
    setServerError(null);
    try {
      const saved = record ? await call('records.update', { id: record.id, fields, expectedVersion }) : await call('records.create', { fields });
      toast('success', { id: `Arsip ${saved.id} tersimpan.`, en: `Record ${saved.id} saved.` });
      setConflict(null);
      onSaved(saved);
    } catch (error) {
      // Whatever went wrong, the form keeps what was typed.
      setConflict(conflictCurrent(error));
      setServerError(error instanceof ApiError ? pick(error.value.message) : String(error));
    } finally {
      setSaving(false);
    }
  };

  const show = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : String(value));
  const differing = conflict ? (Object.keys(LABEL) as (keyof RecordFields)[]).filter((k) => show(conflict[k]) !== show(fields[k])) : [];

  const field = (key: keyof RecordFields, label: string, input: React.ReactNode) => (
    <div className={`field${errors[key] ? ' invalid' : ''}`}>
      <label htmlFor={`f-${key}`}>{label}</label>
      {input}
      {errors[key] && (
        <div className="field-error" id={`f-${key}-error`} role="alert">
          {errors[key]}
        </div>
      )}
    </div>
  );
  const describedBy = (key: keyof RecordFields) => (errors[key] ? `f-${key}-error` : undefined);

  return (
    <dialog ref={dialog} className={split && document ? 'dialog record-split' : 'dialog wide'} aria-labelledby="record-form-title" onClose={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={splitBox} className={split && document ? 'record-split-body' : undefined} style={split && document ? { gridTemplateColumns: `${percent}% 8px minmax(420px, 1fr)` } : undefined}>
      {split && document && (
        <>
          <section className="record-split-preview" aria-label={t('form.previewRegion')}>
            {documents.length > 1 && (
              <div className="pub-review-docs" role="tablist">
                {documents.map((d, i) => (
                  <button key={d.id} type="button" role="tab" aria-selected={d === document} className={d === document ? 'active' : undefined} onClick={() => setShownDocument(i)}>
                    {d.originalName}
                  </button>
                ))}
              </div>
            )}
            <DocumentPreview key={document.id} document={document} />
          </section>
          <div
            className="record-split-handle"
            role="separator"
            aria-orientation="vertical"
            aria-label={t('form.resizePreview')}
            aria-valuemin={25}
            aria-valuemax={70}
            aria-valuenow={percent}
            tabIndex={0}
            onPointerDown={drag}
            onKeyDown={(e) => {
              if (e.key === 'ArrowLeft') setPercent((p) => Math.max(25, p - 5));
              else if (e.key === 'ArrowRight') setPercent((p) => Math.min(70, p + 5));
            }}
          />
        </>
      )}
      <form onSubmit={submit} noValidate>
        <div className="record-form-head">
          <h2 id="record-form-title">{record ? t('form.editTitle', { id: record.id }) : t('form.newTitle')}</h2>
          {documents.length > 0 && (
            <button type="button" className="secondary small" aria-pressed={split} onClick={() => setSplit((v) => !v)}>
              {split ? t('form.hidePreview') : t('form.showPreview')}
            </button>
          )}
        </div>
        <div className="form-grid">
          {field(
            'letterNumber',
            t('form.letterNumber'),
            <div className="picker-row">
              <input id="f-letterNumber" value={fields.letterNumber ?? ''} onChange={(e) => text('letterNumber')(e.target.value)} onBlur={() => void parseNumber()} placeholder="B/500.12.16.3/573/BPBD-KL/IX/2026" />
              <button type="button" className="secondary small" onClick={() => void parseNumber()}>
                {t('form.parse')}
              </button>
            </div>,
          )}
          <div className={`field${errors.letterDate ? ' invalid' : ''}`}>
            <label htmlFor="f-letterDate">{t('form.letterDate')}</label>
            <DateField id="f-letterDate" partial value={fields.letterDate} error={errors.letterDate} onChange={(v) => set('letterDate', v)} />
          </div>
          {parsed && <p className="hint span-2">{t('form.parsed', { code: parsed.classificationCode ?? '—', seq: parsed.sequence ?? '—', unit: parsed.unit ?? '—', year: parsed.year ?? '—' })}</p>}
          <div className="span-2">
            {field('subject', t('form.subject'), <input id="f-subject" value={fields.subject} required aria-invalid={!!errors.subject} aria-describedby={describedBy('subject')} onChange={(e) => set('subject', e.target.value)} />)}
          </div>
          <div className="span-2">
            {field('description', t('form.description'), <textarea id="f-description" rows={3} value={fields.description ?? ''} onChange={(e) => text('description')(e.target.value)} />)}
          </div>
          <div className={`field${errors.classificationCode ? ' invalid' : ''}`}>
            <ClassificationPicker id="f-classificationCode" label={t('form.code')} value={fields.classificationCode} onChange={(code) => set('classificationCode', code)} />
            {errors.classificationCode && <div className="field-error" role="alert">{errors.classificationCode}</div>}
          </div>
          {field(
            'fileId',
            t('form.file'),
            <select id="f-fileId" value={fields.fileId ?? ''} onChange={(e) => set('fileId', e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('form.noFile')}</option>
              {files.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.classificationCode} · {f.fileNumber ? `${f.fileNumber} · ` : ''}
                  {f.title}
                </option>
              ))}
            </select>,
          )}
          {field('creator', t('form.creator'), <input id="f-creator" value={fields.creator ?? ''} onChange={(e) => text('creator')(e.target.value)} />)}
          {field('originatingUnit', t('form.unit'), <input id="f-originatingUnit" value={fields.originatingUnit ?? ''} onChange={(e) => text('originatingUnit')(e.target.value)} />)}
          {field(
            'developmentLevel',
            t('form.level'),
            <select id="f-developmentLevel" value={fields.developmentLevel} onChange={(e) => set('developmentLevel', e.target.value as RecordFields['developmentLevel'])}>
              {(['asli', 'salinan', 'tembusan', 'konsep', 'petikan'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`arsip.level.${v}`)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'medium',
            t('form.medium'),
            <select id="f-medium" value={fields.medium} onChange={(e) => set('medium', e.target.value as RecordFields['medium'])}>
              {(['tekstual', 'elektronik', 'kartografi', 'audio-visual'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`arsip.medium.${v}`)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'count',
            t('form.count'),
            <div className="picker-row">
              <input id="f-count" type="number" min={1} value={fields.count} aria-describedby={describedBy('count')} onChange={(e) => set('count', Number(e.target.value))} />
              <select aria-label={t('form.countUnit')} value={fields.countUnit} onChange={(e) => set('countUnit', e.target.value)}>
                {['lembar', 'berkas', 'boks', 'bundel', 'eksemplar'].map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </div>,
          )}
          {field('itemNumber', t('form.item'), <input id="f-itemNumber" type="number" min={1} value={fields.itemNumber ?? ''} onChange={(e) => set('itemNumber', e.target.value ? Number(e.target.value) : null)} />)}
          {field(
            'securityClass',
            t('form.security'),
            <select id="f-securityClass" value={fields.securityClass} onChange={(e) => set('securityClass', e.target.value as RecordFields['securityClass'])}>
              {(['biasa', 'terbatas', 'rahasia', 'sangat-rahasia'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`arsip.security.${v}`)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'recordsCategory',
            t('form.category'),
            <select id="f-recordsCategory" value={fields.recordsCategory} onChange={(e) => set('recordsCategory', e.target.value as RecordFields['recordsCategory'])}>
              {(['umum', 'terjaga', 'vital'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`arsip.category.${v}`)}
                </option>
              ))}
            </select>,
          )}
          {field('condition', t('form.condition'), <input id="f-condition" value={fields.condition ?? ''} onChange={(e) => text('condition')(e.target.value)} placeholder={t('form.conditionHint')} />)}
          {field('location', t('form.location'), <input id="f-location" value={fields.location ?? ''} onChange={(e) => text('location')(e.target.value)} placeholder={t('form.locationHint')} />)}
        </div>
        {serverError && (
          <p role="alert" className="form-error">
            {serverError}
          </p>
        )}
        {conflict && (
          <section ref={conflictBox} className="form-conflict" aria-labelledby="form-conflict-title">
            <h3 id="form-conflict-title">{t('form.conflict.title', { version: conflict.version })}</h3>
            <table>
              <thead>
                <tr>
                  <th>{t('form.conflict.field')}</th>
                  <th>{t('form.conflict.saved')}</th>
                  <th>{t('form.conflict.yours')}</th>
                </tr>
              </thead>
              <tbody>
                {differing.map((k) => (
                  <tr key={k}>
                    <th scope="row">{t(LABEL[k])}</th>
                    <td>{show(conflict[k])}</td>
                    <td>{show(fields[k])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="dialog-actions">
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setFields(fieldsOf(conflict));
                  setBaseVersion(conflict.version);
                  setConflict(null);
                  setServerError(null);
                }}
              >
                {t('form.conflict.takeSaved')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={saving}
                onClick={() => {
                  setBaseVersion(conflict.version);
                  void save(conflict.version);
                }}
              >
                {t('form.conflict.keepMine')}
              </button>
            </div>
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('form.cancel')}
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? t('form.saving') : t('form.save')}
          </button>
        </div>
      </form>
      </div>
    </dialog>
  );
}
