// Pengaturan → Kop surat: the letterhead every generated document prints (names, address, the
// head who signs, a logo), with a preview drawn as the PDF lays it out. Fields stay empty until
// someone fills them in; the examples are placeholders, never stored. Only an admin saves (main
// refuses the others too).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Letterhead, LetterheadView } from '../../../../preload/contract.ts';
import { ApiError, call, pickHandles } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { pick } from '../../i18n/index.ts';
import { useRoles } from '../login/store.ts';
import './i18n.ts';
import './letterhead.css';

const FIELDS: (keyof Letterhead)[] = ['instansi', 'unit', 'alamat', 'kontak', 'kota', 'kepala', 'nip', 'jabatan'];
const WIDE = new Set<keyof Letterhead>(['instansi', 'unit', 'alamat', 'kontak']);

export function LetterheadCard() {
  const { t } = useTranslation();
  const admin = useRoles().includes('admin');
  const [view, setView] = useState<LetterheadView | null>(null);
  const [value, setValue] = useState<Letterhead | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [noPicker, setNoPicker] = useState(false);

  // A logo change answers with the stored fields too; edits not yet saved are kept.
  const show = (v: LetterheadView, keepEdits = false) => {
    setView(v);
    if (!keepEdits) setValue(v.letterhead);
  };
  useEffect(() => void call('retention.letterhead.get', {}).then(show), []);
  if (!view || !value) return null;

  const both = (key: string, options: Record<string, unknown> = {}) => ({ id: t(key, { ...options, lng: 'id' }), en: t(key, { ...options, lng: 'en' }) });
  const act = async (what: () => Promise<LetterheadView | null>, done: (v: LetterheadView) => void, keepEdits = true) => {
    setError(null);
    setBusy(true);
    try {
      const v = await what();
      if (v) {
        show(v, keepEdits);
        done(v);
      }
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.value.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  const chooseLogo = () =>
    act(
      async () => {
        const handles = await pickHandles('files');
        if (handles === null) setNoPicker(true);
        return handles?.length ? call('retention.letterhead.setLogo', { handle: handles[0]! }) : null;
      },
      (v) => toast('success', both('kop.logoSaved', { name: v.logo?.name ?? '' })),
    );

  return (
    <section className="card kop-card" aria-labelledby="kop-title">
      <h2 id="kop-title">{t('kop.title')}</h2>
      <p className="hint">{t('kop.help')}</p>
      {view.isDefault && (
        <p className="kop-empty" role="status">
          {t('kop.empty')}
        </p>
      )}
      <form
        className="kop-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => call('retention.letterhead.set', { letterhead: value }), () => toast('success', both('kop.saved')), false);
        }}
      >
        <fieldset disabled={!admin || busy} className="plain-set kop-fields">
          {FIELDS.map((f) => (
            <label key={f} className={WIDE.has(f) ? 'field kop-wide' : 'field'}>
              {t(`kop.${f}`)}
              <input value={value[f]} placeholder={t(`kop.example.${f}`)} inputMode={f === 'nip' ? 'numeric' : undefined} onChange={(e) => setValue({ ...value, [f]: e.target.value })} />
            </label>
          ))}
          <div className="kop-logo kop-wide">
            <span className="kop-logo-label">{t('kop.logo')}</span>
            {view.logo ? <img src={view.logo.dataUrl} alt={view.logo.name} className="kop-logo-thumb" /> : <span className="hint">{t('kop.noLogo')}</span>}
            <button type="button" className="secondary small" onClick={() => void chooseLogo()}>
              {t('kop.chooseLogo')}
            </button>
            {view.logo && (
              <button type="button" className="secondary small" onClick={() => void act(() => call('retention.letterhead.clearLogo', {}), () => toast('success', both('kop.logoRemoved')))}>
                {t('kop.removeLogo')}
              </button>
            )}
            <span className="hint">{t('kop.logoHelp')}</span>
          </div>
          {noPicker && <p className="hint">{t('kop.noPicker')}</p>}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="kop-actions">
            <button type="submit" className="primary">
              {t('kop.save')}
            </button>
          </div>
        </fieldset>
      </form>
      <figure className="kop-preview" aria-label={t('kop.preview')}>
        {view.logo && <img src={view.logo.dataUrl} alt="" className="kop-preview-logo" />}
        <div className="kop-preview-text">
          {value.instansi && <div className="kop-1">{value.instansi.toUpperCase()}</div>}
          {value.unit && <div className="kop-2">{value.unit.toUpperCase()}</div>}
          {value.alamat && <div className="kop-3">{value.alamat}</div>}
          {value.kontak && <div className="kop-3">{value.kontak}</div>}
        </div>
      </figure>
    </section>
  );
}
