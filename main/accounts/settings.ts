// Account settings kept in the archive's settings table: the idle time after which a session locks.
// Owns the settings key it uses (each settings key has one owner, listed in docs/architecture.md).
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';

export const DEFAULT_IDLE_MINUTES = 15;
const KEY = 'accounts.idleMinutes';

export function idleMinutes(db: Db): number {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  const value = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_IDLE_MINUTES;
}

export function setIdleMinutes(db: Db, actor: string, minutes: number): number {
  db.transaction(() => {
    const before = idleMinutes(db);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(minutes));
    appendAudit(db, { actor, action: 'account.settings', entity: 'settings', entityId: KEY, before: { idleMinutes: before }, after: { idleMinutes: minutes } });
  })();
  return minutes;
}
