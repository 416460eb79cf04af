// A user's NIP (Nomor Induk Pegawai, 18 digits) and jabatan, printed under their name in every
// signature block a generated document carries. Empty until an admin or the user sets them; the
// CHECK keeps a malformed NIP out whichever code path writes it.
import type { Migration } from './index.ts';

export const m0320UserOffice: Migration = {
  version: 320,
  name: 'user-office',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN nip TEXT NOT NULL DEFAULT '' CHECK (nip = '' OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*'));
      ALTER TABLE users ADD COLUMN jabatan TEXT NOT NULL DEFAULT '' CHECK (length(jabatan) <= 200);
    `);
  },
};
