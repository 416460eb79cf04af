// Search latency: the app's search() (first page of 50) against the same FTS5 MATCH run directly
// on search_index, in the same process on the same archive — once bare (rowid + bm25, ORDER BY
// rank) and once with snippet() as search() shows one. When ours is slow, the breakdown re-runs
// the pieces search() is made of (its row query with and without snippet, its capped total count,
// its per-hit record lookups) and keeps their query plans, so the report can say what costs.
// The SQL of those pieces is copied from main/search/search.ts for diagnosis only; it must follow
// that file when it changes, and nothing here is used to answer a user's search.
import type { RecordFilter } from '../preload/contract.ts';
import { filterSql } from '../main/archive/records.ts';
import type { Db } from '../main/db/connection.ts';
import { parseQuery } from '../main/search/query.ts';
import { hasFilter, search, TOTAL_CAP } from '../main/search/search.ts';
import { syntheticRecord } from './synthetic/generate.ts';
import { median, nowMs, percentile, round } from './stats.ts';

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
  /** Median ms of each piece of search(), run on its own. */
  rowsWithSnippetMs: number;
  rowsWithoutSnippetMs: number;
  rowsFetched: number;
  totalCountMs: number;
  recordLookupsMs: number;
  /** How many rows of search_index match (uncapped), for scale. */
  matchingRows: number;
  /** The row query with ORDER BY rank (FTS5 sorts every match itself; snippets only for rows returned). */
  rowsByRankMs: number;
  /** Candidate fix, phase 1: rowid + bm25 + record id from the rowid, top rows by bm25, no content read. */
  topByScoreMs: number;
  /** Candidate fix, phase 2: snippet() for the shown page only, by rowid. */
  pageSnippetsMs: number;
  /** Candidate fix for the total: record ids derived from rowids instead of read from each row. */
  totalCountByRowidMs: number;
  /** Rows in rowid order (newest documents first) instead of by bm25: what an unranked page costs. */
  newestFirstMs: number;
  /** search() as proposed — phase 1 + 2 (or today's row query for prefix terms), total by rowid, lookups — run together (median ms). */
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
  /** search() as proposed (see candidateMs), pooled over the breakdown runs (an estimate, fewer runs). */
  candidate: Side & { ratioToRawSnippetP95: number; runs: number };
  plans: Record<string, string[]>;
}

const ms = (values: number[]): Side => ({ p50: round(percentile(values, 50), 3), p95: round(percentile(values, 95), 3) });

