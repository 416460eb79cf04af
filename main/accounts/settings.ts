// Account settings kept in the archive's settings table: the idle time after which a session locks.
// Owns the settings key it uses (each settings key has one owner, listed in docs/architecture.md).
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { readSetting, writeSetting } from '../db/settings.ts';

export const DEFAULT_IDLE_MINUTES = 15;
const KEY = 'accounts.idleMinutes';

export function idleMinutes(db: Db): number {
  const stored = readSetting(db, KEY);
  const value = stored !== undefined ? Number(stored) : NaN;
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_IDLE_MINUTES;
}

export function setIdleMinutes(db: Db, actor: string, minutes: number): number {
  db.transaction(() => {
    const before = idleMinutes(db);
    writeSetting(db, KEY, minutes);
    appendAudit(db, { actor, action: 'account.settings', entity: 'settings', entityId: KEY, before: { idleMinutes: before }, after: { idleMinutes: minutes } });
  })();
  return minutes;
}
