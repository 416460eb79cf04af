// How this unit writes letter numbers, so the form can read code, sequence, unit and date from them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';

export function LetterNumberSettings() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sample, setSample] = useState('B/500.12.16.3/573/BPBD-KL/IX/2026');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('letterNumber.patterns', {}).then((p) => setText(p.join('\n')));
  }, []);

  const save = async () => {
    setError(null);
    try {
      const patterns = text.split('\n').map((l) => l.trim()).filter(Boolean);
      const saved = await call('letterNumber.setPatterns', { patterns });
      setText(saved.join('\n'));
      toast('success', { id: 'Pola nomor naskah disimpan.', en: 'Letter-number patterns saved.' });
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.value.message) : String(e));
    }
  };

  const tryIt = async () => {
    const parts = await call('letterNumber.parse', { text: sample });
    setResult(parts ? t('patterns.result', { code: parts.classificationCode ?? '—', seq: parts.sequence ?? '—', unit: parts.unit ?? '—', month: parts.month ?? '—', year: parts.year ?? '—' }) : t('patterns.noMatch'));
  };

  return (
    <section className="card" aria-labelledby="patterns-title">
      <h2 id="patterns-title">{t('patterns.title')}</h2>
      <p className="hint">{t('patterns.help')}</p>
      <div className="field">
        <label htmlFor="patterns-text">{t('patterns.label')}</label>
        <textarea id="patterns-text" rows={6} className="code" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {error && <p role="alert">{error}</p>}
      <button type="button" className="primary small" onClick={() => void save()}>
        {t('form.save')}
      </button>
      <div className="picker-row try-row">
        <input aria-label={t('patterns.sample')} value={sample} onChange={(e) => setSample(e.target.value)} />
        <button type="button" className="secondary small" onClick={() => void tryIt()}>
          {t('patterns.try')}
        </button>
      </div>
      {result && <p className="hint">{result}</p>}
    </section>
  );
}
