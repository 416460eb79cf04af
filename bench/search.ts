// Search latency: the app's search() (first page of 50) against the same FTS5 MATCH run directly
// on search_index, in the same process on the same archive — once bare (rowid + bm25, ORDER BY
// rank) and once with snippet() as search() shows one. The diagnostics then time, per query, the
// building blocks any implementation of search() is made of — ranking with or without reading
// each matching row's content, snippets for the shown hits, the capped total, the record lookups —
// with their query plans, and a candidate built from the cheapest blocks, so the report can say
// what costs and what a fix would gain. They are diagnosis only: nothing here answers a user.
import type { RecordFilter } from '../preload/contract.ts';
import { filterSql } from '../main/archive/records.ts';
import type { Db } from '../main/db/connection.ts';
import { parseQuery } from '../main/search/query.ts';
import { hasFilter, search, TOTAL_CAP } from '../main/search/search.ts';
import { syntheticRecord } from './synthetic/generate.ts';
import { median, nowMs, percentile, round } from './stats.ts';
import { CLASS_ORDER, type SecurityClassName } from '../main/clearance/viewer.ts';

export interface BenchQuery {
  label: string;
  kind: 'common' | 'medium' | 'rare' | 'none' | 'and' | 'phrase' | 'prefix' | 'or' | 'filtered';
  text: string;
  filter: RecordFilter;
}

const PAGE = 50;

/** About thirty queries of the kinds clerks type; two are taken from one record of the archive so they find it. */
export function benchQueries(records: number, codes: readonly string[]): BenchQuery[] {
  let i = Math.max(1, Math.floor(records * 0.37));
  while (i < records && !syntheticRecord(i, codes).fields.letterNumber) i++;
  const probe = syntheticRecord(i, codes);
  const q = (kind: BenchQuery['kind'], text: string, label = text, filter: RecordFilter = {}): BenchQuery => ({ kind, text, label, filter });
  return [
    q('common', 'dan'),
    q('common', 'yang'),
    q('common', 'daerah'),
    q('common', 'kegiatan'),
    q('common', 'anggaran'),
    q('common', 'pelaksanaan'),
    q('common', '2019', '2019 (year)'),
    q('medium', 'banjir'),
    q('medium', 'vaksinasi'),
    q('medium', 'retribusi'),
    q('medium', 'stunting'),
    q('medium', 'BPBD', 'BPBD (unit in letter numbers)'),
    q('rare', 'Sukamaju', 'Sukamaju (village)'),
    q('rare', 'Sinulingga', 'Sinulingga (surname)'),
    q('rare', probe.nip, 'NIP of one record'),
    q('none', 'xylofon', 'xylofon (no match)'),
    q('and', 'rapat koordinasi'),
    q('and', 'anggaran pendidikan'),
    q('and', 'bantuan sosial'),
    q('and', 'laporan keuangan'),
    q('and', 'jembatan gantung'),
    q('and', 'dinas kesehatan vaksinasi'),
    q('phrase', '"rapat koordinasi"'),
    q('phrase', '"Dinas Pekerjaan Umum"'),
    q('phrase', '"tahun anggaran 2021"'),
    q('phrase', probe.fields.letterNumber ?? 'B/000/1/SETDA-KL/I/2020', 'letter number of one record'),
    q('prefix', 'anggar*'),
    q('prefix', 'koordin*'),
    q('prefix', 'pem*'),
    q('or', 'banjir OR longsor'),
    q('filtered', 'rapat', 'rapat, code 000.1', { codePrefix: '000.1' }),
    q('filtered', 'anggaran', 'anggaran, code 900', { codePrefix: '900' }),
    q('filtered', 'bencana', 'bencana, rahasia/sangat-rahasia', { securityClass: ['rahasia', 'sangat-rahasia'] }),
  ];
}

interface Side {
  p50: number;
  p95: number;
}

export interface QueryFigures {
  label: string;
  kind: BenchQuery['kind'];
  match: string;
  total: number;
  hits: number;
  ours: Side;
  raw: Side;
  rawSnippet: Side;
}

