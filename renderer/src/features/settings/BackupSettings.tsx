// Backups as the admin sees them: where they go, how many are kept, the generations, "back up
// now" and "verify". Restoring replaces the archive and runs with the app closed: the text says how.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatDateTime } from '../../app/format.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';

type List = ChannelOutput<'backup.list'>;

export function BackupSettings() {
  const { t } = useTranslation();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checks, setChecks] = useState<Record<string, string>>({});

  const fail = (e: unknown) => setError(e instanceof ApiError ? pick(e.value.message) : String(e));
  const load = () => void call('backup.list', {}).then(setList, fail);
  useEffect(load, []);

  const runNow = async () => {
    setBusy(true);
    try {
      const result = await call('backup.run', {});
      if (result.ok) toast('success', { id: `Cadangan ${result.name} dibuat dan diperiksa.`, en: `Backup ${result.name} made and verified.` });
      else toast('error', { id: `Cadangan gagal diperiksa: ${result.problems[0]?.id ?? ''}`, en: `The backup failed verification: ${result.problems[0]?.en ?? ''}` });
      load();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (name: string) => {
    try {
      const result = await call('backup.verify', { name });
      setChecks((c) => ({ ...c, [name]: result.ok ? t('backup.verifiedOk') : result.problems.map((p) => pick(p)).join('; ') }));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="card" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      {error && <p role="alert">{error}</p>}
      {list && (
        <>
          <dl className="about-list">
            <dt>{t('backup.where')}</dt>
            <dd>{list.root}</dd>
            <dt>{t('backup.schedule')}</dt>
            <dd>{t('backup.every', { hours: list.intervalHours, keep: list.keep })}</dd>
          </dl>
          {list.lockedByPolicy && <p className="hint">{t('backup.policy')}</p>}
          <button type="button" className="primary small" disabled={busy} onClick={() => void runNow()}>
            {busy ? t('backup.running') : t('backup.now')}
          </button>
          <table className="simple-table">
            <thead>
              <tr>
                <th>{t('backup.generation')}</th>
                <th>{t('backup.created')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.generations.length === 0 && (
                <tr>
                  <td colSpan={3} className="hint">
                    {t('backup.none')}
                  </td>
                </tr>
              )}
              {[...list.generations].reverse().map((g) => (
                <tr key={g.name}>
                  <td className="code">{g.name}</td>
                  <td>{formatDateTime(g.created)}</td>
                  <td>
                    <button type="button" className="secondary small" onClick={() => void verify(g.name)}>
                      {t('backup.verify')}
                    </button>
                    {checks[g.name] && <span className="hint"> {checks[g.name]}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('backup.restoreHint')}</p>
        </>
      )}
    </section>
  );
}