function rawStatements(db: Db, filter: RecordFilter) {
  const filtered = hasFilter(filter);
  const { where, params } = filterSql(filter);
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

/**
 * The pieces of search() for one query, timed separately (SQL as in main/search/search.ts), and
 * the candidate fixes the report proposes: rank in two phases — first only rowid, bm25 and the
 * record id derived from the rowid (no content row read, no snippet, SQLite keeps just the top
 * rows), then snippet() for the shown page by rowid — and a total that derives record ids from
 * rowids too. ORDER BY rank is measured as well: it computes snippets only for returned rows, but
 * FTS5 then sorts every match in full, which costs more than the top-N sort for common words.
 */
function pieces(db: Db, query: BenchQuery, match: string) {
  const filtered = hasFilter(query.filter);
  const { where, params } = filterSql(query.filter);
  const and = where.replace('WHERE', 'AND');
  const join = filtered ? `JOIN records r ON r.id = si.record_id ${and}` : '';
  const joinByRowid = filtered ? `JOIN records r ON r.id = ${RECORD_OF_ROWID} ${and}` : '';
  const pre = filtered ? params : [];
  const fetchLimit = Math.min(PAGE * 4 + 20, 5000);
  const snippet = "snippet(search_index, 3, char(2), char(3), '…', 14)";
  const rowsSql = (withSnippet: boolean, order: 'score' | 'rank') =>
    `SELECT si.record_id AS recordId, si.document_id AS documentId, si.page AS page,
            ${withSnippet ? snippet : "''"} AS snippet, bm25(search_index) AS score
     FROM search_index si ${join} WHERE search_index MATCH ? ORDER BY ${order} LIMIT ?`;
  const countSql = `SELECT count(*) AS n FROM (SELECT DISTINCT si.record_id FROM search_index si ${join} WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`;
  const countByRowidSql = `SELECT count(*) AS n FROM (SELECT DISTINCT ${RECORD_OF_ROWID} FROM search_index si ${joinByRowid} WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`;
  const topSql = `SELECT si.rowid AS id, ${RECORD_OF_ROWID} AS recordId, bm25(search_index) AS score
     FROM search_index si ${joinByRowid} WHERE search_index MATCH ? ORDER BY score LIMIT ?`;
  const snippetsSql = `SELECT rowid, ${snippet} AS snippet FROM search_index WHERE search_index MATCH ? AND rowid IN (SELECT value FROM json_each(?))`;
  return {
    rowsWithSnippet: db.prepare(rowsSql(true, 'score')),
    rowsWithoutSnippet: db.prepare(rowsSql(false, 'score')),
    rowsByRank: db.prepare(rowsSql(true, 'rank')),
    top: db.prepare(topSql),
    snippets: db.prepare(snippetsSql),
    /** Looking a page's rows up by rowid re-expands a prefix term once per row: far too slow. */
    hasPrefix: /"\*/.test(match),
    count: db.prepare(countSql),
    countByRowid: db.prepare(countByRowidSql),
    newestFirst: db.prepare(`SELECT si.rowid FROM search_index si ${join} WHERE search_index MATCH ? ORDER BY si.rowid DESC LIMIT ?`),
    matching: db.prepare(`SELECT count(*) AS n FROM search_index si ${join} WHERE search_index MATCH ?`),
    meta: db.prepare('SELECT subject, letter_number, letter_date, classification_code FROM records WHERE id = ?'),
    rowsArgs: [...pre, match, fetchLimit],
    countArgs: [...pre, match],
    sql: { rows: rowsSql(true, 'score'), rowsByRank: rowsSql(true, 'rank'), top: topSql, snippets: snippetsSql, count: countSql, countByRowid: countByRowidSql },
  };
}

function plan(db: Db, sql: string, args: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
}

/** Times the pieces of search() and the proposed fixes for one query (`runs` each, medians). */
function breakdownOf(db: Db, query: BenchQuery, match: string, runs: number) {
  const p = pieces(db, query, match);
  const time = (fn: () => unknown) => {
    const t: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = nowMs();
      fn();
      t.push(nowMs() - start);
    }
    return round(median(t), 3);
  };
  const rows = p.rowsWithSnippet.all(...p.rowsArgs) as { recordId: number }[];
  const firstPage = [...new Set(rows.map((r) => r.recordId))].slice(0, PAGE);
  /** Phase 1 → one row per record → the page's rowids and record ids. */
  const topPage = () => {
    const top = p.top.all(...p.rowsArgs) as { id: number; recordId: number }[];
    const seen = new Set<number>();
    const page: { id: number; recordId: number }[] = [];
    for (const row of top) {
      if (seen.has(row.recordId)) continue;
      seen.add(row.recordId);
      page.push(row);
      if (page.length === PAGE) break;
    }
    return page;
  };
  const page = topPage();
  const pageRowids = JSON.stringify(page.map((row) => row.id));
  const candidateRuns: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = nowMs();
    let ids: number[];
    if (p.hasPrefix) {
      const rowsNow = p.rowsWithSnippet.all(...p.rowsArgs) as { recordId: number }[];
      ids = [...new Set(rowsNow.map((row) => row.recordId))].slice(0, PAGE);
    } else {
      const shown = topPage();
      p.snippets.all(match, JSON.stringify(shown.map((row) => row.id)));
      ids = shown.map((row) => row.recordId);
    }
    p.countByRowid.get(...p.countArgs);
    for (const id of ids) p.meta.get(id);
    candidateRuns.push(nowMs() - start);
  }
  const figures: BreakdownFigures = {
    label: query.label,
    rowsWithSnippetMs: time(() => p.rowsWithSnippet.all(...p.rowsArgs)),
    rowsWithoutSnippetMs: time(() => p.rowsWithoutSnippet.all(...p.rowsArgs)),
    rowsFetched: rows.length,
    totalCountMs: time(() => p.count.get(...p.countArgs)),
    recordLookupsMs: time(() => firstPage.map((id) => p.meta.get(id))),
    matchingRows: (p.matching.get(...p.countArgs) as { n: number }).n,
    rowsByRankMs: time(() => p.rowsByRank.all(...p.rowsArgs)),
    topByScoreMs: time(() => p.top.all(...p.rowsArgs)),
    pageSnippetsMs: time(() => p.snippets.all(match, pageRowids)),
    totalCountByRowidMs: time(() => p.countByRowid.get(...p.countArgs)),
    newestFirstMs: time(() => p.newestFirst.all(...p.rowsArgs)),
    candidateMs: round(median(candidateRuns), 3),
  };
  return { figures, candidateRuns, statements: p, pageRowids };
}

export function benchSearch(db: Db, queries: BenchQuery[], options: { runs: number; warmup: number; breakdownRuns: number }): SearchSection {
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
      ours: () => search(db, query.text, { filter: query.filter, offset: 0, limit: PAGE }),
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
    const result = search(db, query.text, { filter: query.filter, offset: 0, limit: PAGE });
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

    const pieceFigures = breakdownOf(db, query, match, options.breakdownRuns);
    breakdown.push(pieceFigures.figures);
    candidateAll.push(...pieceFigures.candidateRuns);
    const p = pieceFigures.statements;
    for (const [kind, name] of [
      ['common', 'unfiltered'],
      ['filtered', 'code filter'],
    ] as const) {
      if (query.kind !== kind || plans[`rows (${name})`]) continue;
      plans[`rows (${name})`] = plan(db, p.sql.rows, p.rowsArgs);
      plans[`rows ORDER BY rank (${name})`] = plan(db, p.sql.rowsByRank, p.rowsArgs);
      plans[`phase 1: top rows by bm25 (${name})`] = plan(db, p.sql.top, p.rowsArgs);
      plans[`phase 2: page snippets by rowid (${name})`] = plan(db, p.sql.snippets, [match, pieceFigures.pageRowids]);
      plans[`total count (${name})`] = plan(db, p.sql.count, p.countArgs);
      plans[`total count by rowid (${name})`] = plan(db, p.sql.countByRowid, p.countArgs);
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
  };
}