export interface BreakdownFigures {
  label: string;
  /** How many rows of search_index match (uncapped), for scale. */
  matchingRows: number;
  /** Median ms of each building block, run on its own: */
  /** top rows by bm25 reading only rowids (ORDER BY bm25 keeps just the top rows); null with a filter, which needs the record. */
  rankRowidsMs: number | null;
  /** the same reading record_id/document_id/page (and joining the filter on record_id): every matching row's content is read. */
  rankWithColumnsMs: number;
  /** the same with the record id derived from the rowid (and the filter joined on it): no content read. */
  rankRecordByRowidMs: number;
  /** snippet() for the shown hits, one `MATCH ? AND rowid = ?` each (a prefix term is re-expanded each time). */
  pageSnippetsMs: number;
  /** one query: ORDER BY rank with snippet() — FTS5 sorts every match in full, snippets only for rows returned. */
  rankOrderWithSnippetMs: number;
  /** distinct record ids, capped, read from each row's content (with the filter joined on record_id). */
  countDistinctMs: number;
  /** matching rows, capped, by rowid only; null with a filter. */
  countRowidsMs: number | null;
  /** distinct record ids derived from rowids, capped (and the filter joined on them). */
  countRecordByRowidMs: number;
  recordLookupsMs: number;
  /** rows in rowid order (newest documents first) instead of by bm25: what an unranked page costs. */
  newestFirstMs: number;
  /** The candidate: rankRecordByRowid + pageSnippets (rankOrderWithSnippet when a term is a prefix) + countRowids (countRecordByRowid with a filter) + lookups, run together. */
  candidateMs: number;
}

export interface SearchSection {
  runsPerQuery: number;
  warmup: number;
  queries: QueryFigures[];
  /** Pooled over every run of every query. */
  ours: Side;
  raw: Side;
  rawSnippet: Side;
  /** ours ÷ baseline, p95 and p50 (lower is better). */
  ratioToRaw: { p50: number; p95: number };
  ratioToRawSnippet: { p50: number; p95: number };
  target: { maxP95Ms: number; maxRatio: number; p95Pass: boolean; ratioPass: boolean; ratioPassVsSnippet: boolean };
  breakdown: BreakdownFigures[];
  /** The candidate (see candidateMs), pooled over the breakdown runs: an estimate from fewer runs. */
  candidate: Side & { ratioToRawSnippetP95: number; runs: number };
  plans: Record<string, string[]>;
  /** Issue 16.2: how much of search()'s top 10 is the exact BM25 top 10 (FTS5's bm25 over the same
   *  rows, a record scored by its best row, ties at the 10th score all counted as top 10), for the
   *  queries without a prefix, phrase or filter, at full clearance. Target: mean ≥ 0.9. */
  rankingOverlap: { mean: number; target: number; pass: boolean; perQuery: { label: string; overlap: number; exactTop: number }[] };
}

const OVERLAP_KINDS = new Set<BenchQuery['kind']>(['common', 'medium', 'rare', 'and', 'or']);

/** See SearchSection.rankingOverlap. */
export function rankingOverlap(db: Db, queries: BenchQuery[]): SearchSection['rankingOverlap'] {
  const exact = db.prepare(`SELECT ${RECORD_OF_ROWID} AS recordId, bm25(search_index) AS score FROM search_index si WHERE search_index MATCH ? ORDER BY score LIMIT 5000`);
  const perQuery: SearchSection['rankingOverlap']['perQuery'] = [];
  for (const query of queries) {
    if (!OVERLAP_KINDS.has(query.kind) || hasFilter(query.filter)) continue;
    const match = parseQuery(query.text).match!;
    const best = new Map<number, number>();
    for (const row of exact.all(match) as { recordId: number; score: number }[]) if (!best.has(row.recordId)) best.set(row.recordId, row.score);
    if (best.size === 0) continue;
    const scores = [...best.values()];
    const tenth = scores[Math.min(10, scores.length) - 1]!;
    const top = new Set([...best].filter(([, score]) => score <= tenth + 1e-9).map(([id]) => id));
    const ours = search(db, query.text, { filter: {}, offset: 0, limit: 10, classes: CLASS_ORDER }).hits.map((h) => h.recordId);
    const want = Math.min(10, best.size);
    perQuery.push({ label: query.label, overlap: round(ours.slice(0, want).filter((id) => top.has(id)).length / want, 2), exactTop: top.size });
  }
  const mean = perQuery.length ? round(perQuery.reduce((n, q) => n + q.overlap, 0) / perQuery.length, 3) : 0;
  return { mean, target: 0.9, pass: mean >= 0.9, perQuery };
}

