// Prepared statements compiled once per connection and reused: the pusher runs the same dozen
// queries for every item, and preparing them each time cost more than running them. Any owner
// module may use it for statements it runs often; it knows nothing of any table.
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
