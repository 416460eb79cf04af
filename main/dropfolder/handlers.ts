// The drop-folder channels: translation only; settings.ts holds the list, watcher.ts the work.
import { resolve } from 'node:path';
import type { dropFolderChannels, DropFolderView } from '../../preload/contract/dropfolder.ts';
import { assertCode } from '../archive/codes.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { sessionKeyOf, type HandlersFor } from '../kernel/calls.ts';
import type { Picks } from '../kernel/picks.ts';
import { recentEntries } from './history.ts';
import { dropFolders, setDropFolders } from './settings.ts';
import { DEFAULT_IMPORTED_DIR, DEFAULT_REJECTED_DIR, type DropFolderWatcher } from './watcher.ts';

export function dropFolderViews(db: Db, watcher: DropFolderWatcher): DropFolderView[] {
  const states = new Map(watcher.status().map((s) => [s.path, s]));
  return dropFolders(db).map((f) => {
    const s = states.get(resolve(f.path));
    return { ...f, state: s?.state ?? 'watching', error: s?.error ?? null, lastScanAt: s?.lastScanAt ?? null, waiting: s?.waiting ?? 0 };
  });
}

export function dropFolderHandlers(deps: { db: Db; watcher: DropFolderWatcher; picks: Picks }): HandlersFor<typeof dropFolderChannels> {
  const { db, watcher, picks } = deps;
  const apply = (actor: string, next: ReturnType<typeof dropFolders>) => {
    setDropFolders(db, actor, next);
    watcher.setFolders(next);
    return { folders: dropFolderViews(db, watcher) };
  };
  return {
    'dropFolder.list': () => ({ folders: dropFolderViews(db, watcher) }),
    'dropFolder.add': (input, ctx) => {
      const [picked] = picks.take([input.handle], sessionKeyOf(ctx.sender));
      if (!picked || picked.kind !== 'folder') {
        throw appError('validation', 'Pilih sebuah folder (bukan berkas) sebagai folder pantau.', 'Choose a folder (not a file) as the drop folder.');
      }
      const path = resolve(picked.path);
      const current = dropFolders(db);
      if (current.some((f) => resolve(f.path) === path)) {
        throw appError('conflict', `Folder ${path} sudah dipantau.`, `The folder ${path} is already watched.`);
      }
      const code = input.classificationCode ? assertCode(input.classificationCode) : null;
      return apply(ctx.actor, [...current, { path, importedDir: input.importedDir ?? DEFAULT_IMPORTED_DIR, rejectedDir: input.rejectedDir ?? DEFAULT_REJECTED_DIR, classificationCode: code }]);
    },
    'dropFolder.remove': ({ path }, ctx) => {
      const current = dropFolders(db);
      const next = current.filter((f) => resolve(f.path) !== resolve(path));
      if (next.length === current.length) throw appError('not-found', `Folder ${path} tidak ada dalam daftar folder pantau.`, `The folder ${path} is not a drop folder.`);
      return apply(ctx.actor, next);
    },
    'dropFolder.history': ({ limit }, ctx) => ({ entries: recentEntries(db, { limit, viewer: ctx.viewer }) }),
  };
}
