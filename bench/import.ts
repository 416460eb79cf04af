// Import throughput on real PDFs plus many small files (a scanner's or an office's day: notes,
// letters of a few KB — where the fixed cost per file shows). Baseline: what the operating system's own tools need to copy the
// folder and hash every file (`cp -r` then `sha256sum`, real child processes). Ours: `runImport`
// into a fresh archive without text extraction — staging, hashing, fsync, rename and a group
// commit per batch of files. A second baseline adds `sync` of the copies, because our import makes every file durable
// and the plain baseline does not; it is reported for context, the target uses the plain one.
import { closeSync, copyFileSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
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
  /** Of `files`: the corpus PDFs and the generated small files. */
  pdfFiles: number;
  smallFiles: number;
  bytes: number;
  repetitions: number;
  baseline: ThroughputFigures & { command: string };
  baselineWithSync: ThroughputFigures & { command: string };
  ours: ThroughputFigures & { imported: number; openArchiveMs: number };
  /** ours MB/s ÷ baseline MB/s (higher is better). */
  ratio: number;
  ratioWithSync: number;
  target: { minRatio: number; pass: boolean; minRatioWithSync: number; passWithSync: boolean };
  /** Store of the last import: bytes of the objects and what the file system allocates for them. */
  store: { objects: number; bytes: number; allocatedBytes: number };
  /**
   * Where an import's time goes, from one more (unmeasured) import whose progress events mark each
   * file's start: the median time of a small file is the fixed cost per file (fsyncs, commit),
   * large files show the streaming rate. fsyncMs is this disk's write+fsync of 4 KB, for scale.
   */
  perFile: { smallFiles: number; smallFileMedianMs: number; largeFiles: number; largeFilesMbPerSecond: number; fsyncMs: number };
}

const SMALL = 100 * 1024;
const LARGE = 512 * 1024;

/** Median of writing 4 KB to a new file and fsyncing it: what one durable step costs on this disk. */
function fsyncLatency(dir: string): number {
  const samples: number[] = [];
  const block = Buffer.alloc(4096, 1);
  for (let i = 0; i < 20; i++) {
    const path = join(dir, `fsync-${i}`);
    const start = nowMs();
    const fd = openSync(path, 'w');
    writeSync(fd, block);
    fsyncSync(fd);
    closeSync(fd);
    samples.push(nowMs() - start);
    rmSync(path);
  }
  return round(median(samples), 3);
}

async function perFileTimes(set: PdfSet, dir: string): Promise<ImportSection['perFile']> {
  const archive = openArchive(dir);
  const starts: { file: string; at: number }[] = [];
  let end = 0;
  try {
    await runImport(archive, [set.folder], {
      actor: 'bench',
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.currentFile && starts.at(-1)?.file !== p.currentFile) starts.push({ file: p.currentFile, at: nowMs() });
        if (p.state === 'done') end = nowMs();
      },
    });
  } finally {
    archive.close();
  }
  const size = new Map(set.files.map((f) => [join(set.folder, f.name), f.bytes]));
  const small: number[] = [];
  let largeBytes = 0;
  let largeMs = 0;
  starts.forEach((s, k) => {
    const ms = (starts[k + 1]?.at ?? end) - s.at;
    const bytes = size.get(s.file) ?? 0;
    if (bytes < SMALL) small.push(ms);
    if (bytes >= LARGE) {
      largeBytes += bytes;
      largeMs += ms;
    }
  });
  return {
    smallFiles: small.length,
    smallFileMedianMs: round(median(small), 2),
    largeFiles: set.files.filter((f) => f.bytes >= LARGE).length,
    largeFilesMbPerSecond: largeMs > 0 ? round(largeBytes / MB / (largeMs / 1000), 1) : 0,
    fsyncMs: 0,
  };
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
  if (withSync) await runOk('sync', [...copies, target, join(target, 'nota')]);
  const ms = nowMs() - start;
  rmSync(target, { recursive: true, force: true });
  return ms;
}

const WORDS = 'surat undangan rapat koordinasi pengadaan jalan desa anggaran dinas kabupaten laporan kegiatan nota permohonan informasi publik'.split(' ');

/** The PDFs and `smallFiles` generated notes of 1–8 KB (each different) in one folder, as one set. */
function importSet(pdfs: PdfSet, smallFiles: number, folder: string): PdfSet {
  mkdirSync(join(folder, 'nota'), { recursive: true });
  const files: PdfSet['files'] = [];
  for (const f of pdfs.files) {
    copyFileSync(f.path, join(folder, f.name));
    files.push({ ...f, path: join(folder, f.name) });
  }
  for (let i = 0; i < smallFiles; i++) {
    const name = join('nota', `nota-dinas-${String(i).padStart(4, '0')}.txt`);
    const words = 150 + ((i * 7919) % 1100);
    const text = `Nota dinas nomor ${i}/${2026 - (i % 5)}\n${Array.from({ length: words }, (_, w) => WORDS[(w * 31 + i) % WORDS.length]).join(' ')}\n`;
    writeFileSync(join(folder, name), text);
    files.push({ path: join(folder, name), name, bytes: Buffer.byteLength(text), origin: 'generated' });
  }
  return { folder, files, bytes: files.reduce((n, f) => n + f.bytes, 0), notes: [] };
}

export async function benchImport(pdfs: PdfSet, repetitions: number, smallFiles = 1000): Promise<ImportSection> {
  const work = mkdtempSync(join(tmpdir(), 'berkas-bench-import-'));
  const set = importSet(pdfs, smallFiles, join(work, 'source'));
  const baselineMs: number[] = [];
  const syncMs: number[] = [];
  const oursMs: number[] = [];
  const openMs: number[] = [];
  let imported = 0;
  let store = { objects: 0, bytes: 0, allocatedBytes: 0 };
  let perFile: ImportSection['perFile'] | undefined;
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
    perFile = await perFileTimes(set, join(work, 'archive-per-file'));
    perFile.fsyncMs = fsyncLatency(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const n = set.files.length;
  const baseline = figures(baselineMs, set.bytes, n);
  const baselineWithSync = figures(syncMs, set.bytes, n);
  const ours = figures(oursMs, set.bytes, n);
  const ratio = round(ours.mbPerSecond / baseline.mbPerSecond, 3);
  const ratioWithSync = round(ours.mbPerSecond / baselineWithSync.mbPerSecond, 3);
  return {
    files: n,
    pdfFiles: pdfs.files.length,
    smallFiles,
    bytes: set.bytes,
    repetitions,
    baseline: { ...baseline, command: 'cp -r SOURCE COPY && sha256sum COPY/**' },
    baselineWithSync: { ...baselineWithSync, command: 'cp -r SOURCE COPY && sha256sum COPY/** && sync COPY/** COPY COPY/nota' },
    ours: { ...ours, imported, openArchiveMs: round(median(openMs), 1) },
    ratio,
    ratioWithSync,
    target: { minRatio: 0.5, pass: ratio >= 0.5, minRatioWithSync: 0.8, passWithSync: ratioWithSync >= 0.8 },
    store,
    perFile: perFile!,
  };
}
