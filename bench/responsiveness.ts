// Responsiveness under bulk intake (issue 15): the records list and a search, through the same
// backend and router a screen calls, timed on an idle archive and again while a 1,000-file import
// runs with text extraction and OCR (notes, and scans that have no text layer). p95 of each, busy
// against idle in the same run. The archive is a synthetic one of its own (bench/synthetic), so
// the big cached archive is never written to. Run alone: node bench/responsiveness.ts [records]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { createBackend } from '../main/host/backend.ts';
import { bulkPoolSize } from '../main/ocr/pool.ts';
import type { Sender } from '../main/kernel/calls.ts';
import { nowMs, percentile, round } from './stats.ts';
import { syntheticArchive } from './synthetic/build.ts';

const SENDER: Sender = { kind: 'cli' };
const ADMIN = { name: 'bench', displayName: 'Bench', password: 'bench-password-1', roles: ['staff', 'supervisor', 'admin'] };

export interface ResponsivenessSide {
  samples: number;
  listP50: number;
  listP95: number;
  searchP50: number;
  searchP95: number;
}

export interface ResponsivenessSection {
  records: number;
  files: { notes: number; scans: number };
  ocrWorkers: number;
  idle: ResponsivenessSide;
  busy: ResponsivenessSide;
  /** busy p95 ÷ idle p95 (lower is better). */
  ratio: { list: number; search: number };
  importSeconds: number;
}

function scanPng(i: number): Buffer {
  const canvas = createCanvas(1240, 500);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 1240, 500);
  g.fillStyle = '#111';
  g.font = '40px serif';
  g.fillText(`Surat pindaian nomor ${i}`, 80, 120);
  g.fillText('Laporan kegiatan pelayanan informasi publik', 80, 200);
  return canvas.toBuffer('image/png');
}

async function call(backend: Awaited<ReturnType<typeof createBackend>>, channel: string, input: unknown): Promise<unknown> {
  const r = await backend.dispatch(channel, input, SENDER);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message.en}`);
  return r.value;
}

export async function benchResponsiveness(options: { records?: number; notes?: number; scans?: number; log?: (line: string) => void } = {}): Promise<ResponsivenessSection> {
  const records = options.records ?? 20_000;
  const notes = options.notes ?? 980;
  const scans = options.scans ?? 20;
  const log = options.log ?? (() => {});
  const work = mkdtempSync(join(tmpdir(), 'berkas-bench-resp-'));
  // Built "into the cache" of this run's own temp folder, so closing it keeps the files for the backend.
  const synthetic = await syntheticArchive({ records, out: work, keepCache: true, log });
  const dir = synthetic.dir;
  synthetic.dispose();
  const source = join(work, 'pindai');
  mkdirSync(source);
  for (let i = 0; i < notes; i++) writeFileSync(join(source, `nota-${i}.txt`), `Nota dinas ${i}: undangan rapat koordinasi pelayanan informasi publik tahun anggaran ${2020 + (i % 7)}.\n`.repeat(20));
  for (let i = 0; i < scans; i++) writeFileSync(join(source, `pindaian-${i}.png`), scanPng(i));
  const ocrWorkers = bulkPoolSize();
  const backend = await createBackend({ archiveDir: dir, host: 'browser-shell', ocrWorkers });
  try {
    const status = (await call(backend, 'accounts.status', {})) as { needsSetup: boolean };
    if (status.needsSetup) await call(backend, 'accounts.setup', ADMIN);
    else await call(backend, 'accounts.login', { name: ADMIN.name, password: ADMIN.password });
    type Samples = { list: number[]; search: number[] };
    const sample = async (into: Samples) => {
      let t = nowMs();
      await call(backend, 'records.list', { offset: 0, limit: 100 });
      into.list.push(nowMs() - t);
      t = nowMs();
      await call(backend, 'search.query', { query: 'rapat koordinasi' });
      into.search.push(nowMs() - t);
    };
    const side = (s: Samples): ResponsivenessSide => ({
      samples: s.list.length,
      listP50: round(percentile(s.list, 50), 2),
      listP95: round(percentile(s.list, 95), 2),
      searchP50: round(percentile(s.search, 50), 2),
      searchP95: round(percentile(s.search, 95), 2),
    });
    for (let i = 0; i < 5; i++) await sample({ list: [], search: [] }); // warm
    const idle: Samples = { list: [], search: [] };
    for (let i = 0; i < 60; i++) await sample(idle);

    const handles = backend.registerPicks([{ path: source, kind: 'folder' }]);
    const started = nowMs();
    const { jobId } = (await call(backend, 'import.start', { handles })) as { jobId: string };
    const busy: Samples = { list: [], search: [] };
    // Until the import, the text extraction and the OCR of the scans are all done.
    let importDone = false;
    const done = (async () => {
      for (;;) {
        const r = (await call(backend, 'import.result', { jobId })) as { progress: { state: string } };
        if (r.progress.state !== 'running' && r.progress.state !== 'scanning') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      importDone = true;
      await backend.indexer.idle();
      await backend.ocr.idle();
    })();
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await sample(busy);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await done;
    log(`responsiveness: import and OCR done in ${round((nowMs() - started) / 1000, 1)} s (import ${importDone ? 'done' : '?'}), ${busy.list.length} samples while busy`);
    const idleSide = side(idle);
    const busySide = side(busy);
    return {
      records,
      files: { notes, scans },
      ocrWorkers,
      idle: idleSide,
      busy: busySide,
      ratio: { list: round(busySide.listP95 / idleSide.listP95, 2), search: round(busySide.searchP95 / idleSide.searchP95, 2) },
      importSeconds: round((nowMs() - started) / 1000, 1),
    };
  } finally {
    await backend.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const records = process.argv[2] ? Number(process.argv[2]) : 20_000;
  console.log(JSON.stringify(await benchResponsiveness({ records, log: (l) => console.error(l) }), null, 2));
}
