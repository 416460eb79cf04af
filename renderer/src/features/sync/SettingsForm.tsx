// The portal settings as an admin edits them: destination, address, organization, schedule,
// private-on-arrival, withdrawal mode, the fail-safe limit, and "test connection". The token field
// exists only in the desktop app, where the OS keychain keeps it; the browser version says where
// the token comes from instead. main checks every value (with messages in both languages).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalSettingsPatch, PortalSettingsView } from '../../../../preload/contract.ts';
import { call, host } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { both } from './format.ts';
import { hasRole, messageOf, useSync } from './store.ts';
import './i18n.ts';

interface Form {
  target: 'none' | 'ckan';
  url: string;
  organization: string;
  intervalMinutes: string;
  privateOnArrival: boolean;
  withdrawMode: 'private' | 'delete';
  withdrawFailSafePercent: string;
  tokenFile: string;
}

function formOf(s: PortalSettingsView): Form {
  return {
    // A fresh archive says 'none'; the form opens on CKAN, which is what an admin here came to set.
    target: s.target === 'none' && !s.url ? 'ckan' : s.target,
    url: s.url ?? '',
    organization: s.organization ?? '',
    intervalMinutes: String(s.intervalMinutes),
    privateOnArrival: s.privateOnArrival,
    withdrawMode: s.withdrawMode,
    withdrawFailSafePercent: String(s.withdrawFailSafePercent),
    tokenFile: s.tokenFile ?? '',
  };
}

function patchOf(f: Form, inApp: boolean): PortalSettingsPatch {
  const number = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return {
    target: f.target,
    url: f.url.trim() || null,
    organization: f.organization.trim() || null,
    intervalMinutes: number(f.intervalMinutes),
    privateOnArrival: f.privateOnArrival,
    withdrawMode: f.withdrawMode,
    withdrawFailSafePercent: number(f.withdrawFailSafePercent),
    ...(inApp ? {} : { tokenFile: f.tokenFile.trim() || null }),
  };
}

function TokenStatus({ settings }: { settings: PortalSettingsView }) {
  const { t } = useTranslation();
  const { token } = settings;
  if (token.problem) return <p className="sy-token sy-token-bad">{pick(token.problem)}</p>;
  const key = token.present && token.source ? token.source : 'none';
  return (
    <p className={token.present ? 'sy-token sy-token-ok' : 'sy-token sy-token-bad'} data-testid="sync-token-status">
      {t(`sync.settings.tokenStatus.${key}`)}
      {token.source === 'file' && settings.tokenFile ? ` (${settings.tokenFile})` : ''}
    </p>
  );
}

