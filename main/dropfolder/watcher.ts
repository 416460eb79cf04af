// The drop folder ("folder pantau"): folders a scanner or a colleague saves into, looked at every
// few seconds (polling, because change notifications do not reach across a mounted share). A file
// is taken once its size and time have stayed the same for a while — a scanner still writing is
// left alone — imported with the group commit of archive/import.ts, then moved into the folder's
// `diimpor/` (imported, or already in the archive) or `ditolak/` (with `NAME.alasan.txt` saying
// why) so it is never taken twice. Every outcome goes into the history (history.ts); the row of an
// imported file commits with its record, so a crash between import and move is finished on the
// next pass instead of importing again. A folder that cannot be read (share offline) is reported
// in its state and looked at again, never fatal. Files in subfolders are not taken.
// It never deletes a source file and never overwrites a file in diimpor/ or ditolak/.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { extname, basename, join, resolve } from 'node:path';
import type { ImportOutcome } from '../../preload/contract.ts';
import { runImport } from '../archive/import.ts';
import type { Archive } from '../archive/open.ts';
import { addEntry, entryById, markMoved, markPlanned, plannedMoves, unmovedEntry, type DropEntry } from './history.ts';

export interface DropFolderConfig {
  path: string;
  /** Subfolder names for taken files; 'diimpor' and 'ditolak' unless configured. */
  importedDir: string;
  rejectedDir: string;
  classificationCode: string | null;
}

export interface DropFolderState {
  path: string;
  state: 'watching' | 'offline';
  /** Why the folder cannot be read (the OS error), while offline. */
  error: string | null;
  lastScanAt: string | null;
  /** Files seen that are not yet taken (still growing, or waiting for their turn). */
  waiting: number;
}

export interface WatcherOptions {
  actor: string;
  /** How often each folder is listed. Default 2000 ms. */
  pollMs?: number;
  /** How long a file's size and time must stay the same before it is taken. Default 5000 ms. */
  stableMs?: number;
  /** Files taken per import run at most (the rest wait for the next pass). Default 500. */
  maxPerPass?: number;
  onImported?: (documentId: number, mime: string) => void;
  onEntry?: (entry: DropEntry) => void;
  onState?: (state: DropFolderState) => void;
  log?: (message: string, error?: unknown) => void;
}

export const DEFAULT_IMPORTED_DIR = 'diimpor';
export const DEFAULT_REJECTED_DIR = 'ditolak';

/** Litter and files still being written by their program: never taken. */
function ignored(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    ['thumbs.db', 'desktop.ini', 'ehthumbs.db'].includes(lower) ||
    /\.(tmp|part|crdownload|partial|filepart|alasan\.txt)$/.test(lower)
  );
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

/** A name in `dir` that is not taken yet: NAME, then "stem (2).ext", "stem (3).ext", … */
function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return name;
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}

export class DropFolderWatcher {
  readonly #archive: Archive;
  readonly #options: Required<Pick<WatcherOptions, 'pollMs' | 'stableMs' | 'maxPerPass'>> & WatcherOptions;
  #folders: DropFolderConfig[] = [];
  readonly #seen = new Map<string, Map<string, Seen>>();
  readonly #states = new Map<string, DropFolderState>();
  #timer: NodeJS.Timeout | null = null;
  #pass: Promise<number> | null = null;
  #stopped = true;
  #controller = new AbortController();

  constructor(archive: Archive, options: WatcherOptions) {
    this.#archive = archive;
    // `?? default`, not a spread: the backend passes its own options through, undefined when unset,
    // and a spread undefined made the app poll in a tight loop and never find a file stable.
    this.#options = { ...options, pollMs: options.pollMs ?? 2000, stableMs: options.stableMs ?? 5000, maxPerPass: options.maxPerPass ?? 500 };
  }

