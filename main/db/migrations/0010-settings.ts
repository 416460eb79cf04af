// Archive-wide settings (department letterhead, letter-number patterns, UI defaults…) as JSON values.
import type { Migration } from './index.ts';

export const m0010Settings: Migration = {
  version: 10,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
      INSERT INTO settings (key, value) VALUES ('archive.createdAt', json_quote(strftime('%Y-%m-%dT%H:%M:%fZ')));
    `);
  },
};
