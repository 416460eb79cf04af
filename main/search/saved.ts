// Saved searches: named queries + filters, shared by everyone on this archive. Owns saved_searches.
import type { RecordFilter, SavedSearchView } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';

interface Row {
  id: number;
  name: string;
  query: string;
  filter: string;
  created_by: string;
  created_at: string;
}

const view = (r: Row): SavedSearchView => ({ id: r.id, name: r.name, query: r.query, filter: JSON.parse(r.filter) as RecordFilter, createdBy: r.created_by, createdAt: r.created_at });

export function listSavedSearches(db: Db): SavedSearchView[] {
  return (db.prepare('SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE').all() as Row[]).map(view);
}

export function saveSearch(db: Db, input: { name: string; query: string; filter: RecordFilter }, actor: string): SavedSearchView {
  const name = input.name.trim();
  if (!name) throw appError('validation', 'Beri nama pencarian ini.', 'Give this search a name.');
  return db.transaction(() => {
    const existing = db.prepare('SELECT id FROM saved_searches WHERE name = ?').get(name) as { id: number } | undefined;
    const now = new Date().toISOString();
    let id: number;
    if (existing) {
      db.prepare('UPDATE saved_searches SET query = ?, filter = ? WHERE id = ?').run(input.query, JSON.stringify(input.filter), existing.id);
      id = existing.id;
    } else {
      id = Number(db.prepare('INSERT INTO saved_searches (name, query, filter, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(name, input.query, JSON.stringify(input.filter), actor, now).lastInsertRowid);
    }
    appendAudit(db, { actor, action: 'search.save', entity: 'saved-search', entityId: id, after: { name, query: input.query, filter: input.filter } });
    return view(db.prepare('SELECT * FROM saved_searches WHERE id = ?').get(id) as Row);
  })();
}

export function deleteSavedSearch(db: Db, id: number, actor: string): void {
  db.transaction(() => {
    const row = db.prepare('SELECT * FROM saved_searches WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw notFound({ id: 'Pencarian tersimpan', en: 'Saved search' }, id);
    db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id);
    appendAudit(db, { actor, action: 'search.delete', entity: 'saved-search', entityId: id, before: { name: row.name } });
  })();
}
