// The DIP and DIK as the PPID sends them: the rows on screen, exports to XLSX, PDF and CSV (saved
// in the archive's ekspor folder), and the defaults the register titles and empty cells use.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DikRow, DipRow, RegisterFinding, RegisterPersonalData, RegisterSettings } from '../../../../preload/contract.ts';
import { EXEMPTION_GROUNDS } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatDate } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { useRoles } from '../login/store.ts';
import { both, usePublication } from './store.ts';
import './i18n.ts';
import { saveCopy } from '../../app/files.ts';

const PAGE = 200;

type Finding = RegisterFinding;

/** Export buttons. A register holding personal data is refused by main with the findings: they are
 *  listed here with the two ways on (masked, or, for a supervisor, as it is). */
function ExportButtons({ register }: { register: 'dip' | 'dik' }) {
  const { t } = useTranslation();
  const { attempt, say } = usePublication();
  const supervisor = useRoles().includes('supervisor');
  const [held, setHeld] = useState<{ format: 'xlsx' | 'pdf' | 'csv'; findings: Finding[]; total: number } | null>(null);
  const run = async (format: 'xlsx' | 'pdf' | 'csv', personalData: RegisterPersonalData) => {
    try {
      const out = await call('publication.export', { register, format, personalData });
      setHeld(null);
      saveCopy(out.download);
      say(true, both(out.personalData.action === 'mask' ? 'publikasi.registers.exportedMasked' : 'publikasi.registers.exported', { register: register.toUpperCase(), rows: out.rows, path: out.path, found: out.personalData.found }));
    } catch (error) {
      const details = error instanceof ApiError ? (error.value.details as { findings?: Finding[]; total?: number } | undefined) : undefined;
      if (details?.findings) {
        setHeld({ format, findings: details.findings, total: details.total ?? details.findings.length });
        return;
      }
      await attempt(() => Promise.reject(error));
    }
  };
  return (
    <div className="pub-export" role="group" aria-label={t('publikasi.registers.export')}>
      <span className="hint">{t('publikasi.registers.export')}:</span>
      {(['xlsx', 'pdf', 'csv'] as const).map((format) => (
        <button key={format} type="button" className="secondary small" onClick={() => void run(format, 'check')}>
          {format.toUpperCase()}
        </button>
      ))}
      {held && (
        <div className="pub-warn" role="alert" aria-label={t('publikasi.registers.personalTitle')}>
          <strong>{t('publikasi.registers.personalTitle')}</strong>
          <p>{t('publikasi.registers.personalFound', { register: register.toUpperCase(), count: held.total })}</p>
          <ul>
            {held.findings.slice(0, 20).map((f, i) => (
              <li key={i}>
                {t('publikasi.registers.personalRow', { number: f.number, column: f.column })}: <span className="code">{f.masked}</span> ({t(`publikasi.proposals.kind.${f.kind}`)})
              </li>
            ))}
          </ul>
          <button type="button" className="primary small" onClick={() => void run(held.format, 'mask')}>
            {t('publikasi.registers.exportMasked')}
          </button>
          {supervisor && (
            <button type="button" className="secondary small" onClick={() => void run(held.format, 'keep')}>
              {t('publikasi.registers.exportKeep')}
            </button>
          )}
          <button type="button" className="secondary small" onClick={() => setHeld(null)}>
            {t('publikasi.registers.exportCancel')}
          </button>
        </div>
      )}
    </div>
  );
}

/** One register on screen: its rows page by page, the total, the exports, and what the caller
 *  adds below (the DIP's settings). Columns and cells come from the register. */
interface RegisterRows {
  dip: DipRow;
  dik: DikRow;
}
type Page<K extends keyof RegisterRows> = { total: number; rows: RegisterRows[K][] };

/** Each register's page of rows; a module constant, so the effect below depends on the register only. */
const LOAD: { [K in keyof RegisterRows]: (limit: number) => Promise<Page<K>> } = {
  dip: (limit) => call('publication.dip', { offset: 0, limit }),
  dik: (limit) => call('publication.dik', { offset: 0, limit }),
};

