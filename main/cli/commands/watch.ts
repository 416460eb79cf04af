// `berkas watch DIR…`: the drop folder from the command line — the same watcher the app runs
// (main/dropfolder), with text extraction of what it imports. Runs until Ctrl+C, or with --once
// until every file present has been taken.
import { DEFAULT_IMPORTED_DIR, DEFAULT_REJECTED_DIR, DropFolderWatcher } from '../../dropfolder/watcher.ts';
import { Extractor } from '../../extract/extractor.ts';
import { Indexer } from '../../search/indexer.ts';
import { UsageError, type Command } from '../command.ts';
import { parse, withArchive } from '../args.ts';

const whole = (value: string | undefined, name: string, fallback: number, min: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number of at least ${min}`);
  return n;
};

const folderName = (value: string | undefined, name: string, fallback: string) => {
  const v = value ?? fallback;
  if (!v || v.includes('/') || v.includes('\\') || v === '.' || v === '..') throw new UsageError(`${name} must be a plain folder name (no slashes)`);
  return v;
};

export const watchCommand: Command = {
  name: 'watch',
  summary: 'Watch drop folders ("folder pantau"): import files once they stop growing, then move them to diimpor/ or ditolak/',
  usage: 'berkas watch DIR… [--code CODE] [--imported NAME] [--rejected NAME] [--stable-ms N] [--poll-ms N] [--once] [--no-extract]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      code: { type: 'string' },
      imported: { type: 'string' },
      rejected: { type: 'string' },
      'stable-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      once: { type: 'boolean', default: false },
      'no-extract': { type: 'boolean', default: false },
    });
    if (positionals.length === 0) throw new UsageError('name at least one folder to watch');
    const importedDir = folderName(values.imported, '--imported', DEFAULT_IMPORTED_DIR);
    const rejectedDir = folderName(values.rejected, '--rejected', DEFAULT_REJECTED_DIR);
    const stableMs = whole(values['stable-ms'], '--stable-ms', 5000, 0);
    const pollMs = whole(values['poll-ms'], '--poll-ms', 2000, 50);
    const user = await ctx.authenticate('staff');
    return withArchive(ctx, async (archive) => {
      const extractor = new Extractor();
      const indexer = new Indexer(archive, extractor);
      const extract = !values['no-extract'];
      if (extract) indexer.resumePending();
      const counts = { imported: 0, duplicate: 0, rejected: 0 };
      const watcher = new DropFolderWatcher(archive, {
        actor: user.name,
        pollMs,
        stableMs,
        onImported: (id) => {
          if (extract) indexer.enqueue([id]);
        },
        onEntry: (e) => {
          counts[e.status]++;
          if (!ctx.json) ctx.note(`${e.status.padEnd(9)} ${e.recordId ?? '-'}\t${e.folder}/${e.movedTo ?? e.fileName}${e.reason ? `  (${e.reason})` : ''}`);
        },
        onState: (s) => {
          if (s.state === 'offline') ctx.note(`folder ${s.path} cannot be read (${s.error}); looking again every ${pollMs} ms / folder tidak dapat dibaca, dicoba lagi`);
        },
        log: (message, error) => ctx.note(`${message}: ${error instanceof Error ? error.message : String(error ?? '')}`),
      });
      watcher.setFolders(positionals.map((path) => ({ path, importedDir, rejectedDir, classificationCode: values.code ?? null })));
      let stop: () => void = () => {};
      const stopped = new Promise<void>((resolve) => {
        stop = () => {
          watcher.abort();
          resolve();
        };
      });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        if (values.once) await watcher.drain();
        else {
          ctx.note(`watching ${positionals.join(', ')} (Ctrl+C stops)`);
          watcher.start();
          // The watcher's timer does not hold a process open (the app has its window for that).
          const alive = setInterval(() => {}, 60_000);
          await stopped.finally(() => clearInterval(alive));
          await watcher.stop();
        }
        if (extract) await indexer.idle();
        ctx.report(`Done: ${counts.imported} imported, ${counts.duplicate} duplicates, ${counts.rejected} rejected.`, { ...counts, folders: watcher.status() });
        return 0;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await watcher.stop();
        await indexer.close();
        await extractor.close();
      }
    });
  },
};
