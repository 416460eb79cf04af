// The letterhead (kop surat) every berita acara and list prints: the office fills it in once.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Letterhead } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useRetention } from './store.ts';
import './i18n.ts';

const FIELDS: (keyof Letterhead)[] = ['instansi', 'unit', 'alamat', 'kontak', 'kota', 'kepala', 'nip', 'jabatan'];

export function LetterheadForm() {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [value, setValue] = useState<Letterhead | null>(null);
  const [isDefault, setDefault] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void run(() => call('retention.letterhead.get', {}), { reload: false }).then((r) => {
      if (r) {
        setValue(r.letterhead);
        setDefault(r.isDefault);
      }
    });
  }, [run]);
  if (!value) return null;
  return (
    <section className="rt-panel" aria-labelledby="rt-kop-title">
      <h2 id="rt-kop-title">{t('retensi.kop.title')}</h2>
      {isDefault && (
        <p className="rt-warning" role="status">
          {t('retensi.kop.default')}
        </p>
      )}
      <form
        className="rt-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => call('retention.letterhead.set', { letterhead: value }), { reload: false }).then((r) => {
            if (r) {
              setDefault(r.isDefault);
              setSaved(true);
            }
          });
        }}
      >
        {FIELDS.map((f) => (
          <label key={f} className={f === 'alamat' || f === 'unit' || f === 'instansi' || f === 'kontak' ? 'rt-wide' : undefined}>
            {t(`retensi.kop.${f}`)}
            <input value={value[f]} onChange={(e) => setValue({ ...value, [f]: e.target.value })} />
          </label>
        ))}
        <div className="rt-actions">
          <button type="submit" className="primary">
            {t('retensi.kop.save')}
          </button>
          {saved && (
            <span className="rt-ok" role="status">
              {t('retensi.kop.saved')}
            </span>
          )}
        </div>
      </form>
      <div className="rt-kop-preview" aria-label={t('retensi.kop.preview')}>
        <div className="rt-kop-1">{value.instansi.toUpperCase()}</div>
        <div className="rt-kop-2">{value.unit.toUpperCase()}</div>
        <div className="rt-kop-3">{value.alamat}</div>
        {value.kontak && <div className="rt-kop-3">{value.kontak}</div>}
      </div>
    </section>
  );
}
