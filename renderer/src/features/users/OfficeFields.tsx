// A person as their signature block prints them: full name, NIP (18 digits) and jabatan. Used by
// "Profil saya" and by the admin's user list; main checks the NIP again and stores it.
import { useTranslation } from 'react-i18next';
import '../login/i18n.ts';

export interface Office {
  displayName: string;
  nip: string;
  jabatan: string;
}

/** The NIP as typed, without spaces: '' or 18 digits is what main accepts. */
export function nipProblem(nip: string): boolean {
  const digits = nip.replace(/\s+/g, '');
  return digits !== '' && !/^\d{18}$/.test(digits);
}

export function OfficeFields({ idPrefix, value, onChange }: { idPrefix: string; value: Office; onChange: (value: Office) => void }) {
  const { t } = useTranslation();
  const bad = nipProblem(value.nip);
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-display`}>{t('akun.displayName')}</label>
        <input id={`${idPrefix}-display`} value={value.displayName} onChange={(e) => onChange({ ...value, displayName: e.target.value })} required autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-nip`}>{t('akun.office.nip')}</label>
        <input
          id={`${idPrefix}-nip`}
          value={value.nip}
          onChange={(e) => onChange({ ...value, nip: e.target.value })}
          inputMode="numeric"
          placeholder={t('akun.office.nipPlaceholder')}
          aria-invalid={bad}
          aria-describedby={`${idPrefix}-nip-hint`}
        />
        <span id={`${idPrefix}-nip-hint`} className={bad ? 'field-error' : 'hint'}>
          {bad ? t('akun.office.nipBad') : t('akun.office.nipHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-jabatan`}>{t('akun.office.jabatan')}</label>
        <input id={`${idPrefix}-jabatan`} value={value.jabatan} onChange={(e) => onChange({ ...value, jabatan: e.target.value })} placeholder={t('akun.office.jabatanPlaceholder')} />
      </div>
    </>
  );
}
