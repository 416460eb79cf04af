// `npm run bench:search`: the search figures of issue 16 alone, on the same synthetic archive as
// `npm run bench` (reused from <out>/cache-N/ when present, kept there when built): the bench's
// query set and the document-frequency tiers (bench/search-tiers.ts), each with page 1, page 5,
// the first run and raw FTS5 in the same run, the top-10 overlap with exact BM25, the process's
// resident memory during the run, the ranked index's size against FTS5's, and with --rebuild the
// time to rebuild the index from FTS5. The full run takes tens of minutes at a million records;
// this takes a few once the archive is built.
//   node bench/search-run.ts [--records N] [--out DIR] [--runs N] [--clearance CLASS] [--rebuild]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLASS_ORDER, FULL_CLEARANCE, viewerFor, type SecurityClassName } from '../main/clearance/viewer.ts';
import { rebuildIndex } from '../main/search/engine/store.ts';
import { search } from '../main/search/search.ts';
import { benchQueries, benchSearch } from './search.ts';
import { benchTiers, tierQueries, tierTable, type TierQuery } from './search-tiers.ts';
import { machineFacts } from './machine.ts';
import { nowMs, round } from './stats.ts';
import { syntheticArchive } from './synthetic/build.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    out: { type: 'string' },
    runs: { type: 'string', default: '10' },
    clearance: { type: 'string', default: FULL_CLEARANCE },
    rebuild: { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const runs = Number(values.runs);
const clearance = values.clearance as SecurityClassName;
if (!Number.isInteger(records) || records < 100 || !Number.isInteger(runs) || runs < 1 || !CLASS_ORDER.includes(clearance)) {
  console.error('Usage: node bench/search-run.ts [--records N ≥ 100] [--out DIR] [--runs N ≥ 1] [--clearance biasa|terbatas|rahasia|sangat-rahasia] [--rebuild]');
  process.exit(2);
}
const out = values.out ? resolve(values.out) : fileURLToPath(new URL('./results', import.meta.url));
mkdirSync(out, { recursive: true });
const log = (line: string) => console.error(line);

const startedAt = new Date();
const synthetic = await syntheticArchive({ records, out, keepCache: true, log });
try {
  const { db } = synthetic.archive;
  const classes = viewerFor({ id: null, name: 'bench', roles: ['staff'], clearance }).classes;
  let peakRss = 0;
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

  // The first search of a session loads the engine's snapshot (per unit and per record arrays).
  let start = nowMs();
  search(db, 'zzzq', { filter: {}, offset: 0, limit: 50, classes });
  const snapshotMs = round(nowMs() - start, 1);
  sampleRss();

  log('The bench query set …');
  const main = benchQueries(records, synthetic.codes);
  // Page 1, page 5 and first runs of the main set, grouped by kind, before anything warms its terms.
  const mainByKind = benchTiers(db, main.map((q): TierQuery => ({ ...q, tier: `bench: ${q.kind}` })), { runs, classes });
  sampleRss();
  const mainSet = benchSearch(db, main, { runs, warmup: 1, breakdownRuns: 0, classes });
  sampleRss();
  log('The document-frequency tiers …');
  const tiers = benchTiers(db, tierQueries(db), { runs, classes });
  sampleRss();

  const size = (like: string) => db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?`).pluck().get(like) as number;
  const fts5Bytes = size('search_index%');
  const rankedBytes = size('search_%') - fts5Bytes;
  const databaseBytes = size('%');
  let rebuildSeconds: number | null = null;
  if (values.rebuild) {
    log('Rebuilding the ranked index from FTS5 …');
    start = nowMs();
    rebuildIndex(db);
    rebuildSeconds = round((nowMs() - start) / 1000, 1);
    sampleRss();
  }

  const result = {
    benchmark: 'berkas-search',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `node bench/search-run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    records,
    clearance,
    machine: machineFacts(db),
    build: { source: synthetic.source, figures: synthetic.build },
    snapshotMs,
    peakRssMb: round(peakRss / 2 ** 20, 0),
    sizes: { databaseBytes, fts5Bytes, rankedBytes, rankedToFts5: round(rankedBytes / fts5Bytes, 2) },
    rebuildSeconds,
    mainSet: { ours: mainSet.ours, raw: mainSet.raw, ratioToRaw: mainSet.ratioToRaw, rankingOverlap: mainSet.rankingOverlap, queries: mainSet.queries },
    mainByKind,
    tiers,
  };
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = join(out, `search-${stamp}-${records}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  const mb = (b: number) => `${round(b / 2 ** 20, 0)} MB`;
  console.log(`Search at ${records.toLocaleString('en')} records (clearance ${clearance}), ${runs} runs a query, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`bench set: ours p50 ${mainSet.ours.p50} / p95 ${mainSet.ours.p95} ms, raw FTS5 p50 ${mainSet.raw.p50} / p95 ${mainSet.raw.p95} ms (ratio p95 ${mainSet.ratioToRaw.p95}); top-10 overlap ${mainSet.rankingOverlap.mean}`);
  console.log(`first search (snapshot load) ${snapshotMs} ms; peak RSS ${result.peakRssMb} MB; ranked index ${mb(rankedBytes)} against FTS5 ${mb(fts5Bytes)} (${result.sizes.rankedToFts5}×) of ${mb(databaseBytes)}${rebuildSeconds === null ? '' : `; rebuild ${rebuildSeconds} s`}`);
  console.log('', tierTable(mainByKind).join('\n'));
  console.log('', tierTable(tiers).join('\n'));
  console.log(`\nAll figures: ${file}`);
} finally {
  synthetic.dispose();
}
