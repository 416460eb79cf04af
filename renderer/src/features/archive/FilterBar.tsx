// Filters over the list and the search: classification subtree, date range, status, medium,
// security class; saved searches; the column chooser.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordFilter, SavedSearchView } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { ClassificationPicker } from './ClassificationPicker.tsx';
import { ALL_COLUMNS, useArchive, type ColumnKey } from './store.ts';
import { DateField } from '../../ui/DateField.tsx';

const STATUSES = ['aktif', 'inaktif', 'permanen', 'musnah', 'diserahkan'] as const;
const MEDIA = ['tekstual', 'elektronik', 'kartografi', 'audio-visual'] as const;
const SECURITY = ['biasa', 'terbatas', 'rahasia', 'sangat-rahasia'] as const;

function MultiSelect<T extends string>({ label, values, chosen, render, onChange }: { label: string; values: readonly T[]; chosen: T[] | undefined; render(v: T): string; onChange(v: T[] | undefined): void }) {
  const { t } = useTranslation();
  return (
    <details className="menu">
      <summary>
        {label}
        {chosen && chosen.length > 0 ? ` (${chosen.length})` : ''}
      </summary>
      <fieldset className="menu-pop">
        <legend className="sr-only">{label}</legend>
        {values.map((v) => (
          <label key={v} className="check">
            <input
              type="checkbox"
              checked={chosen?.includes(v) ?? false}
              onChange={(e) => {
                const next = new Set(chosen ?? []);
                if (e.target.checked) next.add(v);
                else next.delete(v);
                onChange(next.size ? [...next] : undefined);
              }}
            />
            {render(v)}
          </label>
        ))}
        {chosen && chosen.length > 0 && (
          <button type="button" className="link-inline" onClick={() => onChange(undefined)}>
            {t('filter.clear')}
          </button>
        )}
      </fieldset>
    </details>
  );
}

export function FilterBar() {
  const { t } = useTranslation();
  const { filter, columns, query, fileLabel } = useArchive();
  const [saved, setSaved] = useState<SavedSearchView[]>([]);
  const update = (patch: Partial<RecordFilter>) => {
    const next: RecordFilter = { ...filter, ...patch };
    for (const key of Object.keys(next) as (keyof RecordFilter)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    useArchive.getState().setFilter(next);
  };
  const active = Object.keys(filter).length > 0;

  const loadSaved = () => void call('searches.list', {}).then(setSaved, () => setSaved([]));
  useEffect(loadSaved, []);

  const saveCurrent = async () => {
    const name = window.prompt(t('filter.saveName'));
    if (!name) return;
    try {
      await call('searches.save', { name, query, filter });
      toast('success', { id: `Pencarian "${name}" disimpan.`, en: `Search "${name}" saved.` });
      loadSaved();
    } catch (e) {
      if (e instanceof ApiError) toast('error', e.value.message);
    }
  };

  return (
    <div className="filter-bar" role="toolbar" aria-label={t('filter.label')}>
      <div className="filter-code">
        <ClassificationPicker label={t('filter.code')} value={filter.codePrefix ?? null} onChange={(code) => update({ codePrefix: code ?? undefined })} />
      </div>
      <div className="field compact">
        <label htmlFor="filter-from">{t('filter.from')}</label>
        <DateField id="filter-from" value={filter.dateFrom ?? null} onChange={(v) => update({ dateFrom: v ?? undefined })} />
      </div>
      <div className="field compact">
        <label htmlFor="filter-to">{t('filter.to')}</label>
        <DateField id="filter-to" value={filter.dateTo ?? null} onChange={(v) => update({ dateTo: v ?? undefined })} />
      </div>
      <MultiSelect label={t('arsip.column.status')} values={STATUSES} chosen={filter.status} render={(v) => t(`arsip.status.${v}`)} onChange={(status) => update({ status })} />
      <MultiSelect label={t('arsip.column.medium')} values={MEDIA} chosen={filter.medium} render={(v) => t(`arsip.medium.${v}`)} onChange={(medium) => update({ medium })} />
      <MultiSelect label={t('arsip.column.securityClass')} values={SECURITY} chosen={filter.securityClass} render={(v) => t(`arsip.security.${v}`)} onChange={(securityClass) => update({ securityClass })} />
      {filter.fileId !== undefined && (
        <span className="chip" data-testid="file-filter">
          {t('files.lookedUp', { title: fileLabel ?? `#${filter.fileId}` })}
          <button type="button" className="link-inline" aria-label={t('filter.reset')} onClick={() => update({ fileId: undefined })}>
            ×
          </button>
        </span>
      )}
      <label className="check">
        <input type="checkbox" checked={filter.unfiled ?? false} onChange={(e) => update({ unfiled: e.target.checked || undefined })} />
        {t('filter.unfiled')}
      </label>
      {active && (
        <button type="button" className="link-inline" onClick={() => useArchive.getState().setFilter({})}>
          {t('filter.reset')}
        </button>
      )}
      <span className="spacer" />
      <details className="menu">
        <summary>{t('filter.saved')}</summary>
        <div className="menu-pop">
          {saved.length === 0 && <p className="hint">{t('filter.noSaved')}</p>}
          <ul className="plain">
            {saved.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="link-inline"
                  onClick={() => {
                    useArchive.getState().setFilter(s.filter);
                    void useArchive.getState().runSearch(s.query);
                  }}
                >
                  {s.name}
                </button>
                <button
                  type="button"
                  className="link-inline danger-text"
                  aria-label={t('filter.deleteSaved', { name: s.name })}
                  onClick={() =>
                    void call('searches.delete', { id: s.id }).then(loadSaved, (e: unknown) => {
                      if (e instanceof ApiError) toast('error', e.value.message);
                    })
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="secondary small" onClick={() => void saveCurrent()} disabled={!active && !query}>
            {t('filter.saveCurrent')}
          </button>
        </div>
      </details>
      <details className="menu">
        <summary>{t('filter.columns')}</summary>
        <fieldset className="menu-pop">
          <legend className="sr-only">{t('filter.columns')}</legend>
          {ALL_COLUMNS.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={columns.includes(c)}
                disabled={c === 'subject'}
                onChange={(e) => {
                  const next: ColumnKey[] = e.target.checked ? ALL_COLUMNS.filter((k) => k === c || columns.includes(k)) : columns.filter((k) => k !== c);
                  useArchive.getState().setColumns(next);
                }}
              />
              {t(`arsip.column.${c}`)}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}

