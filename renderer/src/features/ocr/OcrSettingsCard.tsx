// Pengaturan → OCR: on or off, which languages, during import or only in idle time, and what the
// queue holds now. Anyone sees it; only an admin changes it (main refuses the others too).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OcrSettings } from '../../../../preload/contract.ts';
import { ApiError, call } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { useRoles } from '../login/store.ts';
import './i18n.ts';
import './ocr.css';
import { OcrQueueLine } from './OcrDocumentStatus.tsx';
import { useOcr } from './store.ts';

export function OcrSettingsCard() {
  const { t } = useTranslation();
  const admin = useRoles().includes('admin');
  const [settings, setSettings] = useState<OcrSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('ocr.settings', {}).then(setSettings);
    void useOcr.getState().refreshQueue();
  }, []);
  if (!settings) return null;

  const toggleLanguage = (language: 'ind' | 'eng', on: boolean) => {
    const languages = on ? [...new Set([...settings.languages, language])] : settings.languages.filter((l) => l !== language);
    // Indonesian first whenever both are chosen: the first language leads recognition.
    setSettings({ ...settings, languages: (['ind', 'eng'] as const).filter((l) => languages.includes(l)) });
  };

  const save = async () => {
    setError(null);
    if (settings.languages.length === 0) return setError(t('ocr.settings.needLanguage'));
    setBusy(true);
    try {
      setSettings(await call('ocr.setSettings', settings));
      toast('success', { id: t('ocr.settings.saved', { lng: 'id' }), en: t('ocr.settings.saved', { lng: 'en' }) });
      void useOcr.getState().refreshQueue();
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.value.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="ocr-settings-title">
      <h2 id="ocr-settings-title">{t('ocr.settings.title')}</h2>
      <p className="hint">{t('ocr.settings.help')}</p>
      <fieldset disabled={!admin || busy} className="plain-set">
        <label className="check">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })} />
          {t('ocr.settings.enabled')}
        </label>
        <fieldset className="plain-set" disabled={!settings.enabled}>
          <legend>{t('ocr.settings.languages')}</legend>
          {(['ind', 'eng'] as const).map((language) => (
            <label className="check" key={language}>
              <input type="checkbox" checked={settings.languages.includes(language)} onChange={(e) => toggleLanguage(language, e.target.checked)} />
              {t(`ocr.settings.${language}`)}
            </label>
          ))}
          <p className="hint">{t('ocr.settings.languageHint')}</p>
        </fieldset>
        <fieldset className="plain-set" disabled={!settings.enabled}>
          <legend>{t('ocr.settings.when')}</legend>
          {(['import', 'idle'] as const).map((when) => (
            <label className="check" key={when}>
              <input type="radio" name="ocr-when" checked={settings.when === when} onChange={() => setSettings({ ...settings, when })} />
              {t(when === 'import' ? 'ocr.settings.whenImport' : 'ocr.settings.whenIdle')}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <OcrQueueLine />
      {admin ? (
        <button type="button" className="primary small" onClick={() => void save()} disabled={busy}>
          {t('ocr.settings.save')}
        </button>
      ) : (
        <p className="hint">{t('ocr.settings.adminOnly')}</p>
      )}
    </section>
  );
}