const ms = (values: number[]): Side => ({ p50: round(percentile(values, 50), 3), p95: round(percentile(values, 95), 3) });

function rawStatements(db: Db, filter: RecordFilter) {
  const filtered = hasFilter(filter);
  const { where, params } = filterSql(filter, CLASS_ORDER);
  const join = filtered ? `JOIN records r ON r.id = si.record_id ${where.replace('WHERE', 'AND')}` : '';
  const bare = db.prepare(`SELECT si.rowid, bm25(search_index) FROM search_index si ${join} WHERE search_index MATCH ? ORDER BY rank LIMIT ${PAGE}`);
  const snippet = db.prepare(
    `SELECT si.rowid, bm25(search_index), snippet(search_index, 3, char(2), char(3), '…', 14)
     FROM search_index si ${join} WHERE search_index MATCH ? ORDER BY rank LIMIT ${PAGE}`,
  );
  const args = (match: string) => [...(filtered ? params : []), match];
  return { bare, snippet, args };
}

/** search_index rowid → record id without reading the content table (see pageRowid in search.ts). */
const RECORD_OF_ROWID = `CASE WHEN si.rowid < 1099511627776 THEN si.rowid
  ELSE (SELECT d.record_id FROM documents d WHERE d.id = (si.rowid - 1099511627776) / 65536) END`;
const SNIPPET = "snippet(search_index, 3, char(2), char(3), '…', 14)";

function blocks(db: Db, query: BenchQuery, match: string) {
  const filtered = hasFilter(query.filter);
  const { where, params } = filterSql(query.filter, CLASS_ORDER);
  const and = where.replace('WHERE', 'AND');
  const joinOnColumn = filtered ? `JOIN records r ON r.id = si.record_id ${and}` : '';
  const joinOnRowid = filtered ? `JOIN records r ON r.id = ${RECORD_OF_ROWID} ${and}` : '';
  const pre = filtered ? params : [];
  const candidates = Math.min(PAGE * 4 + 20, 5000);
  const sql = {
    rankRowids: `SELECT si.rowid AS rowid, bm25(search_index) AS score FROM search_index si WHERE search_index MATCH ? ORDER BY score LIMIT ?`,
    rankWithColumns: `SELECT si.rowid AS rowid, si.record_id AS recordId, si.document_id AS documentId, si.page AS page, bm25(search_index) AS score
      FROM search_index si ${joinOnColumn} WHERE search_index MATCH ? ORDER BY score LIMIT ?`,
    rankRecordByRowid: `SELECT si.rowid AS rowid, ${RECORD_OF_ROWID} AS recordId, bm25(search_index) AS score
      FROM search_index si ${joinOnRowid} WHERE search_index MATCH ? ORDER BY score LIMIT ?`,
    snippet: `SELECT ${SNIPPET} AS snippet FROM search_index WHERE search_index MATCH ? AND rowid = ?`,
    rankOrderWithSnippet: `SELECT si.rowid AS rowid, ${RECORD_OF_ROWID} AS recordId, ${SNIPPET} AS snippet, bm25(search_index) AS score
      FROM search_index si ${joinOnRowid} WHERE search_index MATCH ? ORDER BY rank LIMIT ?`,
    countDistinct: `SELECT count(*) AS n FROM (SELECT DISTINCT si.record_id FROM search_index si ${joinOnColumn} WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`,
    countRowids: `SELECT count(*) AS n FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`,
    countRecordByRowid: `SELECT count(*) AS n FROM (SELECT DISTINCT ${RECORD_OF_ROWID} FROM search_index si ${joinOnRowid} WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`,
    newestFirst: `SELECT si.rowid FROM search_index si ${joinOnRowid} WHERE search_index MATCH ? ORDER BY si.rowid DESC LIMIT ?`,
    matching: `SELECT count(*) AS n FROM search_index si ${joinOnColumn} WHERE search_index MATCH ?`,
  };
  const prepare = (source: string) => db.prepare<unknown[]>(source);
  const prepared = Object.fromEntries(Object.entries(sql).map(([k, v]) => [k, prepare(v)])) as Record<keyof typeof sql, ReturnType<typeof prepare>>;
  return {
    sql,
    ...prepared,
    meta: db.prepare('SELECT subject, letter_number, letter_date, classification_code FROM records WHERE id = ?'),
    /** A prefix term is re-expanded for every single-row lookup: snippets by rowid get far too slow. */
    hasPrefix: /"\*/.test(match),
    filtered,
    rankArgs: [...pre, match, candidates],
    plainRankArgs: [match, candidates],
    countArgs: [...pre, match],
  };
}

