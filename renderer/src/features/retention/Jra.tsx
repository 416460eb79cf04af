// The retention schedule (JRA): import a new version from CSV or XLSX, see what it would change for
// the files already here, and put it in force only after reading that. Earlier versions stay.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JraRule, JraVersion, VersionPreview } from '../../../../preload/contract.ts';
import { call, filesToHandles } from '../../api.ts';
import { formatCount, formatDay } from './format.ts';
import { messageOf, useRetention } from './store.ts';
import './i18n.ts';

function Preview({ preview, onApplied, onDiscarded }: { preview: VersionPreview; onApplied(): void; onDiscarded(): void }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [checked, setChecked] = useState(false);
  const becomeDue = preview.changes.filter((c) => c.becomesDue).length;
  const action = (a: string) => t(`retensi.action.${a}`, { defaultValue: a });
  return (
    <section className="rt-panel" aria-labelledby="rt-preview-title" data-testid="jra-preview">
      <h2 id="rt-preview-title">{t('retensi.jra.previewTitle', { name: preview.version.name, id: preview.version.id })}</h2>
      <p>
        {t('retensi.jra.previewSummary', {
          changed: preview.changes.length,
          files: preview.filesCompared,
          due: becomeDue,
          noRule: preview.withoutRule.length,
          current: preview.current ? `${preview.current.name} (v${preview.current.id})` : t('retensi.jra.noneInForce'),
          date: formatDay(preview.asOf),
        })}
      </p>
      {preview.changes.length > 0 && (
        <table className="rt-table">
          <thead>
            <tr>
              <th>{t('retensi.q.file')}</th>
              <th>{t('retensi.q.code')}</th>
              <th>{t('retensi.jra.before')}</th>
              <th>{t('retensi.jra.after')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {preview.changes.slice(0, 500).map((c) => (
              <tr key={c.fileId}>
                <td>{c.title}</td>
                <td className="rt-mono">{c.classificationCode}</td>
                <td>
                  {c.before.ruleCode ? (
                    <>
                      {action(c.before.nextAction)} · {formatDay(c.before.dueAt)}
                      <div className="rt-small rt-muted">
                        {t('retensi.jra.activeInactive', { active: formatDay(c.before.activeUntil), inactive: formatDay(c.before.inactiveUntil) })}
                      </div>
                    </>
                  ) : (
                    <span className="rt-muted">{t('retensi.jra.noRule')}</span>
                  )}
                </td>
                <td>
                  {c.after.ruleCode ? (
                    <>
                      {action(c.after.nextAction)} · {formatDay(c.after.dueAt)}
                      <div className="rt-small rt-muted">
                        {t('retensi.jra.activeInactive', { active: formatDay(c.after.activeUntil), inactive: formatDay(c.after.inactiveUntil) })}
                      </div>
                    </>
                  ) : (
                    <span className="rt-muted">{t('retensi.jra.noRule')}</span>
                  )}
                </td>
                <td>
                  {c.becomesDue && <span className="rt-badge warning">{t('retensi.jra.becomesDue')}</span>}
                  {c.keepsReappraisal && <span className="rt-badge">{t('retensi.jra.keepsReappraisal')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.withoutRule.length > 0 && (
        <details>
          <summary>{t('retensi.jra.withoutRule', { count: preview.withoutRule.length })}</summary>
          <ul className="rt-list">
            {preview.withoutRule.map((f) => (
              <li key={f.fileId}>
                <span className="rt-mono">{f.classificationCode}</span> {f.title}
              </li>
            ))}
          </ul>
        </details>
      )}
      {preview.version.state === 'draft' && (
        <div className="rt-actions rt-confirm">
          <label className="rt-check">
            <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} /> {t('retensi.jra.confirmRead')}
          </label>
          <button type="button" className="primary" disabled={!checked} onClick={() => void run(() => call('retention.jra.apply', { versionId: preview.version.id, confirm: true })).then((r) => r && onApplied())}>
            {t('retensi.jra.apply')}
          </button>
          <button type="button" className="secondary" onClick={() => void run(() => call('retention.jra.discard', { versionId: preview.version.id })).then((r) => r && onDiscarded())}>
            {t('retensi.jra.discard')}
          </button>
        </div>
      )}
    </section>
  );
}

export function JraPanel() {
  const { t } = useTranslation();
  const { run, asOf } = useRetention();
  const [versions, setVersions] = useState<JraVersion[]>([]);
  const [preview, setPreview] = useState<VersionPreview | null>(null);
  const [rules, setRules] = useState<{ version: JraVersion; rules: JraRule[] } | null>(null);
  const [name, setName] = useState('');
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let alive = true;
    call('retention.jra.versions', {}).then(
      (list) => alive && setVersions(list),
      (error: unknown) => useRetention.setState({ error: messageOf(error) }),
    );
    return () => {
      alive = false;
    };
  }, [tick]);

  const importFile = async (file: File) => {
    const handle = await run(async () => (await filesToHandles([file]))[0] ?? null, { reload: false });
    if (!handle) return;
    const imported = await run(() => call('retention.jra.import', { handle, ...(name ? { name } : {}) }), { reload: false });
    if (!imported) return;
    refresh();
    const p = await run(() => call('retention.jra.preview', { versionId: imported.version.id, asOf }), { reload: false });
    if (p) setPreview(p);
  };

  return (
    <div className="rt-jra">
      <section className="rt-panel" aria-labelledby="rt-jra-import">
        <h2 id="rt-jra-import">{t('retensi.jra.importTitle')}</h2>
        <p className="rt-muted rt-small">{t('retensi.jra.importHint')}</p>
        <div className="rt-form">
          <label>
            {t('retensi.jra.versionName')}
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('retensi.jra.versionNamePlaceholder')} />
          </label>
          <label>
            {t('retensi.jra.file')}
            <input
              type="file"
              accept=".csv,.xlsx"
              data-testid="jra-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void importFile(file);
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </section>
      {preview && (
        <Preview
          preview={preview}
          onApplied={() => {
            setPreview(null);
            void refresh();
          }}
          onDiscarded={() => {
            setPreview(null);
            void refresh();
          }}
        />
      )}
      <section className="rt-panel" aria-labelledby="rt-jra-versions">
        <h2 id="rt-jra-versions">{t('retensi.jra.versions')}</h2>
        {versions.length === 0 ? (
          <p className="rt-empty">{t('retensi.jra.noVersions')}</p>
        ) : (
          <table className="rt-table">
            <thead>
              <tr>
                <th>v</th>
                <th>{t('retensi.jra.versionName')}</th>
                <th>{t('retensi.jra.file')}</th>
                <th>{t('retensi.case.status')}</th>
                <th>{t('retensi.jra.rules')}</th>
                <th>{t('retensi.jra.imported')}</th>
                <th>{t('retensi.jra.applied')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td className="rt-mono">{v.id}</td>
                  <td>{v.name}</td>
                  <td>{v.fileName}</td>
                  <td>
                    <span className={`rt-state ${v.state}`}>{t(`retensi.jra.state.${v.state}`)}</span>
                  </td>
                  <td>{formatCount(v.ruleCount)}</td>
                  <td>
                    {formatDay(v.importedAt)} · {v.importedBy}
                  </td>
                  <td>{v.appliedAt ? `${formatDay(v.appliedAt)} · ${v.appliedBy}` : '—'}</td>
                  <td className="rt-row-actions">
                    <button type="button" className="link-like" onClick={() => void run(() => call('retention.jra.rules', { versionId: v.id }), { reload: false }).then((r) => r && setRules({ version: v, rules: r }))}>
                      {t('retensi.jra.showRules')}
                    </button>
                    {v.state === 'draft' && (
                      <button type="button" className="link-like" onClick={() => void run(() => call('retention.jra.preview', { versionId: v.id, asOf }), { reload: false }).then((p) => p && setPreview(p))}>
                        {t('retensi.jra.showPreview')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {rules && (
        <section className="rt-panel" aria-labelledby="rt-jra-rules">
          <h2 id="rt-jra-rules">{t('retensi.jra.rulesOf', { name: rules.version.name, id: rules.version.id })}</h2>
          <p className="rt-muted rt-small">{t('retensi.jra.prefixRule')}</p>
          <table className="rt-table">
            <thead>
              <tr>
                <th>{t('retensi.q.code')}</th>
                <th>{t('retensi.jra.recordType')}</th>
                <th>{t('retensi.jra.active')}</th>
                <th>{t('retensi.jra.inactive')}</th>
                <th>{t('retensi.jra.disposition')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.rules.map((r) => (
                <tr key={r.id}>
                  <td className="rt-mono">{r.code}</td>
                  <td>{r.recordType}</td>
                  <td>
                    {r.activeYears}
                    {r.trigger && <div className="rt-small rt-muted">{r.trigger}</div>}
                  </td>
                  <td>{r.inactiveYears}</td>
                  <td>
                    <strong>{t(`retensi.disposition.${r.disposition}`)}</strong>
                    {r.conditional && <span className="rt-badge warning">{t('retensi.q.conditional')}</span>}
                    <div className="rt-small rt-muted">
                      {r.dispositionRaw}
                      {r.note ? `, ${r.note}` : ''}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
