// "Update available / downloading 42% / ready — restart to install": the desktop app's updater
// speaks here. Installing waits for the user's click, and main refuses it while work is running.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../preload/contract.ts';
import { ApiError, call, subscribe } from '../api.ts';
import { toast } from './Toasts.tsx';
import { pick } from '../i18n/index.ts';

export function UpdateBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => subscribe('update.status', setStatus), []);
  if (!status || !['available', 'downloading', 'ready', 'error'].includes(status.state)) return null;
  return (
    <div className="update-banner" role="status">
      <span>{pick(status.message)}</span>
      {status.state === 'downloading' && (
        <progress max={100} value={status.percent} aria-label={t('update.progress')}>
          {status.percent}%
        </progress>
      )}
      {status.state === 'ready' && (
        <button type="button" className="primary small" onClick={() => void call('update.run', { action: 'install' }).catch((e: unknown) => e instanceof ApiError && toast('error', e.value.message))}>
          {t('update.restart')}
        </button>
      )}
    </div>
  );
}
