// The DIP and DIK as the PPID sends them: the rows on screen, exports to XLSX, PDF and CSV (saved
// in the archive's ekspor folder), and the defaults the register titles and empty cells use.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DikRow, DipRow, RegisterSettings } from '../../../../preload/contract.ts';
import { EXEMPTION_GROUNDS } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatDate } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { useRoles } from '../login/store.ts';
import { both, usePublication } from './store.ts';

const PAGE = 200;

function ExportButtons({ register }: { register: 'dip' | 'dik' }) {
  const { t } = useTranslation();
  const { attempt, say } = usePublication();
  return (
    <div className="pub-export" role="group" aria-label={t('publikasi.registers.export')}>
      <span className="hint">{t('publikasi.registers.export')}:</span>
      {(['xlsx', 'pdf', 'csv'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="secondary small"
          onClick={async () => {
            const out = await attempt(() => call('publication.export', { register, format }));
            if (out) say(true, both('publikasi.registers.exported', { register: register.toUpperCase(), rows: out.rows, path: out.path }));
          }}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function DipPanel() {
  const { t } = useTranslation();
  const { version } = usePublication();
  const [data, setData] = useState<{ total: number; rows: DipRow[] } | null>(null);
  const [limit, setLimit] = useState(PAGE);
  useEffect(() => {
    void call('publication.dip', { offset: 0, limit }).then(setData);
  }, [version, limit]);
  return (
    <section className="pub-register" aria-labelledby="dip-title">
      <header className="pub-register-head">
        <h2 id="dip-title">{t('publikasi.registers.dipTitle')}</h2>
        {data && <span className="hint">{t('publikasi.registers.total', { count: data.total })}</span>}
        <span className="spacer" />
        <ExportButtons register="dip" />
      </header>
      {data && data.total === 0 ? (
        <p className="pub-empty">{t('publikasi.registers.dipEmpty')}</p>
      ) : (
        <table className="simple-table pub-table pub-dip">
          <thead>
            <tr>
              {(['number', 'summary', 'unit', 'responsible', 'made', 'forms', 'retention', 'category'] as const).map((k) => (
                <th key={k}>{t(`publikasi.registers.dip.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((r) => (
              <tr key={r.recordId}>
                <td>{r.number}</td>
                <td>{r.summary}</td>
                <td>{r.unit ?? '—'}</td>
                <td>{r.responsible ?? '—'}</td>
                <td>{[formatDate(r.date), r.place].filter((v) => v && v !== '—').join(', ') || '—'}</td>
                <td>{r.forms.length ? r.forms.map((f) => (f === 'softcopy' ? 'Softcopy' : 'Hardcopy')).join(', ') : '—'}</td>
                <td>{r.retention ?? '—'}</td>
                <td>{t(`publikasi.category.${r.category}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > data.rows.length && (
        <button type="button" className="secondary" onClick={() => setLimit(limit + PAGE)}>
          {t('publikasi.registers.more')}
        </button>
      )}
      <SettingsForm />
    </section>
  );
}

export function DikPanel() {
  const { t } = useTranslation();
  const { version } = usePublication();
  const [data, setData] = useState<{ total: number; rows: DikRow[] } | null>(null);
  const [limit, setLimit] = useState(PAGE);
  useEffect(() => {
    void call('publication.dik', { offset: 0, limit }).then(setData);
  }, [version, limit]);
  return (
    <section className="pub-register" aria-labelledby="dik-title">
      <header className="pub-register-head">
        <h2 id="dik-title">{t('publikasi.registers.dikTitle')}</h2>
        {data && <span className="hint">{t('publikasi.registers.total', { count: data.total })}</span>}
        <span className="spacer" />
        <ExportButtons register="dik" />
      </header>
      {data && data.total === 0 ? (
        <p className="pub-empty">{t('publikasi.registers.dikEmpty')}</p>
      ) : (
        <table className="simple-table pub-table">
          <thead>
            <tr>
              {(['number', 'information', 'subject', 'ground', 'harm', 'until', 'decision'] as const).map((k) => (
                <th key={k}>{t(`publikasi.registers.dik.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((r) => (
              <tr key={r.recordId}>
                <td>{r.number}</td>
                <td>{r.information}</td>
                <td>{r.subject}</td>
                <td>
                  Pasal 17 huruf {r.ground}
                  <div className="hint">{pick(EXEMPTION_GROUNDS[r.ground])}</div>
                </td>
                <td>{r.harm}</td>
                <td>{r.until ? t('publikasi.classify.untilDate', { date: formatDate(r.until) }) : t('publikasi.classify.permanentShort')}</td>
                <td>
                  {r.decisionNumber}
                  <div className="hint">{formatDate(r.decisionDate)}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > data.rows.length && (
        <button type="button" className="secondary" onClick={() => setLimit(limit + PAGE)}>
          {t('publikasi.registers.more')}
        </button>
      )}
    </section>
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
