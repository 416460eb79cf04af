// Saved searches: a name for a query and filter a user runs often (and that a legal hold may name).
import type { Migration } from './index.ts';

export const m0030SavedSearches: Migration = {
  version: 30,
  name: 'saved-searches',
  up(db) {
    db.exec(`
      CREATE TABLE saved_searches (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        query      TEXT NOT NULL,
        filter     TEXT NOT NULL CHECK (json_valid(filter)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
