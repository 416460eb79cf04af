// Builds the synthetic archive the search, list and size figures are measured on, through the
// app's own write path: insertRecord (with its audit entry), a document row, the page text via
// indexPage and the metadata row via reindexRecordMetadata — in large transactions, as a bulk
// migration would. A finished build may be kept in <out>/cache-N/ and reused by later runs when
// its schema and generator versions match; a cache never stands in for a different build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertDocument, setExtractResult } from '../../main/archive/documents.ts';
import { openArchive, type Archive } from '../../main/archive/open.ts';
import { insertRecord, reindexRecordMetadata } from '../../main/archive/records.ts';
import { importSchemeFile } from '../../main/archive/schemes.ts';
import { LATEST_VERSION } from '../../main/db/migrate.ts';
import { indexPage } from '../../main/search/search.ts';
import { nowMs, round } from '../stats.ts';
import { GENERATOR_VERSION, syntheticRecord } from './generate.ts';

const SCHEME_CSV = fileURLToPath(new URL('../../resources/klasifikasi-sample.csv', import.meta.url));
const MARKER = 'bench-cache.json';
const RECORDS_PER_TRANSACTION = 2000;
const ACTOR = 'bench';

export interface BuildFigures {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  /** Part of `seconds` spent generating the synthetic text and metadata (not the app's work). */
  generateSeconds: number;
  /** Records per second counting only the app's write path (total minus generation). */
  writeRecordsPerSecond: number;
  auditEntries: number;
  /** Highest resident memory of the benchmark process during the build (sampled per transaction). */
  peakRssMb: number;
}

export interface SyntheticArchive {
  archive: Archive;
  dir: string;
  codes: string[];
  /** Where the build came from: built now in a temp dir, built now into the cache, or reused. */
  source: 'built' | 'built-into-cache' | 'reused-cache';
  build: BuildFigures;
  /** Closes the archive and removes it unless it lives in the cache. */
  dispose(): void;
}

interface Marker {
  schemaVersion: number;
  generatorVersion: number;
  records: number;
  build: BuildFigures;
}

function readMarker(dir: string): Marker | null {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

function codesOf(archive: Archive): string[] {
  return (archive.db.prepare('SELECT code FROM classification_codes ORDER BY sort_key, code').all() as { code: string }[]).map((r) => r.code);
}

function fakeSha(i: number): string {
  return createHash('sha256').update(`berkas-bench-document-${i}`).digest('hex');
}

function progressLine(done: number, total: number, startedMs: number): string {
  const seconds = (nowMs() - startedMs) / 1000;
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  return `  built ${done.toLocaleString('en')} / ${total.toLocaleString('en')} records (${Math.round(done / seconds)} records/s, ${Math.round(seconds)} s, RSS ${rss} MB)`;
}

async function build(dir: string, records: number, log: (line: string) => void): Promise<{ archive: Archive; codes: string[]; figures: BuildFigures }> {
  const archive = openArchive(dir);
  const { db } = archive;
  await importSchemeFile(db, SCHEME_CSV, { actor: ACTOR });
  const codes = codesOf(archive);
  const started = nowMs();
  let generateMs = 0;
  let lastLog = started;
  let peakRss = process.memoryUsage().rss;
  for (let first = 1; first <= records; first += RECORDS_PER_TRANSACTION) {
    const last = Math.min(records, first + RECORDS_PER_TRANSACTION - 1);
    db.transaction(() => {
      for (let i = first; i <= last; i++) {
        const g = nowMs();
        const r = syntheticRecord(i, codes);
        generateMs += nowMs() - g;
        const recordId = insertRecord(db, r.fields, ACTOR, r.createdAt);
        if (recordId !== i) throw new Error(`the synthetic archive must start empty: record ${i} got id ${recordId}`);
        const documentId = insertDocument(
          db,
          { recordId, role: 'main', sha256: fakeSha(i), size: 40_000 + (i % 50_000), mime: 'application/pdf', originalName: r.originalName, extractStatus: 'pending' },
          r.createdAt,
        );
        reindexRecordMetadata(db, recordId);
        indexPage(db, recordId, documentId, 1, r.text);
        setExtractResult(db, documentId, 'ok', 1, null);
      }
    })();
    // Let the event loop turn, as the app's import does between files: better-sqlite3 frees the
    // statements its services prepare per call only in a later tick, so one long synchronous loop
    // would hold every one of them (about 70 KB per record) until it ends.
    await new Promise((resolve) => setImmediate(resolve));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (nowMs() - lastLog > 15_000) {
      lastLog = nowMs();
      log(progressLine(last, records, started));
    }
  }
  const seconds = (nowMs() - started) / 1000;
  const auditEntries = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const writeSeconds = seconds - generateMs / 1000;
  return {
    archive,
    codes,
    figures: {
      records,
      seconds: round(seconds, 2),
      recordsPerSecond: round(records / seconds, 1),
      generateSeconds: round(generateMs / 1000, 2),
      writeRecordsPerSecond: round(records / writeSeconds, 1),
      auditEntries,
      peakRssMb: Math.round(peakRss / 2 ** 20),
    },
  };
}

/**
 * The synthetic archive of `records` records: reused from `<out>/cache-N/` when a complete build
 * with the same schema and generator version is there; else built into a temp dir, or into the
 * cache when `keepCache` is set.
 */
export async function syntheticArchive(options: { records: number; out: string; keepCache: boolean; log: (line: string) => void }): Promise<SyntheticArchive> {
  const cacheDir = join(options.out, `cache-${options.records}`);
  const marker = readMarker(cacheDir);
  if (marker) {
    if (marker.schemaVersion === LATEST_VERSION && marker.generatorVersion === GENERATOR_VERSION && marker.records === options.records) {
      options.log(`Reusing the cached synthetic archive in ${cacheDir} (schema ${marker.schemaVersion}, built ${marker.build.seconds} s at ${marker.build.recordsPerSecond} records/s).`);
      const archive = openArchive(cacheDir);
      return { archive, dir: cacheDir, codes: codesOf(archive), source: 'reused-cache', build: marker.build, dispose: () => archive.close() };
    }
    options.log(
      `Not reusing ${cacheDir}: it was built for schema ${marker.schemaVersion} / generator ${marker.generatorVersion}, this code is schema ${LATEST_VERSION} / generator ${GENERATOR_VERSION}.`,
    );
  }
  const intoCache = options.keepCache;
  let dir: string;
  if (intoCache) {
    rmSync(cacheDir, { recursive: true, force: true });
    mkdirSync(cacheDir, { recursive: true });
    dir = cacheDir;
  } else {
    dir = join(mkdtempSync(join(tmpdir(), 'berkas-bench-')), 'archive');
  }
  options.log(`Building a synthetic archive of ${options.records.toLocaleString('en')} records in ${dir} …`);
  const { archive, codes, figures } = await build(dir, options.records, options.log);
  if (intoCache) {
    writeFileSync(join(dir, MARKER), JSON.stringify({ schemaVersion: LATEST_VERSION, generatorVersion: GENERATOR_VERSION, records: options.records, build: figures } satisfies Marker, null, 2));
  }
  return {
    archive,
    dir,
    codes,
    source: intoCache ? 'built-into-cache' : 'built',
    build: figures,
    dispose() {
      archive.close();
      if (!intoCache && existsSync(dir) && !process.env.BERKAS_BENCH_KEEP) rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}
