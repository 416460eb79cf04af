// `npm run bench`: measures Berkas against baselines taken in the same run on the same machine —
// import against cp + sha256sum, text extraction against pdftotext, search against raw FTS5, the
// records list against a plain ORDER BY … LIMIT — on a synthetic archive of N records built through
// the app's own write path, plus sizes and portal push throughput. Writes every figure and the
// machine facts to <out>/bench-<date>.json and prints a table with ratios and PASS/MISS.
// It never changes an existing archive and never judges speed in absolute terms outside the report.
//   node bench/run.ts [--records N] [--out DIR] [--quick] [--keep-cache] [--small-files N] [--clearance CLASS]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLASS_ORDER, FULL_CLEARANCE, viewerFor, type SecurityClassName } from '../main/clearance/viewer.ts';
import { benchExtraction, type ExtractionSection } from './extraction.ts';
import { benchImport, type ImportSection } from './import.ts';
import { benchList, type ListSection } from './list.ts';
import { machineFacts, type MachineFacts } from './machine.ts';
import { gatherPdfs } from './pdfs.ts';
import { benchPortalPush, type PortalSection } from './portal-push.ts';
import { runServerLoad, type ServerLoadReport } from './server-load.ts';
import { benchOcr, type OcrSection } from './ocr.ts';
import { benchResponsiveness, type ResponsivenessSection } from './responsiveness.ts';
import { formatReport } from './report.ts';
import { benchQueries, benchSearch, type SearchSection } from './search.ts';
import { benchTiers, tierQueries, type TierSection } from './search-tiers.ts';
import { measureSizes, type SizesSection } from './sizes.ts';
import { round } from './stats.ts';
import { benchUiList, type UiListSection } from './ui-list.ts';
import { syntheticArchive, type BuildFigures, type SyntheticArchive } from './synthetic/build.ts';

export interface BenchResult {
  benchmark: 'berkas';
  formatVersion: 1;
  startedAt: string;
  finishedAt: string;
  command: string;
  options: { records: number; quick: boolean; out: string; keepCache: boolean; smallFiles: number; clearance: SecurityClassName };
  machine: MachineFacts;
  load: { start: number[]; end: number[] };
  build: { source: SyntheticArchive['source']; dir: string; figures: BuildFigures };
  sizes: SizesSection;
  search: SearchSection;
  /** The second query set, by document-frequency tier of the archive's vocabulary (bench/search-tiers.ts). */
  searchTiers: TierSection;
  list: ListSection;
  /** The list in Chromium over the browser shell (bench/ui-list.ts); null when it could not run. */
  uiList: UiListSection | null;
  import: ImportSection;
  extraction: ExtractionSection;
  portal: PortalSection;
  /** Team mode: clients over HTTPS against the department server (bench/server-load.ts). */
  serverLoad: ServerLoadReport;
  /** OCR against the tesseract command (bench/ocr.ts). */
  ocr: OcrSection | null;
  /** List and search p95 while a 1,000-file import with OCR runs, against idle (bench/responsiveness.ts). */
  responsiveness: ResponsivenessSection | null;
  /** Every target in one place: the figure, its value, the bound, and whether it was met. */
  targets: { name: string; value: number; bound: string; pass: boolean }[];
  notes: string[];
}

const USAGE = `Usage: node bench/run.ts [--records N] [--out DIR] [--quick] [--keep-cache] [--small-files N] [--clearance CLASS]
  --records N    records in the synthetic archive (default 100000; 1000000 for the full size)
  --out DIR      where results go (default bench/results/); a cached archive is looked for in DIR/cache-N/
  --quick        a smoke run: 300 records, one PDF, one extraction pass (figures are not meaningful)
  --keep-cache   build the synthetic archive into DIR/cache-N/ so later runs with the same N reuse it
  --small-files N  small generated files imported with the PDFs (default 1000; 50 in a quick run)
  --clearance C  search and list as a user with clearance C (biasa, terbatas, rahasia, sangat-rahasia;
                 default sangat-rahasia, who sees everything); the raw baselines never filter`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((n) => round(n, 2));

