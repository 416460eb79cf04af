// Text extraction against poppler's `pdftotext FILE -` on the same PDFs. Ours is the app's
// Extractor (pdf.js in a worker thread) with a fresh Extractor per repetition: its worker start-up
// is timed once on its own, then every file is extracted in turn. Character counts of both sides
// are kept per file, to see that both actually produced text and not just an error quickly.
import { Extractor } from '../main/extract/extractor.ts';
import type { PdfSet } from './pdfs.ts';
import { median, nowMs, round, run } from './stats.ts';

export interface ExtractionFile {
  name: string;
  bytes: number;
  baselineMs: number;
  oursMs: number;
  pages: number | null;
  status: string;
  oursChars: number;
  baselineBytes: number;
  baselineExit: number | null;
}

export interface ExtractionSection {
  files: number;
  pages: number;
  repetitions: number;
  baseline: { command: string; runsSeconds: number[]; medianSeconds: number; pagesPerSecond: number };
  ours: { runsSeconds: number[]; medianSeconds: number; pagesPerSecond: number; workerStartupMs: number; workerStartupRunsMs: number[] };
  /** ours ÷ baseline time (lower is better); worker start-up not included. */
  ratio: number;
  /** The same with one worker start-up added to ours. */
  ratioWithStartup: number;
  target: { maxRatio: number; pass: boolean };
  perFile: ExtractionFile[];
}

export async function benchExtraction(set: PdfSet, repetitions: number): Promise<ExtractionSection> {
  const baselineRuns: number[] = [];
  const oursRuns: number[] = [];
  const startups: number[] = [];
  const perFileBaseline = new Map<string, number[]>();
  const perFileOurs = new Map<string, number[]>();
  const last = new Map<string, Omit<ExtractionFile, 'baselineMs' | 'oursMs' | 'name' | 'bytes'>>();

  for (let rep = 0; rep < repetitions; rep++) {
    let total = 0;
    const baselineOut = new Map<string, { bytes: number; exit: number | null }>();
    for (const file of set.files) {
      const start = nowMs();
      const result = await run('pdftotext', [file.path, '-']);
      const ms = nowMs() - start;
      total += ms;
      perFileBaseline.set(file.name, [...(perFileBaseline.get(file.name) ?? []), ms]);
      baselineOut.set(file.name, { bytes: result.stdoutBytes, exit: result.code });
    }
    baselineRuns.push(total);

    const extractor = new Extractor();
    try {
      const started = nowMs();
      // debugHeap waits for the worker to load pdf.js and answer: the start-up alone.
      await extractor.debugHeap();
      startups.push(nowMs() - started);
      total = 0;
      for (const file of set.files) {
        let chars = 0;
        const start = nowMs();
        const result = await extractor.extract(file.path, {
          mime: 'application/pdf',
          onPage: (page) => {
            chars += page.text.length;
          },
        });
        const ms = nowMs() - start;
        total += ms;
        perFileOurs.set(file.name, [...(perFileOurs.get(file.name) ?? []), ms]);
        const out = baselineOut.get(file.name)!;
        last.set(file.name, { pages: result.pages, status: result.status, oursChars: chars, baselineBytes: out.bytes, baselineExit: out.exit });
      }
      oursRuns.push(total);
    } finally {
      await extractor.close();
    }
  }

  const perFile: ExtractionFile[] = set.files.map((f) => ({
    name: f.name,
    bytes: f.bytes,
    baselineMs: round(median(perFileBaseline.get(f.name) ?? []), 1),
    oursMs: round(median(perFileOurs.get(f.name) ?? []), 1),
    ...last.get(f.name)!,
  }));
  const pages = perFile.reduce((n, f) => n + (f.pages ?? 0), 0);
  const baselineSeconds = median(baselineRuns) / 1000;
  const oursSeconds = median(oursRuns) / 1000;
  const startup = median(startups);
  const ratio = round(oursSeconds / baselineSeconds, 3);
  return {
    files: set.files.length,
    pages,
    repetitions,
    baseline: {
      command: 'pdftotext FILE - (one process per file)',
      runsSeconds: baselineRuns.map((ms) => round(ms / 1000, 3)),
      medianSeconds: round(baselineSeconds, 3),
      pagesPerSecond: round(pages / baselineSeconds, 1),
    },
    ours: {
      runsSeconds: oursRuns.map((ms) => round(ms / 1000, 3)),
      medianSeconds: round(oursSeconds, 3),
      pagesPerSecond: round(pages / oursSeconds, 1),
      workerStartupMs: round(startup, 1),
      workerStartupRunsMs: startups.map((ms) => round(ms, 1)),
    },
    ratio,
    ratioWithStartup: round((oursSeconds + startup / 1000) / baselineSeconds, 3),
    target: { maxRatio: 2.0, pass: ratio <= 2.0 },
    perFile,
  };
}