function TokenField() {
  const { t } = useTranslation();
  const { setSettings } = useSync();
  const [value, setValue] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const save = async (token: string | null) => {
    setBusy(true);
    setNote(null);
    try {
      const result = await call('portal.saveToken', { token });
      setValue('');
      setNote(result.stored === 'secure-storage' ? t('sync.settings.tokenSecure') : result.stored === 'session-only' ? t('sync.settings.tokenSessionOnly') : t('sync.settings.tokenCleared'));
      setSettings(await call('portal.settings', {}));
    } catch (error) {
      setNote(pick(messageOf(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field sy-token-field">
      <label htmlFor={id}>{t('sync.settings.token')}</label>
      <div className="sy-row">
        <input id={id} type="password" autoComplete="off" spellCheck={false} value={value} placeholder={t('sync.settings.tokenPlaceholder')} onChange={(e) => setValue(e.target.value)} />
        <button type="button" className="secondary" disabled={busy || value.trim() === ''} onClick={() => void save(value.trim())}>
          {t('sync.settings.tokenSave')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void save(null)}>
          {t('sync.settings.tokenForget')}
        </button>
      </div>
      {note && <p className="sy-small">{note}</p>}
    </div>
  );
}

export function SettingsForm() {
  const settings = useSync((s) => s.settings);
  // A new key after each save: the form starts again from what main stored.
  return settings ? <SettingsEditor key={settings.updatedAt} settings={settings} /> : null;
}

function SettingsEditor({ settings }: { settings: PortalSettingsView }) {
  const { t } = useTranslation();
  const { roles, setSettings, test, setTest, refresh } = useSync();
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const inApp = host() === 'electron';
  const admin = hasRole(roles, 'admin');
  const ids = { url: useId(), org: useId(), interval: useId(), mode: useId(), failSafe: useId(), file: useId(), target: useId() };

  const dirty = JSON.stringify(patchOf(form, inApp)) !== JSON.stringify(patchOf(formOf(settings), inApp));
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const save = async (): Promise<boolean> => {
    setError(null);
    const patch = patchOf(form, inApp);
    if (Number.isNaN(patch.intervalMinutes) || Number.isNaN(patch.withdrawFailSafePercent)) {
      setError(t('sync.settings.numberNeeded'));
      return false;
    }
    try {
      const next = await call('portal.saveSettings', patch);
      setSettings(next);
      await refresh();
      return true;
    } catch (e) {
      setError(pick(messageOf(e)));
      return false;
    }
  };

  const onSave = async () => {
    setBusy('save');
    setTest(null);
    if (await save()) toast('success', both('sync.settings.saved'));
    setBusy(null);
  };

  const onTest = async () => {
    setBusy('test');
    setTest(null);
    try {
      if (dirty && !(await save())) return;
      setTest(await call('portal.testConnection', {}));
    } catch (e) {
      setError(pick(messageOf(e)));
    } finally {
      setBusy(null);
    }
  };

  const ckan = form.target === 'ckan';
  return (
    <section className="sy-panel" aria-labelledby="sy-settings-title">
      <div className="sy-panel-head">
        <h2 id="sy-settings-title">{t('sync.settings.title')}</h2>
        {!admin && <span className="sy-muted sy-small">{t('sync.settings.adminOnly')}</span>}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <fieldset disabled={!admin || busy !== null} className="sy-form">
          <div className="field sy-span-2">
            <label htmlFor={ids.target}>{t('sync.settings.target')}</label>
            <select id={ids.target} value={form.target} onChange={(e) => set('target', e.target.value as Form['target'])}>
              <option value="ckan">{t('sync.settings.targetCkan')}</option>
              <option value="none">{t('sync.settings.targetNone')}</option>
            </select>
          </div>
          {ckan && (
            <>
              <div className="field">
                <label htmlFor={ids.url}>{t('sync.settings.url')}</label>
                <input id={ids.url} type="url" inputMode="url" spellCheck={false} value={form.url} placeholder="https://" onChange={(e) => set('url', e.target.value)} />
                <span className="hint">{t('sync.settings.urlHint')}</span>
              </div>
              <div className="field">
                <label htmlFor={ids.org}>{t('sync.settings.organization')}</label>
                <input id={ids.org} spellCheck={false} value={form.organization} onChange={(e) => set('organization', e.target.value)} />
                <span className="hint">{t('sync.settings.organizationHint')}</span>
              </div>
              <div className="field">
                <label htmlFor={ids.interval}>{t('sync.settings.interval')}</label>
                <input id={ids.interval} type="number" min={1} max={1440} value={form.intervalMinutes} onChange={(e) => set('intervalMinutes', e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={ids.mode}>{t('sync.settings.withdrawMode')}</label>
                <select id={ids.mode} value={form.withdrawMode} onChange={(e) => set('withdrawMode', e.target.value as Form['withdrawMode'])}>
                  <option value="private">{t('sync.settings.withdrawPrivate')}</option>
                  <option value="delete">{t('sync.settings.withdrawDelete')}</option>
                </select>
              </div>
              <label className="check sy-span-2">
                <input type="checkbox" checked={form.privateOnArrival} onChange={(e) => set('privateOnArrival', e.target.checked)} />
                {t('sync.settings.privateOnArrival')}
              </label>
              <div className="field">
                <label htmlFor={ids.failSafe}>{t('sync.settings.failSafe')}</label>
                <input id={ids.failSafe} type="number" min={0} max={100} value={form.withdrawFailSafePercent} onChange={(e) => set('withdrawFailSafePercent', e.target.value)} />
                <span className="hint">{t('sync.settings.failSafeHint')}</span>
              </div>
              <div className="sy-token-box sy-span-2">
                <TokenStatus settings={settings} />
                {!inApp && <p className="hint">{t('sync.settings.tokenBrowser')}</p>}
              </div>
              {!inApp && (
                <div className="field">
                  <label htmlFor={ids.file}>{t('sync.settings.tokenFile')}</label>
                  <input id={ids.file} spellCheck={false} value={form.tokenFile} onChange={(e) => set('tokenFile', e.target.value)} />
                  <span className="hint">{t('sync.settings.tokenFileHint')}</span>
                </div>
              )}
            </>
          )}
          <div className="sy-actions sy-span-2">
            <button type="submit" className="primary" disabled={!dirty}>
              {t('sync.settings.save')}
            </button>
            <button type="button" className="secondary" onClick={() => void onTest()}>
              {busy === 'test' ? t('sync.settings.testing') : t('sync.settings.test')}
            </button>
          </div>
        </fieldset>
      </form>
      {ckan && inApp && admin && <TokenField />}
      {error && (
        <p role="alert" className="sy-small">
          {error}
        </p>
      )}
      {test && (
        <p className={test.ok ? 'sy-test sy-test-ok' : 'sy-test sy-test-bad'} role="status" data-testid="sync-test-result">
          {test.ok
            ? test.portal
              ? t('sync.settings.testOk', { site: test.siteTitle ?? test.portal, version: test.version ?? '?', org: test.organization?.title ?? '' })
              : t('sync.settings.testNoPortal')
            : t('sync.settings.testFailed', { message: pick(test.message) })}
          {!test.ok && test.portalSaid && <span className="sy-said">{t('sync.table.portalSaid', { text: test.portalSaid })}</span>}
        </p>
      )}
    </section>
  );
}
