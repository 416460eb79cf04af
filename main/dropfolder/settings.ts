// The drop folders an admin named (settings key 'dropFolders'): path, subfolder names for taken
// files, the classification code given to what comes in. Written with an audit entry; a stored
// value that no longer parses counts as no folders rather than stopping the app.
import { z } from 'zod';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { readSetting, writeSetting } from '../db/settings.ts';
import type { DropFolderConfig } from './watcher.ts';

const KEY = 'dropFolders';
const Stored = z.array(z.object({ path: z.string(), importedDir: z.string(), rejectedDir: z.string(), classificationCode: z.string().nullable() }));

export function dropFolders(db: Db): DropFolderConfig[] {
  const parsed = Stored.safeParse(readSetting(db, KEY) ?? []);
  return parsed.success ? parsed.data : [];
}

export function setDropFolders(db: Db, actor: string, next: DropFolderConfig[]): DropFolderConfig[] {
  db.transaction(() => {
    const before = dropFolders(db);
    writeSetting(db, KEY, next);
    appendAudit(db, { actor, action: 'settings.drop-folders', entity: 'settings', entityId: KEY, before, after: next });
  })();
  return next;
}
