import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { pick } from '../../i18n/index.ts';
import { useFrame } from '../../app/store.ts';

export function AboutPanel() {
  const { t } = useTranslation();
  const close = () => useFrame.getState().showAbout(false);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    dialog.current?.showModal();
    call('app.info', {})
      .then(setInfo)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.value.message) : String(e)));
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="about-title" onClose={close}>
      <h2 id="about-title">{t('about.title')}</h2>
      {error && <p role="alert">{error}</p>}
      {info && (
        <dl className="about-list">
          <dt>{t('about.version')}</dt>
          <dd data-testid="about-version">{info.version}</dd>
          <dt>{t('about.archive')}</dt>
          <dd data-testid="about-archive">{info.archivePath ?? '—'}</dd>
          <dt>{t('about.database')}</dt>
          <dd>{info.databasePath ?? '—'}</dd>
          <dt>{t('about.schema')}</dt>
          <dd data-testid="about-schema">{info.schemaVersion ?? '—'}</dd>
          <dt>{t('about.records')}</dt>
          <dd>{info.recordCount?.toLocaleString() ?? '—'}</dd>
          <dt>{t('about.host')}</dt>
          <dd>{info.host === 'electron' ? t('about.hostElectron') : info.host === 'server' ? t('about.hostServer') : t('about.hostShell')}</dd>
        </dl>
      )}
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          {t('about.close')}
        </button>
      </form>
    </dialog>
  );
}
