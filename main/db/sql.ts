// Prepared statements, compiled once per connection: hot paths (the pusher's dozen queries per
// item, the importer's inserts per file) run the same SQL thousands of times, and preparing it
// each time cost more than running it. Only for fixed SQL text — never text built from input.
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function sql(db: Db, text: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let statement = perDb.get(text);
  if (!statement) {
    statement = db.prepare(text);
    perDb.set(text, statement);
  }
  return statement;
}