function plan(db: Db, sql: string, args: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
}

/** One row per record, in rank order, up to a page. */
function firstPage<T extends { recordId: number }>(rows: T[]): T[] {
  const seen = new Set<number>();
  const page: T[] = [];
  for (const row of rows) {
    if (seen.has(row.recordId)) continue;
    seen.add(row.recordId);
    page.push(row);
    if (page.length === PAGE) break;
  }
  return page;
}

/** Times the building blocks and the candidate for one query (`runs` each, medians). */
function breakdownOf(db: Db, query: BenchQuery, match: string, runs: number) {
  const b = blocks(db, query, match);
  const time = (fn: () => unknown) => {
    const t: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = nowMs();
      fn();
      t.push(nowMs() - start);
    }
    return round(median(t), 3);
  };
  type Ranked = { rowid: number; recordId: number };
  const page = firstPage(b.rankRecordByRowid.all(...b.rankArgs) as Ranked[]);
  const snippets = (rows: Ranked[]) => rows.map((row) => b.snippet.get(match, row.rowid));
  const lookups = (rows: Ranked[]) => rows.map((row) => b.meta.get(row.recordId));
  // search() with the fixes the report proposes on top of today's: a prefix term takes its snippets
  // from one ORDER BY rank query; a filter joins records on the record id derived from the rowid,
  // for the ranking and for the total. Without a filter the total counts rowids, as search() does.
  const candidate = () => {
    let shown: Ranked[];
    if (b.hasPrefix) shown = firstPage(b.rankOrderWithSnippet.all(...b.rankArgs) as Ranked[]);
    else {
      shown = firstPage(b.rankRecordByRowid.all(...b.rankArgs) as Ranked[]);
      snippets(shown);
    }
    if (b.filtered) b.countRecordByRowid.get(...b.countArgs);
    else b.countRowids.get(match);
    lookups(shown);
  };
  const candidateRuns: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = nowMs();
    candidate();
    candidateRuns.push(nowMs() - start);
  }
  const figures: BreakdownFigures = {
    label: query.label,
    matchingRows: (b.matching.get(...b.countArgs) as { n: number }).n,
    rankRowidsMs: b.filtered ? null : time(() => b.rankRowids.all(...b.plainRankArgs)),
    rankWithColumnsMs: time(() => b.rankWithColumns.all(...b.rankArgs)),
    rankRecordByRowidMs: time(() => b.rankRecordByRowid.all(...b.rankArgs)),
    pageSnippetsMs: time(() => snippets(page)),
    rankOrderWithSnippetMs: time(() => b.rankOrderWithSnippet.all(...b.rankArgs)),
    countDistinctMs: time(() => b.countDistinct.get(...b.countArgs)),
    countRowidsMs: b.filtered ? null : time(() => b.countRowids.get(match)),
    countRecordByRowidMs: time(() => b.countRecordByRowid.get(...b.countArgs)),
    recordLookupsMs: time(() => lookups(page)),
    newestFirstMs: time(() => b.newestFirst.all(...b.rankArgs)),
    candidateMs: round(median(candidateRuns), 3),
  };
  const plans: Record<string, string[]> = {};
  for (const key of ['rankWithColumns', 'rankRecordByRowid', 'rankOrderWithSnippet', 'countDistinct', 'countRecordByRowid'] as const) {
    plans[key] = plan(db, b.sql[key], key.startsWith('count') ? b.countArgs : b.rankArgs);
  }
  if (page[0]) plans.snippet = plan(db, b.sql.snippet, [match, page[0].rowid]);
  return { figures, candidateRuns, plans };
}

