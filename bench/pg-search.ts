// Search on the team server, measured rather than assumed (issue 17, item 5): PostgreSQL's own
// full-text search with its built-in `indonesian` configuration (Snowball stemmer, GIN index)
// against the app's search() on the same synthetic archive, with the bench's query set, in the
// same run. Both sides answer what the list shows: the first 50 records by rank, and the total of
// distinct records capped at 10,001. PostgreSQL runs on a throwaway cluster on loopback
// (tests/helpers/postgres.ts; fsync off, default memory settings), so its figures include a
// round trip, as a server's would. Run alone: node bench/pg-search.ts [records] (default 100,000;
// the synthetic archive is reused from bench/results/cache-<records> when it is there).
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { RecordFilter } from '../preload/contract.ts';
import { subtreeRange } from '../main/archive/codes.ts';
import { CLASS_ORDER } from '../main/clearance/viewer.ts';
import { search } from '../main/search/search.ts';
import { startTestCluster } from '../tests/helpers/postgres.ts';
import { benchQueries, type BenchQuery } from './search.ts';
import { nowMs, percentile, round } from './stats.ts';
import { syntheticArchive } from './synthetic/build.ts';

const PAGE = 50;
const CAP = 10_001;

export interface PgSearchSection {
  records: number;
  pages: number;
  load: { seconds: number; indexSeconds: number; tableMb: number; indexMb: number; fts5Mb: number };
  runsPerQuery: number;
  ours: { p50: number; p95: number };
  postgres: { p50: number; p95: number };
  ratio: { p50: number; p95: number };
  byKind: Record<string, { ours: { p50: number; p95: number }; postgres: { p50: number; p95: number } }>;
  queries: { label: string; kind: string; oursMs: number; postgresMs: number; oursTotal: number; postgresTotal: number }[];
}

/** The bench's query text as a tsquery: websearch syntax (quotes, OR) except for prefixes. */
function tsquery(text: string): { sql: string; arg: string } {
  const prefix = /^(\p{L}{3,})\*$/u.exec(text.trim());
  if (prefix) return { sql: "to_tsquery('indonesian', $1)", arg: `${prefix[1]}:*` };
  return { sql: "websearch_to_tsquery('indonesian', $1)", arg: text };
}

function filterSql(filter: RecordFilter, args: unknown[]): string {
  const parts: string[] = [];
  if (filter.codePrefix) {
    const { from, to } = subtreeRange(filter.codePrefix);
    args.push(from, to);
    parts.push(`r.code_sort >= $${args.length - 1} AND r.code_sort < $${args.length}`);
  }
  if (filter.securityClass?.length) {
    args.push(filter.securityClass);
    parts.push(`r.security_class = ANY($${args.length})`);
  }
  return parts.length ? `AND ${parts.join(' AND ')}` : '';
}

