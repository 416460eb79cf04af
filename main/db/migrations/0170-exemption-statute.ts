// A consequence test under UU 14/2008 Pasal 17 huruf j ("information a statute forbids
// disclosing") rests on another statute, and the test must name it: the statute (e.g. "UU 24/2013
// Administrasi Kependudukan") and its article ("Pasal 79 ayat (1)"). Columns on exemptions;
// existing exemptions keep every value and have no statute recorded (the register then says so).
// New exemptions under j without both are refused by the table itself, as well as by
// publication/classification.ts.
import type { Migration } from './index.ts';

export const m0170ExemptionStatute: Migration = {
  version: 170,
  name: 'exemption-statute',
  up(db) {
    db.exec(`
      ALTER TABLE exemptions ADD COLUMN statute_name TEXT;
      ALTER TABLE exemptions ADD COLUMN statute_article TEXT;
      CREATE TRIGGER exemptions_statute_j BEFORE INSERT ON exemptions
        WHEN NEW.ground = 'j' AND (NEW.statute_name IS NULL OR trim(NEW.statute_name) = '' OR NEW.statute_article IS NULL OR trim(NEW.statute_article) = '')
        BEGIN SELECT RAISE(ABORT, 'an exemption under Pasal 17 j names its statute and article'); END;
    `);
  },
};
