// The department's letterhead (kop surat) as the generated documents print it, kept in the
// settings table under 'letterhead'. Until someone fills it in, a neutral default is used and the
// screen says so: a document is never printed with another office's name.
import { Letterhead, type LetterheadView } from '../../preload/contract/retention.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { readSetting, writeSetting } from '../db/settings.ts';

export const LETTERHEAD_KEY = 'letterhead';

export const DEFAULT_LETTERHEAD: Letterhead = {
  instansi: 'PEMERINTAH DAERAH',
  unit: 'PERANGKAT DAERAH',
  alamat: 'Alamat kantor belum diatur (Retensi > Kop surat)',
  kontak: '',
  kota: '',
  kepala: '',
  nip: '',
  jabatan: 'Kepala Perangkat Daerah',
};

export function readLetterhead(db: Db): LetterheadView {
  const stored = readSetting(db, LETTERHEAD_KEY);
  if (stored === undefined) return { letterhead: DEFAULT_LETTERHEAD, isDefault: true };
  const parsed = Letterhead.partial().safeParse(stored);
  if (!parsed.success) return { letterhead: DEFAULT_LETTERHEAD, isDefault: true };
  return { letterhead: { ...DEFAULT_LETTERHEAD, ...parsed.data }, isDefault: false };
}

export function saveLetterhead(db: Db, letterhead: Letterhead, actor: string): LetterheadView {
  const clean = Letterhead.parse(Object.fromEntries(Object.entries(letterhead).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])));
  db.transaction(() => {
    const before = readLetterhead(db);
    writeSetting(db, LETTERHEAD_KEY, clean);
    appendAudit(db, { actor, action: 'settings.letterhead', entity: 'settings', entityId: LETTERHEAD_KEY, before: before.isDefault ? null : before.letterhead, after: clean });
  })();
  return readLetterhead(db);
}
