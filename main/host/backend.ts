// Composition: opens the archive and wires every service to the contract's handler table, once.
// Every host (Electron, browser shell, tests) gets its backend from here; the CLI uses the same
// services directly. Nothing here knows which host it serves beyond a name for the About panel.
import type { Channel, Result } from '../../preload/contract.ts';
import { openArchive, type Archive } from '../archive/open.ts';
import { handle, type CallContext, type Handlers, type Logger, type Sender } from '../ipc/router.ts';
import { EventBus } from './events.ts';
import { appVersion } from './version.ts';

export interface BackendOptions {
  archiveDir: string;
  host: 'electron' | 'browser-shell';
  /** Until accounts exist, the audit log names the operating-system user. */
  actor?: string;
  log?: Logger;
}

export interface Backend {
  readonly archive: Archive;
  readonly events: EventBus;
  readonly handlers: Handlers;
  dispatch(channel: string, input: unknown, sender: Sender): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  const archive = openArchive(options.archiveDir);
  const events = new EventBus();
  const actor = options.actor ?? 'local';
  const { db } = archive;

  const handlers: Handlers = {
    'app.info': () => ({
      version: appVersion(),
      archivePath: archive.layout.dir,
      databasePath: archive.layout.database,
      schemaVersion: archive.schemaVersion,
      host: options.host,
      recordCount: (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n,
    }),
    'archive.stats': () => {
      const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      const byStatus: Record<string, number> = {};
      for (const row of db.prepare('SELECT extract_status AS s, count(*) AS n FROM documents GROUP BY 1').all() as { s: string; n: number }[]) {
        byStatus[row.s] = row.n;
      }
      return {
        records: one('SELECT count(*) AS n FROM records'),
        documents: one('SELECT count(*) AS n FROM documents'),
        files: one('SELECT count(*) AS n FROM files'),
        storeBytes: one('SELECT coalesce(sum(size), 0) AS n FROM documents WHERE content_removed_at IS NULL'),
        byExtractStatus: byStatus,
        codes: one('SELECT count(*) AS n FROM classification_codes'),
      };
    },
  };

  return {
    archive,
    events,
    handlers,
    dispatch(channel: Channel | string, input: unknown, sender: Sender) {
      const ctx: CallContext = { sender, actor };
      return handle(handlers, channel, input, ctx, options.log);
    },
    async close() {
      archive.close();
    },
  };
}
