// Backups as the admin sees them: where they go, how many are kept, the generations, "back up
// now" and "verify". Restoring replaces the archive and runs with the app closed: the text says how.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, RestoreOutcome } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { formatDateTime } from '../../app/format.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';

type List = ChannelOutput<'backup.list'>;

/** The restore wizard: what will happen, a typed confirmation, then the host swaps the archive. */
function RestoreDialog({ name, onClose }: { name: string; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RestoreOutcome | null>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const word = t('backup.confirmWord');

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setDone(await call('backup.restore', { name, force }));
    } catch (error) {
      setError(error instanceof ApiError ? pick(error.value.message) : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="restore-title" onClose={onClose}>
      {done ? (
        <>
          <h2 id="restore-title">{t('backup.restoredTitle')}</h2>
          <p>{t('backup.restoredBody', { created: formatDateTime(done.created), previous: done.previous ?? '—' })}</p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => window.location.reload()}>
              {t('backup.reopen')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={run}>
          <h2 id="restore-title">{t('backup.restoreTitle', { name })}</h2>
          <ol className="steps">
            <li>{t('backup.step1')}</li>
            <li>{t('backup.step2')}</li>
            <li>{t('backup.step3')}</li>
          </ol>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            {t('backup.force')}
          </label>
          <div className="field">
            <label htmlFor="restore-confirm">{t('backup.typeToConfirm', { word })}</label>
            <input id="restore-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </div>
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()} disabled={busy}>
              {t('form.cancel')}
            </button>
            <button type="submit" className="danger" disabled={busy || typed.trim().toUpperCase() !== word}>
              {busy ? t('backup.restoring') : t('backup.restoreNow')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

export function BackupSettings() {
  const { t } = useTranslation();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [restoring, setRestoring] = useState<string | null>(null);

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
                    <button type="button" className="secondary small" onClick={() => setRestoring(g.name)}>
                      {t('backup.restore')}
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
      {restoring && <RestoreDialog name={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}
