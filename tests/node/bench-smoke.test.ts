// Keeps the benchmark from rotting: `bench/run.ts --quick` must run end to end in a child process
// and write a result with every section filled with numbers. It asserts shapes, never speed — a
// timing assertion here would fail on a busy machine and prove nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BenchResult } from '../../bench/run.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';

function assertNumbers(section: string, object: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) {
    const value = object[key];
    assert.equal(typeof value, 'number', `${section}.${key} is a number (got ${JSON.stringify(value)})`);
    assert.ok(Number.isFinite(value as number), `${section}.${key} is finite (got ${value})`);
  }
}

const p50p95 = ['p50', 'p95'];

test('bench --quick writes a result with every section measured', { timeout: 120_000 }, () => {
  const out = tempDir('berkas-bench-smoke-');
  const run = spawnSync(process.execPath, [join(ROOT, 'bench', 'run.ts'), '--quick', '--out', out], { encoding: 'utf8', timeout: 110_000 });
  assert.equal(run.status, 0, `bench exited with ${run.status}:\n${run.stderr}`);
  const files = readdirSync(out).filter((name) => /^bench-.*-quick\.json$/.test(name));
  assert.equal(files.length, 1, `one result file in ${out}: ${readdirSync(out).join(', ')}`);
  const result = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as BenchResult;

  assert.equal(result.options.quick, true);
  assert.equal(result.options.records, 300);
  assert.ok(result.machine.cpuModel && result.machine.sqlite && result.machine.node, 'machine facts are recorded');
  assertNumbers('machine', { ...result.machine }, ['cores', 'memoryGiB', 'schemaVersion']);

  assertNumbers('build', { ...result.build.figures }, ['records', 'seconds', 'recordsPerSecond', 'writeRecordsPerSecond', 'auditEntries']);
  assert.equal(result.build.figures.records, 300);
  assert.equal(result.build.figures.auditEntries, 301, 'one audit entry per record, plus the scheme import');

  assertNumbers('sizes', { ...result.sizes }, ['databaseBytes', 'walBytes', 'logicalBytes', 'pageCount', 'bytesPerRecord', 'indexShare', 'indexedTextBytesPerRecord']);
  assert.equal(result.sizes.records, 300);

  assert.ok(result.search.queries.length >= 30, `about thirty queries (got ${result.search.queries.length})`);
  assert.ok(result.search.runsPerQuery >= 20);
  for (const side of ['ours', 'raw', 'rawSnippet'] as const) assertNumbers(`search.${side}`, { ...result.search[side] }, p50p95);
  assertNumbers('search.ratioToRaw', { ...result.search.ratioToRaw }, p50p95);
  assertNumbers('search.ratioToRawSnippet', { ...result.search.ratioToRawSnippet }, p50p95);
  for (const q of result.search.queries) {
    assertNumbers(`search "${q.label}"`, { ...q.ours, total: q.total, hits: q.hits }, [...p50p95, 'total', 'hits']);
  }
  assert.ok(result.search.queries.some((q) => q.kind === 'filtered' && q.hits > 0), 'a code-filtered query finds records');
  assert.ok(result.search.queries.some((q) => q.label === 'NIP of one record' && q.hits === 1), 'a rare query finds its one record');
  assert.equal(result.search.breakdown.length, result.search.queries.length);
  assert.ok(Object.keys(result.search.plans).length >= 2, 'query plans are kept');

  assert.equal(result.list.cases.length, 4);
  for (const c of result.list.cases) assertNumbers(`list "${c.label}"`, { ...c.ours, ratio: c.ratio }, [...p50p95, 'ratio']);

  assert.equal(result.import.pdfFiles, 1);
  assert.equal(result.import.smallFiles, 50, 'a quick run imports 50 small files with the PDF');
  assert.equal(result.import.files, 51);
  assert.equal(result.import.ours.imported, 51);
  assertNumbers('import', { ...result.import }, ['bytes', 'ratio', 'ratioWithSync']);
  assertNumbers('import.ours', { ...result.import.ours }, ['medianSeconds', 'mbPerSecond']);
  assertNumbers('import.baseline', { ...result.import.baseline }, ['medianSeconds', 'mbPerSecond']);
  assert.equal(result.import.store.objects, 51);

  assert.equal(result.extraction.files, 1);
  assert.ok(result.extraction.pages > 0, 'the PDF has pages');
  assertNumbers('extraction', { ...result.extraction }, ['ratio', 'ratioWithStartup']);
  assertNumbers('extraction.ours', { ...result.extraction.ours }, ['medianSeconds', 'workerStartupMs']);
  assert.equal(result.extraction.perFile[0]!.status, 'ok');
  assert.ok(result.extraction.perFile[0]!.oursChars > 1000 && result.extraction.perFile[0]!.baselineBytes > 1000, 'both sides extracted text');

  assertNumbers('portal', { ...result.portal }, ['records', 'seconds', 'recordsPerSecond']);
  assertNumbers('portal.healthy', { ...result.portal.healthy }, ['records', 'seconds', 'recordsPerMinute']);
  assertNumbers('portal.faultMix', { ...result.portal.faultMix }, ['records', 'seconds', 'recordsPerMinute', 'requests', 'faulted', 'allowedRecordsPerMinute', 'ratioToAllowed']);
  assert.ok(result.portal.faultMix.faulted > 0, 'the fault mix injected faults');
  assertNumbers('portal.recovery', { ...result.portal.recovery }, ['worstSeconds', 'intervalSeconds']);

  // OCR: one page at 300 dpi clean in a quick run; the tesseract command is the baseline only where installed.
  assert.ok(result.ocr, 'the OCR section ran');
  assert.equal(result.ocr.pages, 1);
  assertNumbers('ocr.speed', { ...result.ocr.speed }, ['oursPagesPerMinute']);
  assert.equal(result.ocr.recall[0]!.key, '300 dpi clean');
  assert.ok(result.ocr.recall[0]!.ours > 50, `OCR read the typeset page (recall ${result.ocr.recall[0]!.ours} %)`);
  const command = result.ocr.speed.ratio !== null;
  assert.ok(command || result.notes.some((n) => /tesseract/.test(n)), 'a missing tesseract command is said in the notes');
  assertNumbers('search.rankingOverlap', { ...result.search.rankingOverlap }, ['mean']);
  assert.ok(result.search.rankingOverlap.perQuery.length > 10, 'the overlap is measured on the single- and multi-word queries');

  assert.ok(result.responsiveness, 'the responsiveness section ran');
  assertNumbers('responsiveness.idle', { ...result.responsiveness.idle }, ['listP95', 'searchP95']);
  assertNumbers('responsiveness.busy', { ...result.responsiveness.busy }, ['listP95', 'searchP95']);
  assert.ok(result.responsiveness.busy.samples > 0, 'the list and search were timed while the import ran');

  assert.ok(result.serverLoad.calls > 0 && result.serverLoad.verifyConsistent, 'the team server took the load and verified');
  assert.deepEqual(result.serverLoad.errors, []);
  assertNumbers('serverLoad.perChannel.records.list', { ...result.serverLoad.perChannel['records.list']! }, ['p50', 'p95']);

  assert.equal(result.targets.length, command ? 14 : 13);
  for (const t of result.targets) assert.equal(typeof t.pass, 'boolean', `target ${t.name} has a verdict`);
  assert.match(run.stdout, /Verdict/, 'the table is printed');
});

test('the PostgreSQL search comparison runs end to end on a small archive, both sides finding the same records', { timeout: 120_000 }, async () => {
  const { benchPgSearch } = await import('../../bench/pg-search.ts');
  const result = await benchPgSearch({ records: 300, out: tempDir('berkas-bench-pg-'), runs: 2, log: () => undefined });
  assert.ok(result.pages >= 300, `every record's text reached PostgreSQL (${result.pages} pages)`);
  assertNumbers('pgSearch.load', { ...result.load }, ['seconds', 'indexSeconds', 'tableMb', 'indexMb', 'fts5Mb']);
  assertNumbers('pgSearch.ours', { ...result.ours }, p50p95);
  assertNumbers('pgSearch.postgres', { ...result.postgres }, p50p95);
  const byLabel = new Map(result.queries.map((q) => [q.label, q]));
  // The one record the bench probes is found by its NIP on both sides; a word no record has, by neither.
  assert.deepEqual([byLabel.get('NIP of one record')?.oursTotal, byLabel.get('NIP of one record')?.postgresTotal], [1, 1]);
  assert.deepEqual([byLabel.get('xylofon (no match)')?.oursTotal, byLabel.get('xylofon (no match)')?.postgresTotal], [0, 0]);
});
