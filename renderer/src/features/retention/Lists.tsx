// The Daftar Arsip Aktif / Inaktif a records unit hands in at least once a year: choose the list,
// the originating unit and the year, see the rows main laid out, export to PDF or XLSX (saved in
// the archive's ekspor folder). The layout is main's (retention/lists.ts); this screen only shows it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveListKind, ArchiveListTable } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useRetention } from './store.ts';
import './i18n.ts';
import { saveCopy } from '../../app/files.ts';

const ALL = '__all__';

export function ArchiveLists() {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [kind, setKind] = useState<ArchiveListKind>('aktif');
  const [unit, setUnit] = useState<string>(ALL);
  const [year, setYear] = useState<string>(ALL);
  const [choices, setChoices] = useState<{ units: string[]; years: number[] }>({ units: [], years: [] });
  const [table, setTable] = useState<ArchiveListTable | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const filter = { kind, unit: unit === ALL ? null : unit, year: year === ALL ? null : Number(year) };

  useEffect(() => {
    void run(() => call('retention.lists.choices', { kind }), { reload: false }).then((c) => c && setChoices(c));
  }, [kind, run]);
  useEffect(() => {
    // Each choice of unit or year asks again; an answer to an older choice arriving late must not
    // replace the newer one (the list would show another unit's records under this heading).
    let current = true;
    void run(() => call('retention.lists.view', { kind, unit: unit === ALL ? null : unit, year: year === ALL ? null : Number(year) }), { reload: false }).then((v) => {
      if (v && current) setTable(v);
    });
    return () => {
      current = false;
    };
  }, [kind, unit, year, run]);

  const exportAs = async (format: 'pdf' | 'xlsx') => {
    const out = await run(() => call('retention.lists.export', { ...filter, format }), { reload: false });
    if (out) {
      setSaved(t('retensi.lists.saved', { rows: out.rows, path: out.path }));
      saveCopy(out.download);
    }
  };

  return (
    <section className="rt-panel" aria-labelledby="rt-lists-title">
      <h2 id="rt-lists-title">{t('retensi.lists.title')}</h2>
      <p className="rt-muted rt-small">{t('retensi.lists.hint')}</p>
      <div className="rt-form">
        <label>
          {t('retensi.lists.kind')}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ArchiveListKind);
              setSaved(null);
            }}
          >
            <option value="aktif">{t('retensi.lists.aktif')}</option>
            <option value="inaktif">{t('retensi.lists.inaktif')}</option>
          </select>
        </label>
        <label>
          {t('retensi.lists.unit')}
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value={ALL}>{t('retensi.lists.allUnits')}</option>
            {choices.units.map((u) => (
              <option key={u} value={u}>
                {u || t('retensi.lists.noUnit')}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('retensi.lists.year')}
          <select value={year} onChange={(e) => setYear(e.target.value)}>
            <option value={ALL}>{t('retensi.lists.allYears')}</option>
            {choices.years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <div className="rt-actions" role="group" aria-label={t('retensi.lists.export')}>
          <button type="button" className="secondary" onClick={() => void exportAs('pdf')}>
            PDF
          </button>
          <button type="button" className="secondary" onClick={() => void exportAs('xlsx')}>
            XLSX
          </button>
        </div>
      </div>
      {saved && (
        <p className="rt-small rt-ok" role="status">
          {saved}
        </p>
      )}
      {table && (
        <>
          <p className="rt-small">
            <strong>{table.title}</strong> — {table.unit} · {table.period} · {t('retensi.lists.count', { files: table.files, records: table.records })}
          </p>
          {table.rows.length === 0 ? (
            <p className="rt-empty">{t('retensi.lists.empty')}</p>
          ) : (
            <div className="rt-table-wrap">
              <table className="rt-table" data-testid="archive-list">
                <thead>
                  <tr>
                    {table.columns.map((c) => (
                      <th key={c.header}>{c.header}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, i) => (
                    <tr key={i}>
                      {row.map((cell, j) => (
                        <td key={j}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
