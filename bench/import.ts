// Import throughput on real PDFs. Baseline: what the operating system's own tools need to copy the
// folder and hash every file (`cp -r` then `sha256sum`, real child processes). Ours: `runImport`
// into a fresh archive without text extraction — staging, hashing, fsync, rename and one commit per
// file. A second baseline adds `sync` of the copies, because our import makes every file durable
// and the plain baseline does not; it is reported for context, the target uses the plain one.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../main/archive/import.ts';
import { openArchive } from '../main/archive/open.ts';
import type { PdfSet } from './pdfs.ts';
import { MB, median, nowMs, round, runOk } from './stats.ts';

export interface ThroughputFigures {
  runsSeconds: number[];
  medianSeconds: number;
  mbPerSecond: number;
  filesPerSecond: number;
}

export interface ImportSection {
  files: number;
  bytes: number;
  repetitions: number;
  baseline: ThroughputFigures & { command: string };
  baselineWithSync: ThroughputFigures & { command: string };
  ours: ThroughputFigures & { imported: number; openArchiveMs: number };
  /** ours MB/s ÷ baseline MB/s (higher is better). */
  ratio: number;
  ratioWithSync: number;
  target: { minRatio: number; pass: boolean };
  /** Store of the last import: bytes of the objects and what the file system allocates for them. */
  store: { objects: number; bytes: number; allocatedBytes: number };
}

function figures(runsMs: number[], bytes: number, files: number): ThroughputFigures {
  const seconds = median(runsMs) / 1000;
  return {
    runsSeconds: runsMs.map((ms) => round(ms / 1000, 4)),
    medianSeconds: round(seconds, 4),
    mbPerSecond: round(bytes / MB / seconds, 2),
    filesPerSecond: round(files / seconds, 1),
  };
}

function walk(dir: string, visit: (path: string) => void): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, visit);
    else visit(path);
  }
}

async function baselineOnce(set: PdfSet, work: string, withSync: boolean): Promise<number> {
  const target = join(work, `copy-${Math.random().toString(36).slice(2)}`);
  const start = nowMs();
  await runOk('cp', ['-r', set.folder, target]);
  const copies = set.files.map((f) => join(target, f.name));
  await runOk('sha256sum', copies);
  // coreutils `sync FILE…` fsyncs each named file: the durability our import pays for.
  if (withSync) await runOk('sync', [...copies, target]);
  const ms = nowMs() - start;
  rmSync(target, { recursive: true, force: true });
  return ms;
}

export async function benchImport(set: PdfSet, repetitions: number): Promise<ImportSection> {
  const work = mkdtempSync(join(tmpdir(), 'berkas-bench-import-'));
  const baselineMs: number[] = [];
  const syncMs: number[] = [];
  const oursMs: number[] = [];
  const openMs: number[] = [];
  let imported = 0;
  let store = { objects: 0, bytes: 0, allocatedBytes: 0 };
  try {
    // Interleaved, so a slow patch of the machine touches both sides alike.
    for (let rep = 0; rep < repetitions; rep++) {
      baselineMs.push(await baselineOnce(set, work, false));
      syncMs.push(await baselineOnce(set, work, true));

      const dir = join(work, `archive-${rep}`);
      const opened = nowMs();
      const archive = openArchive(dir);
      openMs.push(nowMs() - opened);
      try {
        const start = nowMs();
        const report = await runImport(archive, [set.folder], { actor: 'bench' });
        oursMs.push(nowMs() - start);
        imported = report.progress.imported;
        if (report.progress.state !== 'done' || imported !== set.files.length) {
          throw new Error(`import did not take every file: ${JSON.stringify(report.progress)}`);
        }
        if (rep === repetitions - 1) {
          store = { objects: 0, bytes: 0, allocatedBytes: 0 };
          walk(archive.layout.store, (path) => {
            const info = statSync(path);
            store.objects++;
            store.bytes += info.size;
            store.allocatedBytes += info.blocks * 512;
          });
        }
      } finally {
        archive.close();
      }
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const n = set.files.length;
  const baseline = figures(baselineMs, set.bytes, n);
  const baselineWithSync = figures(syncMs, set.bytes, n);
  const ours = figures(oursMs, set.bytes, n);
  const ratio = round(ours.mbPerSecond / baseline.mbPerSecond, 3);
  return {
    files: n,
    bytes: set.bytes,
    repetitions,
    baseline: { ...baseline, command: 'cp -r SOURCE COPY && sha256sum COPY/*' },
    baselineWithSync: { ...baselineWithSync, command: 'cp -r SOURCE COPY && sha256sum COPY/* && sync COPY/* COPY' },
    ours: { ...ours, imported, openArchiveMs: round(median(openMs), 1) },
    ratio,
    ratioWithSync: round(ours.mbPerSecond / baselineWithSync.mbPerSecond, 3),
    target: { minRatio: 0.5, pass: ratio >= 0.5 },
    store,
  };
}