/** `classes`: the security classes the searching user may see (`--clearance`; all by default). The
 *  raw baselines and the diagnostics never filter by clearance, so the ratio shows what it costs. */
export function benchSearch(db: Db, queries: BenchQuery[], options: { runs: number; warmup: number; breakdownRuns: number; classes?: readonly SecurityClassName[] }): SearchSection {
  const classes = options.classes ?? CLASS_ORDER;
  const all = { ours: [] as number[], raw: [] as number[], rawSnippet: [] as number[] };
  const perQuery: QueryFigures[] = [];
  const breakdown: BreakdownFigures[] = [];
  const candidateAll: number[] = [];
  const plans: Record<string, string[]> = {};

  for (const query of queries) {
    const match = parseQuery(query.text).match;
    if (!match) throw new Error(`benchmark query "${query.text}" parses to nothing`);
    const raw = rawStatements(db, query.filter);
    const sides: Record<'ours' | 'raw' | 'rawSnippet', () => unknown> = {
      ours: () => search(db, query.text, { filter: query.filter, offset: 0, limit: PAGE, classes }),
      raw: () => raw.bare.all(...raw.args(match)),
      rawSnippet: () => raw.snippet.all(...raw.args(match)),
    };
    const order = ['ours', 'raw', 'rawSnippet'] as const;
    for (let w = 0; w < options.warmup; w++) for (const side of order) sides[side]();
    const samples = { ours: [] as number[], raw: [] as number[], rawSnippet: [] as number[] };
    for (let run = 0; run < options.runs; run++) {
      // Rotate which side goes first, so none always runs on the cache the previous one warmed.
      for (let k = 0; k < order.length; k++) {
        const side = order[(run + k) % order.length]!;
        const start = nowMs();
        sides[side]();
        samples[side].push(nowMs() - start);
      }
    }
    const result = search(db, query.text, { filter: query.filter, offset: 0, limit: PAGE, classes });
    perQuery.push({
      label: query.label,
      kind: query.kind,
      match,
      total: result.total,
      hits: result.hits.length,
      ours: ms(samples.ours),
      raw: ms(samples.raw),
      rawSnippet: ms(samples.rawSnippet),
    });
    for (const side of order) all[side].push(...samples[side]);

    if (options.breakdownRuns === 0) continue; // figures only (bench/search-run.ts)
    const diagnosis = breakdownOf(db, query, match, options.breakdownRuns);
    breakdown.push(diagnosis.figures);
    candidateAll.push(...diagnosis.candidateRuns);
    // One query plan set per kind of query is enough to read.
    const planKey = `${query.kind === 'filtered' ? 'filtered' : 'unfiltered'}: ${query.label}`;
    if ((query.kind === 'common' || query.kind === 'filtered') && !Object.keys(plans).some((k) => k.startsWith(planKey.split(':')[0]!))) {
      for (const [name, detail] of Object.entries(diagnosis.plans)) plans[`${planKey} — ${name}`] = detail;
    }
  }

  const ours = ms(all.ours);
  const raw = ms(all.raw);
  const rawSnippet = ms(all.rawSnippet);
  const ratio = (a: Side, b: Side) => ({ p50: round(a.p50 / b.p50, 2), p95: round(a.p95 / b.p95, 2) });
  const ratioToRaw = ratio(ours, raw);
  const ratioToRawSnippet = ratio(ours, rawSnippet);
  return {
    runsPerQuery: options.runs,
    warmup: options.warmup,
    queries: perQuery,
    ours,
    raw,
    rawSnippet,
    ratioToRaw,
    ratioToRawSnippet,
    target: {
      maxP95Ms: 50,
      maxRatio: 1.5,
      p95Pass: ours.p95 <= 50,
      ratioPass: ratioToRaw.p95 <= 1.5,
      ratioPassVsSnippet: ratioToRawSnippet.p95 <= 1.5,
    },
    breakdown,
    candidate: { ...ms(candidateAll), ratioToRawSnippetP95: round(percentile(candidateAll, 95) / rawSnippet.p95, 2), runs: options.breakdownRuns },
    plans,
    rankingOverlap: rankingOverlap(db, queries),
  };
}