async function pgSearch(client: pg.Client, query: BenchQuery): Promise<{ ids: number[]; total: number }> {
  const q = tsquery(query.text);
  const args: unknown[] = [q.arg];
  const where = filterSql(query.filter, args);
  const join = where ? 'JOIN recs r ON r.id = p.record_id' : '';
  const top = await client.query<{ record_id: string }>(
    `SELECT p.record_id, max(ts_rank_cd(p.tsv, q)) AS rank
       FROM pages p ${join}, ${q.sql} q
      WHERE p.tsv @@ q ${where}
      GROUP BY p.record_id ORDER BY rank DESC, p.record_id DESC LIMIT ${PAGE}`,
    args,
  );
  const total = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT DISTINCT p.record_id FROM pages p ${join}, ${q.sql} q WHERE p.tsv @@ q ${where} LIMIT ${CAP}) t`,
    args,
  );
  return { ids: top.rows.map((r) => Number(r.record_id)), total: Number(total.rows[0]!.n) };
}

const side = (samples: number[]) => ({ p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2) });

export async function benchPgSearch(options: { records: number; out: string; runs?: number; log?: (line: string) => void }): Promise<PgSearchSection> {
  const log = options.log ?? ((line: string) => console.error(line));
  const runs = options.runs ?? 10;
  const synthetic = await syntheticArchive({ records: options.records, out: options.out, keepCache: true, log });
  const cluster = await startTestCluster();
  const client = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.superuser, database: 'postgres' });
  try {
    await client.connect();
    const db = synthetic.archive.db;
    await client.query(`CREATE TABLE recs (id BIGINT PRIMARY KEY, code_sort TEXT, security_class TEXT NOT NULL)`);
    await client.query(`CREATE TABLE pages (record_id BIGINT NOT NULL, body TEXT NOT NULL, tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('indonesian', body)) STORED)`);
    const loadStart = nowMs();
    let ids: number[] = [];
    let codes: (string | null)[] = [];
    let classes: string[] = [];
    for (const r of db.prepare('SELECT id, code_sort, security_class FROM records ORDER BY id').iterate() as Iterable<{ id: number; code_sort: string | null; security_class: string }>) {
      ids.push(r.id);
      codes.push(r.code_sort);
      classes.push(r.security_class);
      if (ids.length === 5000) {
        await client.query('INSERT INTO recs SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])', [ids, codes, classes]);
        ids = [];
        codes = [];
        classes = [];
      }
    }
    if (ids.length) await client.query('INSERT INTO recs SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])', [ids, codes, classes]);
    let pageIds: number[] = [];
    let bodies: string[] = [];
    let pages = 0;
    for (const row of db.prepare('SELECT CAST(record_id AS INTEGER) AS record_id, body FROM search_index').iterate() as Iterable<{ record_id: number; body: string }>) {
      pageIds.push(row.record_id);
      bodies.push(row.body);
      pages++;
      if (pageIds.length === 2000) {
        await client.query('INSERT INTO pages (record_id, body) SELECT * FROM unnest($1::bigint[], $2::text[])', [pageIds, bodies]);
        pageIds = [];
        bodies = [];
      }
    }
    if (pageIds.length) await client.query('INSERT INTO pages (record_id, body) SELECT * FROM unnest($1::bigint[], $2::text[])', [pageIds, bodies]);
    const loaded = nowMs();
    await client.query('CREATE INDEX pages_tsv ON pages USING gin (tsv)');
    await client.query('CREATE INDEX pages_record ON pages (record_id)');
    await client.query('ANALYZE');
    const indexed = nowMs();
    const size = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n) / 1024 / 1024;
    const fts5Mb = (db.prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_index%'").get() as { n: number | null }).n ?? 0;
    log(`  PostgreSQL loaded ${pages} pages in ${round((loaded - loadStart) / 1000, 1)} s, indexed in ${round((indexed - loaded) / 1000, 1)} s`);

    const queries = benchQueries(options.records, synthetic.codes);
    const all = { ours: [] as number[], postgres: [] as number[] };
    const byKind: PgSearchSection['byKind'] = {};
    const kindSamples = new Map<string, { ours: number[]; postgres: number[] }>();
    const perQuery: PgSearchSection['queries'] = [];
    for (const query of queries) {
      const ours = () => search(db, query.text, { filter: query.filter, offset: 0, limit: PAGE, classes: CLASS_ORDER });
      for (let w = 0; w < 2; w++) {
        ours();
        await pgSearch(client, query);
      }
      const samples = { ours: [] as number[], postgres: [] as number[] };
      let oursTotal = 0;
      let postgresTotal = 0;
      for (let run = 0; run < runs; run++) {
        let start = nowMs();
        oursTotal = ours().total;
        samples.ours.push(nowMs() - start);
        start = nowMs();
        postgresTotal = (await pgSearch(client, query)).total;
        samples.postgres.push(nowMs() - start);
      }
      all.ours.push(...samples.ours);
      all.postgres.push(...samples.postgres);
      const k = kindSamples.get(query.kind) ?? { ours: [], postgres: [] };
      k.ours.push(...samples.ours);
      k.postgres.push(...samples.postgres);
      kindSamples.set(query.kind, k);
      perQuery.push({ label: query.label, kind: query.kind, oursMs: side(samples.ours).p50, postgresMs: side(samples.postgres).p50, oursTotal, postgresTotal });
    }
    for (const [kind, s] of kindSamples) byKind[kind] = { ours: side(s.ours), postgres: side(s.postgres) };
    const ours = side(all.ours);
    const postgres = side(all.postgres);
    return {
      records: options.records,
      pages,
      load: {
        seconds: round((loaded - loadStart) / 1000, 1),
        indexSeconds: round((indexed - loaded) / 1000, 1),
        tableMb: round(await size("SELECT pg_table_size('pages') AS n"), 1),
        indexMb: round(await size("SELECT pg_relation_size('pages_tsv') AS n"), 1),
        fts5Mb: round(fts5Mb / 1024 / 1024, 1),
      },
      runsPerQuery: runs,
      ours,
      postgres,
      ratio: { p50: round(postgres.p50 / ours.p50, 2), p95: round(postgres.p95 / ours.p95, 2) },
      byKind,
      queries: perQuery,
    };
  } finally {
    await client.end().catch(() => undefined);
    cluster.stop();
    synthetic.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const records = process.argv[2] ? Number(process.argv[2]) : 100_000;
  const out = process.env.BERKAS_BENCH_OUT ?? fileURLToPath(new URL('./results', import.meta.url));
  console.log(JSON.stringify(await benchPgSearch({ records, out }), null, 2));
}