function RegisterPanel<K extends keyof RegisterRows>({
  register,
  columns,
  cells,
  tableClass,
  children,
}: {
  register: K;
  columns: readonly string[];
  cells(row: RegisterRows[K]): ReactNode;
  tableClass?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { version } = usePublication();
  const [data, setData] = useState<Page<K> | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const kind: keyof RegisterRows = register;
  useEffect(() => {
    const load = LOAD[register] as (limit: number) => Promise<Page<K>>;
    void load(limit).then(setData);
  }, [version, limit, register]);
  return (
    <section className="pub-register" aria-labelledby={`${register}-title`}>
      <header className="pub-register-head">
        <h2 id={`${register}-title`}>{t(`publikasi.registers.${kind}Title`)}</h2>
        {data && <span className="hint">{t('publikasi.registers.total', { count: data.total })}</span>}
        <span className="spacer" />
        <ExportButtons register={register} />
      </header>
      {data && data.total === 0 ? (
        <p className="pub-empty">{t(`publikasi.registers.${kind}Empty`)}</p>
      ) : (
        <table className={`simple-table pub-table${tableClass ? ` ${tableClass}` : ''}`}>
          <thead>
            <tr>
              {columns.map((k) => (
                <th key={k}>{t(`publikasi.registers.${kind}.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((r) => (
              <tr key={r.recordId}>{cells(r)}</tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > data.rows.length && (
        <button type="button" className="secondary" onClick={() => setLimit(limit + PAGE)}>
          {t('publikasi.registers.more')}
        </button>
      )}
      {children}
    </section>
  );
}

export function DipPanel() {
  const { t } = useTranslation();
  return (
    <RegisterPanel
      register="dip"
      columns={['number', 'summary', 'unit', 'responsible', 'made', 'forms', 'retention', 'category']}
      tableClass="pub-dip"
      cells={(r) => (
        <>
          <td>{r.number}</td>
          <td>{r.summary}</td>
          <td>{r.unit ?? '—'}</td>
          <td>{r.responsible ?? '—'}</td>
          <td>{[formatDate(r.date), r.place].filter((v) => v && v !== '—').join(', ') || '—'}</td>
          <td>{r.forms.length ? r.forms.map((f) => (f === 'softcopy' ? 'Softcopy' : 'Hardcopy')).join(', ') : '—'}</td>
          <td>{r.retention ?? '—'}</td>
          <td>{t(`publikasi.category.${r.category}`)}</td>
        </>
      )}
    >
      <SettingsForm />
    </RegisterPanel>
  );
}

export function DikPanel() {
  const { t } = useTranslation();
  return (
    <RegisterPanel
      register="dik"
      columns={['number', 'information', 'subject', 'ground', 'harm', 'until', 'decision']}
      cells={(r) => (
        <>
          <td>{r.number}</td>
          <td>{r.information}</td>
          <td>{r.subject}</td>
          <td>
            Pasal 17 huruf {r.ground}
            <div className="hint">{pick(EXEMPTION_GROUNDS[r.ground])}</div>
            {r.statute && (
              <div className="hint">
                jo. {r.statute.name} {r.statute.article}
              </div>
            )}
          </td>
          <td>{r.harm}</td>
          <td>{r.until ? t('publikasi.classify.untilDate', { date: formatDate(r.until) }) : t('publikasi.classify.permanentShort')}</td>
          <td>
            {r.decisionNumber}
            <div className="hint">{formatDate(r.decisionDate)}</div>
          </td>
        </>
      )}
    />
  );
}

function SettingsForm() {
  const { t } = useTranslation();
  const { attempt } = usePublication();
  const supervisor = useRoles().includes('supervisor');
  const [settings, setSettings] = useState<RegisterSettings | null>(null);
  useEffect(() => {
    void call('publication.settings', {}).then(setSettings);
  }, []);
  if (!settings) return null;
  const fields = ['agency', 'unit', 'responsible', 'place'] as const;
  return (
    <details className="pub-settings">
      <summary>{t('publikasi.registers.settings')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void attempt(() => call('publication.saveSettings', settings), both('publikasi.registers.saved'));
        }}
      >
        <fieldset disabled={!supervisor} className="pub-settings-grid">
          {fields.map((f) => (
            <div className="field" key={f}>
              <label htmlFor={`reg-${f}`}>{t(`publikasi.registers.${f}`)}</label>
              <input id={`reg-${f}`} value={settings[f]} onChange={(e) => setSettings({ ...settings, [f]: e.target.value })} />
            </div>
          ))}
          <button type="submit" className="secondary">
            {t('publikasi.registers.save')}
          </button>
        </fieldset>
      </form>
    </details>
  );
}
