// The readable side of a benchmark run: one table of figures with their baselines, ratios and
// PASS/MISS against the targets, then the per-query search detail. The JSON file is the record;
// this only prints what is in it.
import type { BenchResult } from './run.ts';
import { MB, round } from './stats.ts';
import { tierTable } from './search-tiers.ts';

type Row = string[];

function table(rows: Row[], header: Row): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: Row) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const msText = (ms: number) => (ms >= 100 ? `${Math.round(ms)} ms` : `${round(ms, 2)} ms`);
const mbText = (bytes: number) => `${round(bytes / MB, 1)} MB`;
const ms1 = (ms: number | null) => (ms === null ? '-' : `${round(ms, 1)}`);

export function formatReport(r: BenchResult): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Berkas benchmark — ${r.options.records.toLocaleString('en')} records${r.options.quick ? ' (quick smoke run: figures are not meaningful)' : ''}`,
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; SQLite ${m.sqlite}; pdf.js ${m.pdfjs}; pdftotext ${m.pdftotext}`,
    `Load average at start ${r.load.start.join(' / ')}, at end ${r.load.end.join(' / ')} (1/5/15 min; other work on the machine skews absolute figures, ratios less so)`,
    '',
  );

  const rows: Row[] = [];
  const b = r.build;
  rows.push([
    `Build synthetic archive (${b.source})`,
    `${b.figures.recordsPerSecond} records/s`,
    '',
    '',
    '',
    `${b.figures.seconds} s total; ${b.figures.writeRecordsPerSecond} records/s without text generation; peak RSS ${b.figures.peakRssMb ?? '?'} MB`,
  ]);

  const i = r.import;
  rows.push([
    `Import ${i.pdfFiles} PDFs + ${i.smallFiles} small files, ${mbText(i.bytes)} (median of ${i.repetitions})`,
    `${i.ours.mbPerSecond} MB/s`,
    `${i.baseline.mbPerSecond} MB/s cp+sha256sum`,
    `${i.ratio}`,
    `≥ ${i.target.minRatio}`,
    verdict(i.target.pass),
  ]);
  rows.push(['  … against cp+sha256sum+sync', `${i.ours.filesPerSecond} files/s`, `${i.baselineWithSync.mbPerSecond} MB/s`, `${i.ratioWithSync}`, `≥ ${i.target.minRatioWithSync}`, verdict(i.target.passWithSync)]);
  rows.push([
    `  … per file: ${i.perFile.smallFiles} files < 100 KB, ${i.perFile.largeFiles} ≥ 512 KB`,
    `${i.perFile.smallFileMedianMs} ms each; ${i.perFile.largeFilesMbPerSecond} MB/s`,
    `fsync 4 KB: ${i.perFile.fsyncMs} ms`,
    '',
    '',
    'fixed cost per file; streaming rate',
  ]);

  const e = r.extraction;
  rows.push([
    `Extract text, ${e.files} PDFs, ${e.pages} pages (median of ${e.repetitions})`,
    `${e.ours.medianSeconds} s`,
    `${e.baseline.medianSeconds} s pdftotext`,
    `${e.ratio}`,
    `≤ ${e.target.maxRatio}`,
    verdict(e.target.pass),
  ]);
  rows.push(['  … worker start-up (once, not in the ratio)', msText(e.ours.workerStartupMs), '', `${e.ratioWithStartup}`, '', 'with start-up']);

  const s = r.search;
  rows.push([
    `Search p95, ${s.queries.length} queries × ${s.runsPerQuery}`,
    msText(s.ours.p95),
    `${msText(s.raw.p95)} raw FTS5`,
    `${s.ratioToRaw.p95}`,
    `≤ ${s.target.maxRatio}×`,
    verdict(s.target.ratioPass),
  ]);
  rows.push(['  … against raw FTS5 + snippet()', '', msText(s.rawSnippet.p95), `${s.ratioToRawSnippet.p95}`, `≤ ${s.target.maxRatio}×`, verdict(s.target.ratioPassVsSnippet)]);
  rows.push(['  … absolute p95 (target is for 1M records)', msText(s.ours.p95), '', '', `≤ ${s.target.maxP95Ms} ms`, verdict(s.target.p95Pass)]);
  rows.push([
    `  … with the proposed fixes (estimate, ${s.candidate.runs} runs/query)`,
    msText(s.candidate.p95),
    msText(s.rawSnippet.p95),
    `${s.candidate.ratioToRawSnippetP95}`,
    `≤ ${s.target.maxRatio}×`,
    'see breakdown',
  ]);
  rows.push(['Search p50', msText(s.ours.p50), `${msText(s.raw.p50)} raw / ${msText(s.rawSnippet.p50)} +snippet`, `${s.ratioToRaw.p50}`, '', '']);
  if (s.rankingOverlap) {
    const worst = [...s.rankingOverlap.perQuery].sort((a, b) => a.overlap - b.overlap).slice(0, 3).map((q) => `${q.label} ${q.overlap}`).join(', ');
    rows.push([`Top-10 overlap with exact BM25 (${s.rankingOverlap.perQuery.length} queries)`, `${s.rankingOverlap.mean}`, 'FTS5 bm25, ties counted', '', `≥ ${s.rankingOverlap.target}`, `${verdict(s.rankingOverlap.pass)}; lowest: ${worst}`]);
  }

  for (const c of r.list.cases) {
    rows.push([`List ${c.label}, p50 (p95)`, `${msText(c.ours.p50)} (${msText(c.ours.p95)})`, `${msText(c.raw.p50)} (${msText(c.raw.p95)}) raw`, `${c.ratio}`, '', '']);
  }
  rows.push(['  … of which count(*) for the total', msText(r.list.countMs.p50), '', '', '', '']);
  const u = r.uiList;
  if (u) {
    rows.push([
      `List in Chromium: first rows (median of ${u.runs})`,
      msText(u.firstRowsMs),
      `${msText(u.emptyArchiveFirstPaintMs)} empty archive`,
      `${round(u.firstRowsMs / u.emptyArchiveFirstPaintMs, 2)}`,
      '',
      '',
    ]);
    rows.push(['  … sort by date, jump to the last row', `${msText(u.sortByDateMs)}, ${msText(u.scrollToLastMs)}`, '', '', '', '']);
  }

  const z = r.sizes;
  rows.push([
    'Database size (file + WAL → checkpointed)',
    `${mbText(z.databaseBytes)} + ${mbText(z.walBytes)} → ${mbText(z.logicalBytes)}`,
    '',
    '',
    '',
    `${z.bytesPerRecord} B/record; search index ${z.indexShare === null ? 'n/a' : `${Math.round(z.indexShare * 100)} %`} (${z.method})`,
  ]);
  rows.push(['Store (imported PDFs)', `${mbText(i.store.allocatedBytes)} on disk`, `${mbText(i.bytes)} source`, `${round(i.store.allocatedBytes / i.bytes, 3)}`, '', `${i.store.objects} objects`]);

  const p = r.portal;
  const fm = p.faultMix;
  rows.push(['Portal push, healthy (test CKAN on loopback)', `${p.healthy.recordsPerMinute} records/min`, '', '', '', `${p.records} records in ${p.seconds} s`]);
  rows.push([
    `Portal push, fault mix (${Math.round(fm.faultRate * 100)} % of requests)`,
    `${fm.recordsPerMinute} records/min`,
    `${fm.allowedRecordsPerMinute} allowed`,
    `${fm.ratioToAllowed}`,
    `≥ ${fm.target.minRatio}`,
    `${verdict(fm.target.pass)}; ${fm.records} records in ${fm.seconds} s (${fm.realSeconds} s real); portal asked ${fm.portalAskedSeconds} s; waits ${JSON.stringify(fm.waits)}; ÷ healthy ${fm.ratioToHealthy}`,
  ]);
  rows.push([
    'Portal healthy → outbox empty',
    `${p.recovery.worstSeconds} s worst`,
    '',
    '',
    `≤ ${p.recovery.intervalSeconds} s`,
    `${verdict(p.recovery.pass)}; ${p.recovery.flakyHours} h at ${Math.round(p.recovery.faultRate * 100)} % faults, seeds ${p.recovery.seeds.join(',')}: ${p.recovery.emptyAfterSeconds.join(' / ')} s`,
  ]);

  const o = r.ocr;
  if (o) {
    rows.push([
      `OCR speed, ${o.pages} pages, one worker`,
      `${o.speed.oursPagesPerMinute} pages/min`,
      o.speed.commandPagesPerMinute === null ? 'no tesseract command' : `${o.speed.commandPagesPerMinute} pages/min tesseract (1 thread)`,
      `${o.speed.ratio ?? '-'}`,
      `≥ ${o.speed.target.minRatio}`,
      o.speed.target.pass === null ? 'no baseline' : verdict(o.speed.target.pass),
    ]);
    for (const rc of o.recall) {
      const clean300 = rc.key === '300 dpi clean';
      rows.push([
        `OCR word recall, ${rc.key}`,
        `${rc.ours} %`,
        rc.command === null ? '' : `${rc.command} % tesseract`,
        '',
        clean300 ? `≥ ${o.target.cleanRecall300} %, ≥ tesseract − ${o.target.withinPointsOfCommand}` : '',
        clean300 ? `${verdict(o.target.pass)}${o.target.passVsCommand === null ? '' : ` / ${verdict(o.target.passVsCommand)}`}` : '',
      ]);
    }
    if (o.phoneScan) {
      const ps = o.phoneScan;
      rows.push(['OCR, corpus phone scan page 1 (300 dpi)', `${ps.words} words, confidence ${ps.confidence}`, ps.commandWords === null ? '' : `${ps.commandWords} words tesseract`, '', '', ps.agreement === null ? '' : `${ps.agreement} % of tesseract's words also read by ours`]);
    }
  }

  const rs = r.responsiveness;
  if (rs) {
    const what = `${rs.files.notes + rs.files.scans}-file import with OCR (${rs.files.scans} scans), ${rs.records.toLocaleString('en')} records, ${rs.ocrWorkers} OCR worker(s)`;
    rows.push([`Records list p95 during a ${what}`, `${msText(rs.busy.listP95)} (p50 ${msText(rs.busy.listP50)})`, `${msText(rs.idle.listP95)} idle`, `${rs.ratio.list}`, '', `${rs.busy.samples} samples over ${rs.importSeconds} s`]);
    rows.push(['  … search p95', `${msText(rs.busy.searchP95)} (p50 ${msText(rs.busy.searchP50)})`, `${msText(rs.idle.searchP95)} idle`, `${rs.ratio.search}`, '', '']);
  }

  out.push(table(rows, ['Figure', 'Ours', 'Baseline', 'Ratio', 'Target', 'Verdict']));

  out.push('', 'Search per query (ms; p50 / p95; total = capped count search() reports):');
  const queryRows: Row[] = s.queries.map((q) => {
    const br = s.breakdown.find((x) => x.label === q.label)!;
    return [
      q.label,
      `${round(q.ours.p50, 2)} / ${round(q.ours.p95, 2)}`,
      `${round(q.raw.p50, 2)} / ${round(q.rawSnippet.p50, 2)}`,
      `${round(q.ours.p50 / q.raw.p50, 2)}`,
      `${q.total}`,
      `${br.matchingRows}`,
      `${ms1(br.rankRowidsMs)} / ${ms1(br.rankWithColumnsMs)} / ${ms1(br.rankRecordByRowidMs)}`,
      `${ms1(br.pageSnippetsMs)} / ${ms1(br.rankOrderWithSnippetMs)}`,
      `${ms1(br.countDistinctMs)} / ${ms1(br.countRowidsMs)} / ${ms1(br.countRecordByRowidMs)}`,
      `${ms1(br.newestFirstMs)}`,
      `${ms1(br.candidateMs)}`,
    ];
  });
  out.push(
    table(queryRows, [
      'Query',
      'ours p50 / p95',
      'raw / +snippet p50',
      'ratio',
      'total',
      'matching rows',
      'rank: rowids / +columns / record by rowid',
      'snippets: 50 by rowid / ORDER BY rank',
      'count: distinct / rowids / record by rowid',
      'newest',
      'candidate',
    ]),
    '(diagnostics: median ms of each building block on its own, see docs/benchmarks.md; "-" = not possible with a filter)',
  );

  if (r.searchTiers) out.push('', ...tierTable(r.searchTiers));

  if (r.notes.length > 0) out.push('', 'Notes:', ...r.notes.map((n) => `- ${n}`));
  return out.join('\n');
}