function options() {
  const { values } = parseArgs({
    options: {
      records: { type: 'string' },
      out: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'keep-cache': { type: 'boolean', default: false },
      clearance: { type: 'string', default: FULL_CLEARANCE },
      'small-files': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const records = values.records === undefined ? (quick ? 300 : 100_000) : Number(values.records);
  if (!Number.isInteger(records) || records < 100) {
    console.error(`--records must be a whole number of at least 100 (got ${values.records}).\n${USAGE}`);
    process.exit(2);
  }
  const out = values.out ? resolve(values.out) : fileURLToPath(new URL('./results', import.meta.url));
  const clearance = values.clearance as SecurityClassName;
  if (!CLASS_ORDER.includes(clearance)) {
    console.error(`--clearance must be one of ${CLASS_ORDER.join(', ')} (got ${values.clearance}).\n${USAGE}`);
    process.exit(2);
  }
  const smallFiles = values['small-files'] === undefined ? (quick ? 50 : 1000) : Number(values['small-files']);
  if (!Number.isInteger(smallFiles) || smallFiles < 0) {
    console.error(`--small-files must be a whole number (got ${values['small-files']}).\n${USAGE}`);
    process.exit(2);
  }
  return { records, quick, out, keepCache: values['keep-cache'], smallFiles, clearance };
}

const RENDERER = fileURLToPath(new URL('../out/renderer/index.html', import.meta.url));
const CHROMIUM = process.env.BERKAS_CHROMIUM ?? '/usr/bin/chromium';

/** The Chromium list timing needs the built renderer and a browser; without them it is a note, not a failure. */
async function listInChromium(opts: BenchResult['options'], archiveDir: string, notes: string[]): Promise<UiListSection | null> {
  if (opts.quick) {
    notes.push('The records list in Chromium is not timed in a quick run.');
    return null;
  }
  if (!existsSync(RENDERER) || !existsSync(CHROMIUM)) {
    notes.push(`The records list in Chromium was skipped: it needs the built renderer (npx electron-vite build → ${RENDERER}) and Chromium at ${CHROMIUM}.`);
    return null;
  }
  log('Records list in Chromium …');
  try {
    return await benchUiList(archiveDir, opts.records);
  } catch (error) {
    notes.push(`The records list in Chromium failed: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date();
  const loadStart = load();
  const notes: string[] = [];
  if (opts.quick) notes.push('Quick smoke run: sizes are tiny and repetitions few, so the figures say nothing about speed.');
  mkdirSync(opts.out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'berkas-bench-run-'));
  try {
    await measure(opts, { startedAt, loadStart, notes, work });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(
  opts: BenchResult['options'],
  run: { startedAt: Date; loadStart: number[]; notes: string[]; work: string },
): Promise<void> {
  const { startedAt, loadStart, notes, work } = run;
  // The PDF sections run first, while this process is small: the baselines are child processes,
  // and forking a process that has built a large archive is slower, which would be charged to them.
  log('Collecting PDFs …');
  const pdfs = await gatherPdfs({ folder: join(work, 'source'), quick: opts.quick, cacheDir: join(opts.out, 'cache-pdfs') });
  notes.push(...pdfs.notes);
  log(`Import throughput (${pdfs.files.length} PDFs, ${round(pdfs.bytes / 2 ** 20, 1)} MB, and ${opts.smallFiles} small files) …`);
  const imported = await benchImport(pdfs, 3, opts.smallFiles);
  log('Text extraction …');
  const extraction = await benchExtraction(pdfs, opts.quick ? 1 : 3);
  log('Portal push …');
  log('OCR …');
  const ocr = await benchOcr({ quick: opts.quick, phoneScan: fileURLToPath(new URL('../../shared/corpus/indonesian/pergub-4-2021-phone-scan.pdf', import.meta.url)) }).catch((error: unknown) => {
    notes.push(`OCR benchmark failed: ${(error as Error).message.split('\n')[0]}`);
    return null;
  });
  if (ocr) notes.push(...ocr.notes);
  const portal = await benchPortalPush(opts.quick ? 50 : 500, opts.quick ? { faultRecords: 50, recoverySeeds: [1] } : { faultRecords: 300 });
  log('Team server under load …');
  // One minute here; `node bench/server-load.ts 20 300` is the five-minute run of the issue.
  const serverLoad = await runServerLoad(opts.quick ? { clients: 4, seconds: 5 } : { clients: 20, seconds: 60 });

  const synthetic = await syntheticArchive({ records: opts.records, out: opts.out, keepCache: opts.keepCache, log });
  try {
    if (synthetic.source === 'reused-cache') notes.push(`The synthetic archive was reused from ${synthetic.dir}; its build figures are from the run that built it.`);
    const { db } = synthetic.archive;
    const machine = machineFacts(db);

    log('Sizes …');
    const sizes = measureSizes(synthetic.archive);

    const viewer = viewerFor({ id: null, name: 'bench', roles: ['staff'], clearance: opts.clearance });
    log(`Search latency (clearance ${opts.clearance}) …`);
    const search = benchSearch(db, benchQueries(opts.records, synthetic.codes), {
      runs: 20,
      warmup: 2,
      // The breakdown only explains; at 1M records a common word costs seconds per piece.
      breakdownRuns: opts.quick || opts.records >= 500_000 ? 3 : 5,
      classes: viewer.classes,
    });
    log('Search by document-frequency tier …');
    const searchTiers = benchTiers(db, tierQueries(db), { runs: opts.quick ? 3 : 10, classes: viewer.classes });

    log('Records list …');
    const list = benchList(db, { runs: 20, warmup: 2, viewer });

    const uiList = await listInChromium(opts, synthetic.dir, notes);

    log('Responsiveness during a bulk import with OCR …');
    const responsiveness = await benchResponsiveness(opts.quick ? { records: 300, notes: 40, scans: 1, log } : { log }).catch((error: unknown) => {
      notes.push(`Responsiveness benchmark failed: ${(error as Error).message.split('\n')[0]}`);
      return null;
    });

    const result: BenchResult = {
      benchmark: 'berkas',
      formatVersion: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: `node bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
      options: opts,
      machine,
      load: { start: loadStart, end: load() },
      build: { source: synthetic.source, dir: synthetic.dir, figures: synthetic.build },
      sizes,
      search,
      searchTiers,
      list,
      uiList,
      import: imported,
      extraction,
      portal,
      serverLoad: { ...serverLoad, errors: serverLoad.errors.slice(0, 20) },
      ocr,
      responsiveness,
      targets: [
        { name: 'import MB/s ÷ cp+sha256sum MB/s', value: imported.ratio, bound: `≥ ${imported.target.minRatio}`, pass: imported.target.pass },
        { name: 'import MB/s ÷ cp+sha256sum+sync MB/s', value: imported.ratioWithSync, bound: `≥ ${imported.target.minRatioWithSync}`, pass: imported.target.passWithSync },
        { name: 'extraction time ÷ pdftotext time', value: extraction.ratio, bound: `≤ ${extraction.target.maxRatio}`, pass: extraction.target.pass },
        { name: 'search p95 (ms)', value: search.ours.p95, bound: `≤ ${search.target.maxP95Ms} (at 1M records)`, pass: search.target.p95Pass },
        { name: 'search p95 ÷ raw FTS5 p95', value: search.ratioToRaw.p95, bound: `≤ ${search.target.maxRatio}`, pass: search.target.ratioPass },
        { name: 'search p95 ÷ raw FTS5 + snippet p95', value: search.ratioToRawSnippet.p95, bound: `≤ ${search.target.maxRatio}`, pass: search.target.ratioPassVsSnippet },
        ...(ocr?.speed.ratio != null ? [{ name: 'OCR pages/min ÷ tesseract command (one worker)', value: ocr.speed.ratio, bound: `≥ ${ocr.speed.target.minRatio}`, pass: ocr.speed.ratio >= ocr.speed.target.minRatio }] : []),
        ...(ocr ? [{ name: 'OCR word recall, 300 dpi clean (%)', value: ocr.recall.find((x) => x.key === '300 dpi clean')?.ours ?? 0, bound: `≥ ${ocr.target.cleanRecall300}`, pass: ocr.target.pass }] : []),
        { name: 'search top-10 overlap with exact BM25 (mean)', value: search.rankingOverlap.mean, bound: `≥ ${search.rankingOverlap.target}`, pass: search.rankingOverlap.pass },
        { name: 'portal push under the fault mix ÷ what the faults allow', value: portal.faultMix.ratioToAllowed, bound: `≥ ${portal.faultMix.target.minRatio}`, pass: portal.faultMix.target.pass },
        { name: 'portal healthy → outbox empty, worst of the seeds (s)', value: portal.recovery.worstSeconds, bound: `≤ ${portal.recovery.intervalSeconds} (one interval)`, pass: portal.recovery.pass },
        { name: `team server, ${serverLoad.clients} clients × ${serverLoad.seconds} s: errors`, value: serverLoad.errors.length, bound: '= 0', pass: serverLoad.errors.length === 0 },
        { name: 'team server: lost updates', value: serverLoad.lostUpdates, bound: '= 0', pass: serverLoad.lostUpdates === 0 && serverLoad.verifyConsistent },
        { name: 'team server: worst channel p95 (ms)', value: Math.max(...Object.values(serverLoad.perChannel).map((c) => c.p95)), bound: 'reported', pass: true },
      ],
      notes,
    };
    const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const file = join(opts.out, `bench-${stamp}-${opts.records}${opts.quick ? '-quick' : ''}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(formatReport(result));
    console.log(`\nAll figures: ${file}`);
  } finally {
    synthetic.dispose();
  }
}

await main();
