// Backups from the app (admin only): where they go and how often, run one now, verify one. The
// schedule itself runs in the backend worker (see startBackupSchedule); a restore swaps the archive
// folder and so runs with the archive closed: `berkas restore` (see docs/for-it.md).
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { liveDocuments } from '../archive/queries.ts';
import { integrityCheck } from '../db/connection.ts';
import { objectPath } from '../archive/store.ts';
import type { opsChannels } from '../../preload/contract.ts';
import type { Archive } from '../archive/open.ts';
import { appError } from '../errors.ts';
import type { Activity } from '../kernel/activity.ts';
import type { EventBus } from '../kernel/events.ts';
import { appVersion } from '../kernel/version.ts';
import type { HandlersFor } from '../kernel/calls.ts';
import { defaultBackupRoot, listBackups, runBackup, scheduleBackups, verifyBackup, type BackupResult } from './backup.ts';
import { loadPolicy, resolveBackupSettings } from './update-policy.ts';

export interface OpsDeps {
  archive: Archive;
  events: EventBus;
  activity: Activity;
}

function settings(archiveDir: string) {
  const resolved = resolveBackupSettings(loadPolicy());
  return { ...resolved, root: resolved.dir ?? defaultBackupRoot(archiveDir) };
}

function runView(result: BackupResult) {
  return {
    ok: result.ok,
    name: basename(result.dir),
    created: result.manifest.created,
    counts: result.manifest.counts,
    linked: result.linked,
    copied: result.copied,
    pruned: result.pruned,
    problems: result.problems,
  };
}

export function opsHandlers({ archive, events, activity }: OpsDeps): HandlersFor<typeof opsChannels> {
  const dir = archive.layout.dir;
  let running = false;
  return {
    'backup.list': async () => {
      const s = settings(dir);
      const generations = await listBackups(s.root);
      return { root: s.root, keep: s.keep, intervalHours: s.intervalHours, lockedByPolicy: s.lockedByPolicy.length > 0, generations: generations.map((g) => ({ name: g.name, created: g.created })) };
    },
    'backup.run': async () => {
      if (running) throw appError('busy', 'Cadangan sedang dibuat; tunggu sampai selesai.', 'A backup is already being made; wait for it to finish.');
      running = true;
      const end = activity.begin('backup');
      try {
        const s = settings(dir);
        const result = runView(await runBackup(dir, s.root, { keep: s.keep, appVersion: appVersion() }));
        events.emit('backup.done', result);
        return result;
      } finally {
        end();
        running = false;
      }
    },
    'backup.archiveHealth': async () => {
      const { db, layout } = archive;
      const check = integrityCheck(db, true);
      if (check.length !== 1 || check[0] !== 'ok') return { intact: false, why: check.slice(0, 3).join('; ') };
      const missing = liveDocuments(db).filter((d) => !existsSync(objectPath(layout, d.sha256)));
      return missing.length > 0 ? { intact: false, why: `${missing.length} document file(s) missing from the store` } : { intact: true, why: null };
    },
    'backup.verify': async ({ name }) => {
      const result = await verifyBackup(join(settings(dir).root, name));
      return { ok: result.ok, problems: result.problems };
    },
  };
}

/** The scheduled backups of this archive; returns stop(). Postponed while other work runs. */
export function startBackupSchedule({ archive, events, activity }: OpsDeps): () => void {
  const s = settings(archive.layout.dir);
  return scheduleBackups({
    archiveDir: archive.layout.dir,
    destRoot: s.root,
    keep: s.keep,
    intervalHours: s.intervalHours,
    appVersion: appVersion(),
    isBusy: () => activity.current().busy,
    onResult: (result) => events.emit('backup.done', runView(result)),
    onError: (error) => console.error('scheduled backup failed', error),
  });
}