  setFolders(folders: readonly DropFolderConfig[]): void {
    this.#folders = folders.map((f) => ({ ...f, path: resolve(f.path) }));
    const keep = new Set(this.#folders.map((f) => f.path));
    for (const key of [...this.#seen.keys()]) if (!keep.has(key)) this.#seen.delete(key);
    for (const key of [...this.#states.keys()]) if (!keep.has(key)) this.#states.delete(key);
  }

  status(): DropFolderState[] {
    return this.#folders.map((f) => this.#states.get(f.path) ?? { path: f.path, state: 'watching', error: null, lastScanAt: null, waiting: 0 });
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#controller = new AbortController();
    this.#schedule(0);
  }

  /** Ends drain() and stops an import under way between files (for the CLI's Ctrl+C). */
  abort(): void {
    this.#controller.abort();
  }

  /** Stops looking; an import under way is cancelled between files (what was committed stays). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#controller.abort();
    await this.#pass?.catch(() => 0);
  }

  /** One look at every folder, taking the files that are stable. Returns how many were taken. */
  async pass(): Promise<number> {
    while (this.#pass) await this.#pass.catch(() => 0);
    const run = this.#runPass();
    this.#pass = run;
    try {
      return await run;
    } finally {
      this.#pass = null;
    }
  }

  /** Passes until every file present has been taken (the CLI's --once): for a scanner's batch already saved. */
  async drain(): Promise<number> {
    let taken = 0;
    for (;;) {
      taken += await this.pass();
      if (this.status().every((s) => s.waiting === 0) || this.#controller.signal.aborted) return taken;
      await new Promise((r) => setTimeout(r, Math.min(this.#options.pollMs, this.#options.stableMs)));
    }
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.pass()
        .catch((error: unknown) => this.#options.log?.('drop folder pass failed', error))
        .finally(() => this.#schedule(this.#options.pollMs));
    }, ms);
    this.#timer.unref();
  }

  async #runPass(): Promise<number> {
    let taken = 0;
    for (const folder of this.#folders) {
      if (this.#controller.signal.aborted) break;
      taken += await this.#scanFolder(folder);
    }
    return taken;
  }

  #setState(state: DropFolderState): void {
    const before = this.#states.get(state.path);
    this.#states.set(state.path, state);
    if (!before || before.state !== state.state || before.error !== state.error || before.waiting !== state.waiting) this.#options.onState?.(state);
  }

  async #scanFolder(folder: DropFolderConfig): Promise<number> {
    const now = Date.now();
    let names: string[];
    try {
      const entries = await readdir(folder.path, { withFileTypes: true });
      names = entries.filter((e) => e.isFile() && !ignored(e.name)).map((e) => e.name);
    } catch (error) {
      this.#seen.delete(folder.path);
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.#setState({ path: folder.path, state: 'offline', error: code, lastScanAt: new Date(now).toISOString(), waiting: 0 });
      return 0;
    }
    const seen = this.#seen.get(folder.path) ?? new Map<string, Seen>();
    this.#seen.set(folder.path, seen);
    const ready: { name: string; size: number }[] = [];
    const present = new Set(names);
    // A crash between a move and its record: the file is gone from here and at its planned place.
    for (const p of plannedMoves(this.#archive.db, folder.path)) {
      if (!present.has(p.fileName) && existsSync(join(folder.path, p.planned))) markMoved(this.#archive.db, p.id, p.planned);
    }
    for (const name of [...seen.keys()]) if (!present.has(name)) seen.delete(name);
    for (const name of names.sort((a, b) => a.localeCompare(b))) {
      let info;
      try {
        info = await stat(join(folder.path, name));
      } catch {
        continue; // gone between listing and looking: nothing to take
      }
      const before = seen.get(name);
      if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
        seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
        continue;
      }
      if (now - before.since >= this.#options.stableMs) ready.push({ name, size: info.size });
    }
    const batch = ready.slice(0, this.#options.maxPerPass);
    const state = (waiting: number): DropFolderState => ({ path: folder.path, state: 'watching', error: null, lastScanAt: new Date().toISOString(), waiting });
    this.#setState(state(names.length));
    if (batch.length === 0) return 0;
    const taken = await this.#take(folder, batch);
    for (const name of taken) seen.delete(name);
    this.#setState(state(Math.max(0, names.length - taken.length)));
    return taken.length;
  }

  /** Imports the files and moves each away; returns the names that left the folder. */
  async #take(folder: DropFolderConfig, files: { name: string; size: number }[]): Promise<string[]> {
    const { db } = this.#archive;
    const paths = files.map((f) => join(folder.path, f.name));
    const entryOf = new Map<string, number>();
    const report = await runImport(this.#archive, paths, {
      actor: this.#options.actor,
      classificationCode: folder.classificationCode ?? undefined,
      signal: this.#controller.signal,
      onImported: this.#options.onImported,
      inCommit: (committed) => {
        for (const c of committed) {
          entryOf.set(c.path, addEntry(db, { folder: folder.path, fileName: basename(c.path), size: c.size, status: 'imported', recordId: c.recordId, reason: null }));
        }
      },
    });
    const left: string[] = [];
    for (const outcome of report.outcomes) {
      const name = basename(outcome.path);
      try {
        if (await this.#settle(folder, outcome, entryOf.get(outcome.path) ?? null, files.find((f) => f.name === name)?.size ?? 0)) left.push(name);
      } catch (error) {
        this.#options.log?.(`drop folder: ${outcome.path} could not be moved`, error);
      }
    }
    return left;
  }

  /** Records and moves one file. Returns false when it stays (gone, or a failure worth another look). */
  async #settle(folder: DropFolderConfig, outcome: ImportOutcome, importedEntry: number | null, size: number): Promise<boolean> {
    const { db } = this.#archive;
    const name = basename(outcome.path);
    if (!existsSync(outcome.path)) return false;
    let entryId = importedEntry;
    if (entryId === null) {
      const earlier = unmovedEntry(db, folder.path, name);
      if (outcome.status === 'duplicate' && earlier?.status === 'imported' && earlier.recordId === outcome.recordId) {
        // Imported before a crash, not moved yet: finish the move, it is not a duplicate.
        entryId = earlier.id;
      } else if (outcome.status === 'rejected' && earlier?.status === 'rejected') {
        entryId = earlier.id;
      } else {
        entryId = db.transaction(() =>
          addEntry(db, { folder: folder.path, fileName: name, size, status: outcome.status, recordId: outcome.recordId, reason: outcome.reason, reasonId: outcome.message?.id ?? null }),
        )();
      }
    }
    const rejected = outcome.status === 'rejected';
    const targetDir = join(folder.path, rejected ? folder.rejectedDir : folder.importedDir);
    await mkdir(targetDir, { recursive: true });
    const target = freeName(targetDir, name);
    if (rejected) {
      await writeFile(
        join(targetDir, `${target}.alasan.txt`),
        rejectionNote(name, outcome.message ?? { id: outcome.reason ?? '-', en: outcome.reason ?? '-' }),
      );
    }
    const movedTo = `${rejected ? folder.rejectedDir : folder.importedDir}/${target}`;
    markPlanned(db, entryId, movedTo);
    await rename(outcome.path, join(targetDir, target));
    markMoved(db, entryId, movedTo);
    const entry = entryById(db, entryId);
    if (entry) this.#options.onEntry?.(entry);
    return true;
  }
}

/** The note left beside a refused file, for whoever looks in the folder: Indonesian first. */
export function rejectionNote(fileName: string, reason: { id: string; en: string }, at = new Date()): string {
  return [
    'Dokumen ini tidak diimpor ke arsip Berkas.',
    `Alasan: ${reason.id}`,
    `Dokumen: ${fileName}`,
    `Waktu: ${at.toISOString()}`,
    '',
    'This file was not imported into the Berkas archive.',
    `Reason: ${reason.en}`,
    `File: ${fileName}`,
    `Time: ${at.toISOString()}`,
    '',
  ].join('\n');
}
