// First-page list query times: listRecords (what the records screen asks for) against a plain
// `SELECT … ORDER BY … LIMIT 100` on records in the same process. listRecords also counts the
// filtered rows and joins each row's main document, so the breakdown times that count on its own.
import { listRecords, type ListOptions } from '../main/archive/records.ts';
import type { Db } from '../main/db/connection.ts';
import { nowMs, percentile, round } from './stats.ts';
import { fullViewer, type Viewer } from '../main/clearance/viewer.ts';

const LIMIT = 100;

interface Case {
  label: string;
  sort: ListOptions['sort'];
  direction: ListOptions['direction'];
  /** 'first' = offset 0, 'last' = the last full page. */
  page: 'first' | 'last';
  orderSql: string;
}

const CASES: Case[] = [
  { label: 'created_at desc, first page (default)', sort: 'createdAt', direction: 'desc', page: 'first', orderSql: 'created_at DESC, id DESC' },
  { label: 'letter date desc, first page', sort: 'letterDate', direction: 'desc', page: 'first', orderSql: 'letter_date DESC, id DESC' },
  { label: 'letter date asc, first page', sort: 'letterDate', direction: 'asc', page: 'first', orderSql: 'letter_date ASC, id ASC' },
  { label: 'created_at desc, last page', sort: 'createdAt', direction: 'desc', page: 'last', orderSql: 'created_at DESC, id DESC' },
];

interface Side {
  p50: number;
  p95: number;
}

export interface ListCaseFigures {
  label: string;
  offset: number;
  ours: Side;
  raw: Side;
  /** ours p50 ÷ raw p50 (lower is better). */
  ratio: number;
  rawSql: string;
  plan: string[];
}

export interface ListSection {
  runs: number;
  records: number;
  cases: ListCaseFigures[];
  /** The unfiltered count(*) listRecords runs for its total, on its own. */
  countMs: Side;
}

const side = (samples: number[]): Side => ({ p50: round(percentile(samples, 50), 3), p95: round(percentile(samples, 95), 3) });

/** `viewer`: who lists (`--clearance`; full clearance by default); the raw baseline never filters. */
export function benchList(db: Db, options: { runs: number; warmup: number; viewer?: Viewer }): ListSection {
  const viewer = options.viewer ?? fullViewer('bench');
  const records = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  const cases: ListCaseFigures[] = [];
  for (const c of CASES) {
    const offset = c.page === 'first' ? 0 : Math.max(0, records - LIMIT);
    const rawSql = `SELECT id, letter_number, letter_date, subject, classification_code, status, security_class, medium, created_at
                    FROM records ORDER BY ${c.orderSql} LIMIT ${LIMIT} OFFSET ${offset}`;
    const raw = db.prepare(rawSql);
    const ours = () => listRecords(db, { filter: {}, sort: c.sort, direction: c.direction, offset, limit: LIMIT }, viewer);
    for (let w = 0; w < options.warmup; w++) {
      ours();
      raw.all();
    }
    const samples = { ours: [] as number[], raw: [] as number[] };
    for (let r = 0; r < options.runs; r++) {
      const order = r % 2 === 0 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const);
      for (const which of order) {
        const start = nowMs();
        if (which === 'ours') ours();
        else raw.all();
        samples[which].push(nowMs() - start);
      }
    }
    const o = side(samples.ours);
    const b = side(samples.raw);
    cases.push({
      label: c.label,
      offset,
      ours: o,
      raw: b,
      ratio: round(o.p50 / b.p50, 2),
      rawSql: rawSql.replace(/\s+/g, ' '),
      plan: (db.prepare(`EXPLAIN QUERY PLAN ${rawSql}`).all() as { detail: string }[]).map((p) => p.detail),
    });
  }
  const count = db.prepare('SELECT count(*) AS n FROM records r');
  const countSamples: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    const start = nowMs();
    count.get();
    countSamples.push(nowMs() - start);
  }
  return { runs: options.runs, records, cases, countMs: side(countSamples) };
}
