// Owner of the settings table: a key/value store of JSON values. Each key belongs to one area,
// which reads and writes it only through these two functions (the keys and their owners are in
// docs/architecture.md); this module knows no key and decides nothing about a value.
import type { Db } from './connection.ts';
import { sql } from './statements.ts';

/** The stored value of `key`, parsed; undefined when the key was never set. */
export function readSetting(db: Db, key: string): unknown {
  const text = sql(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** Stores `value` (as JSON) under `key`; call inside the owner's transaction, beside its audit entry. */
export function writeSetting(db: Db, key: string, value: unknown): void {
  sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

/** Every key and value, for the diagnostics report. */
export function allSettings(db: Db): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]) {
    try {
      out[row.key] = JSON.parse(row.value);
    } catch {
      out[row.key] = row.value;
    }
  }
  return out;
}
